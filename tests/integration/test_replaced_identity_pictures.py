"""山西's identity pictures, replaced: the picture the last identity check read stays while its review may show it,
and goes with the next check that no longer uses it (the files really in moto's S3, the real check)."""
from __future__ import annotations

import time

import httpx
import pytest
from support.pictures import pictures
from support.portal_client import serving

from functions.common.dynamo import keys
from functions.common.dynamo.store import candidate_item
from functions.common.ids import id_check_digit
from functions.common.session import COOKIE, CSRF_HEADER, Identity, new_session_item

C = pictures("id_cards")


@pytest.fixture(scope="module")
def shanxi(portal):
    with serving("photo", "shanxi") as app:
        yield app


@pytest.fixture(scope="module")
def me(portal, table, shanxi):
    first17 = "14010519960303001"
    exam_no, id_number = "140199900001", first17 + id_check_digit(first17)
    table.put_item(Item=candidate_item({"exam_no": exam_no, "name": "换图一", "office": "140105",
                                        "id_number": id_number, "passed": []}))
    who = Identity(f"cand-{exam_no}", "candidate", "换图一", exam_no=exam_no)
    token, item = new_session_item(who, int(time.time()))
    table.put_item(Item=item)
    client = httpx.Client(base_url=portal.url, timeout=60)
    client.cookies.set(COOKIE, token)
    client.headers[CSRF_HEADER] = item["csrf"]
    client.exam_no, client.card = exam_no, {**C.ASTRONAUT, "name": "换图一", "id_number": id_number}
    return client


def upload(me: httpx.Client, data: bytes, kind: str) -> None:
    post = me.post("/api/photo/uploads", json={"kind": kind, "filename": f"{kind}.jpg", "size": len(data)}).json()
    httpx.post(post["url"], data=post["fields"], files={"file": (f"{kind}.jpg", data, "image/jpeg")})
    assert me.post(f"/api/photo/uploads/{post['upload_id']}/check").json()["status"] == "ok"


def key(table, exam_no: str, kind: str) -> str:
    return table.get_item(Key=keys.current_upload(exam_no, kind), ConsistentRead=True)["Item"]["object_key"]


def exists(stack, bucket: str, name: str) -> bool:
    return stack.client("s3").list_objects_v2(Bucket=bucket, Prefix=name)["KeyCount"] > 0


def test_a_picture_the_check_read_stays_until_the_next_check(me, table, stack, shanxi):
    bucket = shanxi.state.settings.uploads_bucket
    upload(me, C.jpeg(C.card_photo(who=me.card)), "id_front")
    upload(me, C.jpeg(C.holding(with_card=False, card_of=me.card)), "id_holding")
    assert me.post("/api/photo/identity/check").json()["status"] == "failed"
    read = key(table, me.exam_no, "id_holding")
    upload(me, C.jpeg(C.holding(card_of=me.card)), "id_holding")
    assert exists(stack, bucket, read)                # the failed check's picture, for a manual review of it
    assert me.post("/api/photo/identity/check").json()["status"] == "verified"
    assert not exists(stack, bucket, read) and exists(stack, bucket, key(table, me.exam_no, "id_holding"))
    assert exists(stack, bucket, key(table, me.exam_no, "id_front"))     # still read by the check: kept
