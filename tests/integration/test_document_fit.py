"""A document over 重庆's 50 KB is made to fit where that keeps it legible (issue 19 item 12), through the running
portal: a phone's picture of an ID card (2400 × 1600, some 700 KB) is offered downscaled and re-encoded with what was
measured (KB before and after, pixels), and becomes the current file only when the candidate takes it; a picture
that stays over 50 KB even at the legibility floor (long side 1000 px, JPEG quality 60) is refused with a hint
saying what to do instead."""
from __future__ import annotations

import io

import httpx
import numpy as np
import pytest
from PIL import Image
from support.applying import candidate, large_card_photo, ok
from support.portal_client import serving

from functions.photo.checks.document_fit import MIN_LONG_SIDE, MIN_QUALITY

LIMIT = 51200


@pytest.fixture(scope="module")
def chongqing(portal):
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        yield


def jpeg(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "JPEG", quality=92)
    return out.getvalue()


def static() -> bytes:
    """Pure noise: nothing legible fits it into 50 KB."""
    return jpeg(np.random.default_rng(2).integers(0, 255, (1600, 2400, 3), dtype=np.uint8))


def checked(me, data: bytes, kind: str = "id_front") -> dict:
    slot = ok(me.post("/api/photo/uploads", json={"kind": kind, "filename": f"{kind}.jpg", "size": len(data)}))
    sent = httpx.post(slot["url"], data=slot["fields"], files={"file": (f"{kind}.jpg", data, "image/jpeg")})
    assert sent.status_code in (200, 201, 204), sent.text
    return ok(me.post(f"/api/photo/uploads/{slot['upload_id']}/check"))


def test_a_large_card_photo_is_offered_downscaled_and_taken_only_when_confirmed(portal, table, chongqing):
    me = candidate(portal, table, "500103", province="chongqing")
    data = large_card_photo()
    answer = checked(me, data)
    assert answer["status"] == "fix_offered" and answer["ok"] is False
    assert [f["code"] for f in answer["findings"]] == ["FILE_TOO_LARGE"]
    fix = answer["fix"]
    assert fix["acceptable"] is True and fix["ok"] is True
    fitted = fix["fitted"]
    assert fitted["before_bytes"] == len(data) > LIMIT
    assert (fitted["before_width"], fitted["before_height"]) == (2400, 1600)
    assert fitted["after_bytes"] <= LIMIT and fitted["quality"] >= MIN_QUALITY
    assert max(fitted["width"], fitted["height"]) >= MIN_LONG_SIDE
    assert fitted["width"] * 2 == fitted["height"] * 3 or abs(fitted["width"] / fitted["height"] - 1.5) < 0.01
    assert not [u for u in ok(me.get("/api/photo/uploads"))["uploads"] if u["kind"] == "id_front"]

    taken = ok(me.post(f"/api/photo/uploads/{answer['upload_id']}/fix", json={"accept": True}))
    assert taken["current"]["kind"] == "id_front" and taken["current"]["fixed"] is True
    stored = me.get(taken["current"]["url"]).content
    assert len(stored) == fitted["after_bytes"]
    assert Image.open(io.BytesIO(stored)).size == (fitted["width"], fitted["height"])


def test_a_picture_that_cannot_fit_legibly_says_what_to_do(portal, table, chongqing):
    me = candidate(portal, table, "500103", province="chongqing")
    answer = checked(me, static(), "diploma")
    assert answer["status"] == "failed" and "fix" not in answer
    [finding] = answer["findings"]
    assert finding["code"] == "FILE_TOO_LARGE"
    assert "裁掉" in finding["hint"] and "扫描件" in finding["hint"] and "1000 像素" in finding["hint"]
