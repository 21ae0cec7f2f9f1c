"""What the photo function keeps in S3: pictures without their metadata (a phone photo's GPS position, camera, time,
comments), and a file replaced by a new one deleted, not only unlinked. Through the real routes, with the files
really in (moto's) S3, under 安徽's rules (its photo is the 480×640, 300 dpi, 20-40 KB standard)."""
from __future__ import annotations

import io
import time

import httpx
import numpy as np
import pytest
from PIL import Image
from support import portal_client
from support.pictures import pictures

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.dynamo import keys
from functions.common.dynamo.store import candidate_item
from functions.common.ids import id_check_digit

PASSWORD = "Test-pass-2026"
P = pictures("portraits")
GPS_IFD, MAKE, MODEL, DATE_TAKEN = 0x8825, 0x010F, 0x0110, 0x0132


def phone_exif() -> Image.Exif:
    """What a phone writes: where (GPS), with what, when."""
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[DATE_TAKEN] = "Apple", "iPhone 15 Pro", "2026:06:01 08:30:00"
    exif[GPS_IFD] = {1: "N", 2: (30.0, 35.0, 12.5), 3: "E", 4: (114.0, 18.0, 3.0)}
    return exif


def with_metadata(image: Image.Image, lo: int, hi: int) -> bytes:
    return P.jpeg(image, lo=lo, hi=hi, exif=phone_exif(), comment=b"taken at home", xmp=b"<x:xmpmeta>here</x:xmpmeta>")


def assert_no_metadata(data: bytes) -> None:
    stored = Image.open(io.BytesIO(data))
    exif = stored.getexif()
    assert GPS_IFD not in exif and not exif.get_ifd(GPS_IFD), "GPS position kept"
    assert not {MAKE, MODEL, DATE_TAKEN} & set(exif), dict(exif)
    assert "comment" not in stored.info and "xmp" not in stored.info, stored.info.keys()
    assert b"iPhone" not in data and b"taken at home" not in data and b"xmpmeta" not in data


@pytest.fixture(scope="module")
def anhui(portal):
    with portal_client.serving("photo", "anhui") as app:
        yield app


@pytest.fixture(scope="module")
def people(portal, table, anhui):
    now, made = int(time.time()), {}
    for n in range(1, 4):
        first17 = f"34010019950202{n:03d}"
        exam_no = f"3401991{n:05d}"
        table.put_item(Item=candidate_item({"exam_no": exam_no, "name": f"存档{n}", "office": "340100",
                                            "id_number": first17 + id_check_digit(first17), "passed": []}))
        create_account(table, NewAccount(kind="candidate", display_name=f"存档{n}",
                                         logins={"email": f"{exam_no}@test.biye.cn"}, password=PASSWORD,
                                         exam_no=exam_no), now)
        made[n] = portal_client.signed_in(portal, "email", f"{exam_no}@test.biye.cn", PASSWORD)
        made[n].exam_no = exam_no
    return made


def upload(me: httpx.Client, data: bytes, kind: str = "photo", filename: str = "photo.jpg") -> str:
    answer = me.post("/api/photo/uploads", json={"kind": kind, "filename": filename, "size": len(data)})
    assert answer.status_code == 200, answer.text
    post = answer.json()
    sent = httpx.post(post["url"], data=post["fields"], files={"file": (filename, data, "application/octet-stream")})
    assert sent.status_code in (200, 201, 204), sent.text
    return post["upload_id"]


def checked(me: httpx.Client, data: bytes, kind: str = "photo", filename: str = "photo.jpg") -> dict:
    answer = me.post(f"/api/photo/uploads/{upload(me, data, kind, filename)}/check")
    assert answer.status_code == 200, answer.text
    return answer.json()


def current(me: httpx.Client, kind: str) -> dict:
    return {u["kind"]: u for u in me.get("/api/photo/uploads").json()["uploads"]}[kind]


def stored_key(table, exam_no: str, kind: str) -> str:
    return table.get_item(Key=keys.current_upload(exam_no, kind), ConsistentRead=True)["Item"]["object_key"]


def exists(stack, bucket: str, key: str) -> bool:
    return stack.client("s3").list_objects_v2(Bucket=bucket, Prefix=key)["KeyCount"] > 0


def test_a_phone_photo_and_a_scan_are_stored_without_gps_camera_or_comments(people, anhui):
    me = people[1]
    photo = with_metadata(P.compliant_image(), lo=26000, hi=39000)
    uploaded = Image.open(io.BytesIO(photo))
    assert uploaded.getexif().get_ifd(GPS_IFD) and uploaded.info["dpi"] == (300, 300)     # the test's premise
    answer = checked(me, photo)
    assert answer["ok"] is True, answer["findings"]
    stored = me.get(current(me, "photo")["url"]).content
    assert_no_metadata(stored)
    kept = Image.open(io.BytesIO(stored))
    # Segments dropped, nothing re-encoded: the same pixels, the 300 dpi and the size the check measured.
    assert np.array_equal(np.asarray(kept), np.asarray(uploaded)) and kept.info["dpi"] == (300, 300)
    assert answer["measured"]["bytes"] == len(stored) < len(photo)
    scan = with_metadata(P.compliant_image(), lo=20000, hi=200000)
    assert checked(me, scan, kind="other", filename="证明.jpg")["ok"] is True
    assert_no_metadata(me.get(current(me, "other")["url"]).content)


def test_a_replaced_photo_or_document_is_deleted_from_the_bucket(people, table, stack, anhui):
    me, bucket = people[2], anhui.state.settings.uploads_bucket
    assert checked(me, P.compliant_jpeg())["ok"] is True
    first = stored_key(table, me.exam_no, "photo")
    assert exists(stack, bucket, first)
    retake = P.jpeg(P.place(P.astronaut_on(), face_width=215), lo=20480, hi=40000)
    assert checked(me, retake)["ok"] is True
    second = stored_key(table, me.exam_no, "photo")
    assert second != first and exists(stack, bucket, second) and not exists(stack, bucket, first)
    # An auto-fixed photo taken in its place deletes the one before it too.
    small_face = P.jpeg(P.place(P.astronaut_on(), face_width=150, eye_y=320), lo=20480, hi=40960)
    upload_id = upload(me, small_face)
    assert me.post(f"/api/photo/uploads/{upload_id}/check").json()["fix"]["acceptable"] is True
    assert me.post(f"/api/photo/uploads/{upload_id}/fix", json={"accept": True}).status_code == 200
    assert not exists(stack, bucket, second) and exists(stack, bucket, stored_key(table, me.exam_no, "photo"))
    # And a document.
    assert checked(me, P.jpeg(P.compliant_image(), lo=1, hi=4_000_000), "other", "证明.jpg")["ok"] is True
    old_document = stored_key(table, me.exam_no, "other")
    assert checked(me, P.jpeg(P.compliant_image().rotate(180), lo=1, hi=4_000_000), "other", "证明.jpg")["ok"]
    assert not exists(stack, bucket, old_document) and exists(stack, bucket, stored_key(table, me.exam_no, "other"))
