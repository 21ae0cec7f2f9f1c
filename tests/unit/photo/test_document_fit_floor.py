"""The document fit (checks/document_fit.py) keeps its legibility floor: what it makes fits the rule and is checked
clean, never below 1000 px on the long side nor JPEG quality 60; a PNG becomes a JPEG; what cannot fit gets no
file and a hint saying what to do; only size findings are cured by it."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image
from support.applying import large_card_photo

from functions.photo.checks.document_fit import (
    MIN_LONG_SIDE,
    MIN_QUALITY,
    cannot_fit_hint,
    fit_document,
    fit_may_help,
)
from functions.photo.checks.documents import check_document


def test_a_card_photo_fits_and_stays_legible(chongqing):
    spec, data = chongqing.documents["id_front"], large_card_photo()
    before = check_document("id_front", data, "a.jpg", chongqing)
    assert [f["code"] for f in before["findings"]] == ["FILE_TOO_LARGE"] and fit_may_help(before, spec)
    fitted, measured = fit_document(data, spec)
    assert fitted is not None and len(fitted) == measured["after_bytes"] <= spec.max_bytes
    assert max(measured["width"], measured["height"]) >= MIN_LONG_SIDE and measured["quality"] >= MIN_QUALITY
    assert Image.open(io.BytesIO(fitted)).size == (measured["width"], measured["height"])
    assert check_document("id_front", fitted, "a.jpg", chongqing)["ok"] is True


def test_a_png_scan_becomes_a_jpeg(chongqing):
    out = io.BytesIO()
    Image.open(io.BytesIO(large_card_photo())).save(out, "PNG")
    fitted, _ = fit_document(out.getvalue(), chongqing.documents["diploma"])
    assert fitted is not None and fitted[:3] == b"\xff\xd8\xff"


def test_what_cannot_fit_legibly_gets_no_file_and_a_hint(chongqing):
    spec = chongqing.documents["diploma"]
    out = io.BytesIO()
    Image.fromarray(np.random.default_rng(3).integers(0, 255, (1500, 2000, 3), dtype=np.uint8)).save(out, "JPEG")
    fitted, measured = fit_document(out.getvalue(), spec)
    assert fitted is None and measured["before_width"] == 2000
    result = check_document("diploma", out.getvalue(), "d.jpg", chongqing)
    [hint] = [f["hint"] for f in cannot_fit_hint(result, spec)["findings"] if f["code"] == "FILE_TOO_LARGE"]
    assert "裁掉" in hint and "扫描件" in hint and "1000 像素" in hint and "50 KB" in hint


def test_only_size_problems_are_cured(chongqing):
    spec = chongqing.documents["id_back"]
    broken = check_document("id_back", b"\xff\xd8\xff" + b"0" * 60000, "b.jpg", chongqing)
    assert not fit_may_help(broken, spec)
