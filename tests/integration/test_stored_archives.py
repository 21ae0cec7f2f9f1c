"""山西's old-plan course cards come as a zip of scans: the zip is stored with each scan in it stripped of its
metadata (a phone's GPS position, camera, comments), names and order kept; through the real routes and moto's S3."""
from __future__ import annotations

import io
import time
import zipfile

import httpx
import pytest
from PIL import Image
from support.pictures import pictures
from support.portal_client import serving

from functions.common.dynamo.store import candidate_item
from functions.common.ids import id_check_digit
from functions.common.session import COOKIE, CSRF_HEADER, Identity, new_session_item

P, H = pictures("portraits"), pictures("hostile")
GPS_IFD = 0x8825


@pytest.fixture(scope="module")
def me(portal, table):
    with serving("photo", "shanxi"):
        first17 = "14010519960404001"
        exam_no = "140199900002"
        table.put_item(Item=candidate_item({"exam_no": exam_no, "name": "卡片一", "office": "140105",
                                            "id_number": first17 + id_check_digit(first17), "passed": []}))
        token, item = new_session_item(Identity(f"cand-{exam_no}", "candidate", "卡片一", exam_no=exam_no),
                                       int(time.time()))
        table.put_item(Item=item)
        client = httpx.Client(base_url=portal.url, timeout=60)
        client.cookies.set(COOKIE, token)
        client.headers[CSRF_HEADER] = item["csrf"]
        yield client


def scan_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F], exif[GPS_IFD] = "Xiaomi", {1: "N", 2: (37.0, 52.0, 1.0)}
    buf = io.BytesIO()
    P.compliant_image().save(buf, "JPEG", quality=85, exif=exif, comment=b"my desk")
    return buf.getvalue()


def test_the_scans_in_a_zip_are_stored_without_their_metadata(me):
    scan = scan_with_gps()
    sent = H.zip_of({"卡片1.jpg": scan, "卡片2.pdf": H.pdf()})
    post = me.post("/api/photo/uploads", json={"kind": "old_course_cards", "filename": "课程卡.zip",
                                               "size": len(sent)}).json()
    httpx.post(post["url"], data=post["fields"], files={"file": ("课程卡.zip", sent, "application/zip")})
    answer = me.post(f"/api/photo/uploads/{post['upload_id']}/check").json()
    assert answer["ok"] is True, answer
    current = {u["kind"]: u for u in me.get("/api/photo/uploads").json()["uploads"]}["old_course_cards"]
    stored = zipfile.ZipFile(io.BytesIO(me.get(current["url"]).content))
    assert stored.namelist() == ["卡片1.jpg", "卡片2.pdf"] and stored.read("卡片2.pdf") == H.pdf()
    kept = stored.read("卡片1.jpg")
    assert b"Xiaomi" not in kept and b"my desk" not in kept and not Image.open(io.BytesIO(kept)).getexif()
    assert Image.open(io.BytesIO(kept)).tobytes() == Image.open(io.BytesIO(scan)).tobytes()
