"""check_document: good uploads pass; wrong types, broken files, bombs and hostile archives are refused."""
from __future__ import annotations

import dataclasses
import io

import hostile
import portraits as P
import pytest
from PIL import Image
from portraits import codes

from functions.photo.checks.documents import DocumentNotTaken, check_document


def small_jpeg(size=(600, 400), quality=70) -> bytes:
    buf = io.BytesIO()
    P.compliant_image().resize(size).save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def test_chongqing_id_front_jpeg_under_50k(chongqing):
    result = check_document("id_front", small_jpeg(), "sfz.jpg", chongqing)
    assert result["ok"], result["findings"]
    assert result["measured"]["format"] == "jpeg"


def test_chongqing_refuses_large_png_renamed_and_huge_images(chongqing):
    png = P.png(P.compliant_image())
    assert "FORMAT" in codes(check_document("id_back", png, "back.jpg", chongqing))
    assert "FILE_TOO_LARGE" in codes(check_document("diploma", P.compliant_jpeg() * 2, "d.jpg", chongqing))
    huge = io.BytesIO()
    Image.new("RGB", (2600, 2000), (250, 250, 250)).save(huge, "JPEG", quality=60)
    found = check_document("signature", huge.getvalue(), "sign.jpg", chongqing)
    assert "DIMENSIONS" in codes(found)                                 # 5.2 MP over the 4 MP limit, never decoded


@pytest.mark.parametrize("data", [
    small_jpeg()[:3000],                                                 # cut off during upload
    hostile.jpeg_with_size(small_jpeg(), 60000, 60000),                  # bomb header
])
def test_broken_images_are_unreadable(chongqing, data):
    assert "UNREADABLE" in codes(check_document("id_front", data, "a.jpg", chongqing))


def test_anhui_accepts_pdf_and_jpg_for_certificates(anhui):
    assert check_document("other", hostile.pdf(), "毕业证.pdf", anhui)["ok"]     # 安徽 asks no diploma upload
    assert check_document("appraisal", small_jpeg(), "鉴定表.jpg", anhui)["ok"]
    assert check_document("filing_form", hostile.pdf(), "备案表.PDF", anhui)["ok"]


@pytest.mark.parametrize("name,data", [
    ("truncated", hostile.pdf()[:-200]),
    ("no_eof", hostile.pdf().replace(b"%%EOF", b"")),
    ("bad_xref_pointer", hostile.pdf().replace(b"startxref\n", b"startxref\n9")),
    ("javascript", hostile.pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>", catalog_extra=b"/OpenAction 5 0 R ")),
    ("escaped_javascript", hostile.pdf(b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>")),
    ("javascript_in_stream", hostile.pdf(hostile.flate_stream(b"<< /S /JavaScript /JS (x) >>"))),
    ("launch", hostile.pdf(b"<< /S /Launch /F (cmd.exe) >>")),
    ("encrypted", hostile.pdf(b"<< /Filter /Standard /V 1 >>").replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 5 0 R")),
])
def test_bad_or_active_pdfs_are_refused(anhui, name, data):
    result = check_document("filing_form", data, "d.pdf", anhui)
    assert "UNREADABLE" in codes(result), name
    assert not result["ok"]


def test_wrong_real_type_with_right_extension(anhui, shanxi):
    assert "FORMAT" in codes(check_document("filing_form", small_jpeg(), "d.pdf", anhui))   # JPEG named .pdf
    assert "FORMAT" in codes(check_document("filing_form", hostile.pdf(), "d.jpg", anhui))
    zipped = hostile.zip_of({"a.jpg": small_jpeg()})
    assert "FORMAT" in codes(check_document("other", zipped, "x.pdf", anhui))
    assert "FORMAT" in codes(check_document("old_course_cards", hostile.pdf(), "cards.zip", shanxi))


def test_shanxi_course_cards_archive(shanxi):
    good = hostile.zip_of({"卡片1.jpg": small_jpeg(), "cards/卡片2.png": P.png(P.compliant_image().resize((200, 260))),
                           "cards/说明.pdf": hostile.pdf()})
    result = check_document("old_course_cards", good, "旧计划课程.zip", shanxi)
    assert result["ok"], result["findings"]
    assert result["measured"]["entries"] == 3


@pytest.mark.parametrize("name,entries,symlink", [
    ("traversal", {"../../etc/cron.d/x.jpg": b"\xff\xd8\xff" + b"0" * 100}, None),
    ("absolute", {"/etc/passwd.jpg": b"\xff\xd8\xff" + b"0" * 100}, None),
    ("windows_traversal", {"..\\..\\boot.jpg": b"\xff\xd8\xff" + b"0" * 100}, None),
    ("executable", {"setup.jpg": b"MZ\x90\x00" + b"\x00" * 500}, None),
    ("script", {"a.jpg": b"\xff\xd8\xff" + b"0" * 100, "run.sh": b"#!/bin/sh\nrm -rf /\n"}, None),
    ("nested_zip", {"inner.zip": hostile.zip_of({"a.jpg": b"\xff\xd8\xff"})}, None),
    ("symlink", {"a.jpg": b"\xff\xd8\xff" + b"0" * 100}, "link.jpg"),
    ("empty", {}, None),
])
def test_hostile_archives_are_refused(shanxi, name, entries, symlink):
    result = check_document("old_course_cards", hostile.zip_of(entries, symlink=symlink), "c.zip", shanxi)
    assert "UNREADABLE" in codes(result), name


def test_zip_bombs_are_refused_before_inflating(shanxi):
    bomb = hostile.zip_of({"big.jpg": b"\xff\xd8\xff" + b"\x00" * 30_000_000})      # ~30 KB on the wire
    assert len(bomb) < 100_000
    result = check_document("old_course_cards", bomb, "c.zip", shanxi)
    assert "UNREADABLE" in codes(result)
    many = hostile.zip_of({f"{i}.jpg": b"\xff\xd8\xff" for i in range(150)})
    assert "UNREADABLE" in codes(check_document("old_course_cards", many, "c.zip", shanxi))


def test_total_uncompressed_size_is_bounded(shanxi):
    tight = dataclasses.replace(shanxi.documents["old_course_cards"], max_uncompressed_bytes=50_000)
    rules = dataclasses.replace(shanxi, documents={"old_course_cards": tight})
    archive = hostile.zip_of({f"{i}.jpg": small_jpeg() for i in range(4)})
    result = check_document("old_course_cards", archive, "c.zip", rules)
    assert "UNREADABLE" in codes(result)


def test_truncated_zip(shanxi):
    archive = hostile.zip_of({"a.jpg": small_jpeg(), "b.jpg": small_jpeg()})
    assert "UNREADABLE" in codes(check_document("old_course_cards", archive[: len(archive) // 2], "c.zip", shanxi))


def test_kinds_not_taken(chongqing, hubei):
    with pytest.raises(DocumentNotTaken):
        check_document("old_course_cards", b"PK\x05\x06" + b"\x00" * 18, "c.zip", chongqing)
    with pytest.raises(DocumentNotTaken):
        check_document("passport", small_jpeg(), "p.jpg", chongqing)
    with pytest.raises(DocumentNotTaken):
        check_document("id_front", small_jpeg(), "p.jpg", hubei)
