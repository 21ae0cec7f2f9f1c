"""The upload flow through the local router and the real Lambda handler, with the files really in (moto's) S3.

The portal runs 湖北, which takes no photo; these tests serve 安徽's rules by swapping the photo app's
`app.state.profile` (the app reads it per request) and putting 湖北's back afterwards.
"""
from __future__ import annotations

import base64
import io
import json
import time
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from boto3.dynamodb.conditions import Key
from PIL import Image
from support import portal_client
from support.pictures import pictures

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.audit_log import entries
from functions.common.dynamo.store import candidate_item
from functions.common.ids import id_check_digit
from functions.photo.uploads.rules import DOCUMENT_INTAKE_BYTES
from functions.profiles.loader import load_profile

PASSWORD = "Test-pass-2026"
P, hostile = pictures("portraits"), pictures("hostile")


def province(name: str, **photo_changes):
    profile = load_profile(name)
    if photo_changes:
        profile = replace(profile, data={**profile.data, "photo": {**profile.data["photo"], **photo_changes}})
    return portal_client.serving("photo", profile)


@pytest.fixture(scope="module")
def photo_app(portal):
    with province("anhui") as app:
        yield app


@pytest.fixture(scope="module")
def bucket(photo_app):
    return photo_app.state.settings.uploads_bucket


def signed_in(portal, kind: str, identifier: str) -> httpx.Client:
    return portal_client.signed_in(portal, kind, identifier, PASSWORD)


@pytest.fixture(scope="module")
def people(portal, table, photo_app):
    """Candidates in 合肥 (340100) and 芜湖 (340200), and staff of both cities, a county and the province."""
    now, made = int(time.time()), {}
    for n, office in enumerate(["340100", "340100", "340200", "340100", "340100", "340100"], start=1):
        first17 = f"{office}19950101{n:03d}"
        exam_no = f"3401990{n:05d}"
        table.put_item(Item=candidate_item({"exam_no": exam_no, "name": f"照片{n}", "office": office,
                                            "id_number": first17 + id_check_digit(first17), "passed": []}))
        create_account(table, NewAccount(kind="candidate", display_name=f"照片{n}",
                                         logins={"email": f"{exam_no}@test.biye.cn"}, password=PASSWORD,
                                         exam_no=exam_no), now)
        made[n] = signed_in(portal, "email", f"{exam_no}@test.biye.cn")  # the apply function runs 湖北's rules
        made[n].exam_no, made[n].office = exam_no, office
    for login, role, offices in (("photo-hefei", "city", ("340100",)), ("photo-wuhu", "city", ("340200",)),
                                 ("photo-county", "county", ("340102",)), ("photo-province", "province", ())):
        create_account(table, NewAccount(kind="staff", display_name=login, logins={"staff": login},
                                         password=PASSWORD, role=role, offices=offices), now)
        made[login] = signed_in(portal, "staff", login)
    return made


def start(me: httpx.Client, kind: str = "photo", filename: str = "我的照片.jpg", size: int = 30000) -> httpx.Response:
    return me.post("/api/photo/uploads", json={"kind": kind, "filename": filename, "size": size})


def upload(me: httpx.Client, data: bytes, kind: str = "photo", filename: str = "photo.jpg") -> str:
    """Ask for a presigned POST, send the file straight to S3 as a browser form would; the upload id."""
    answer = start(me, kind, filename, len(data))
    assert answer.status_code == 200, answer.text
    post = answer.json()
    sent = httpx.post(post["url"], data=post["fields"], files={"file": (filename, data, "application/octet-stream")})
    assert sent.status_code in (200, 201, 204), sent.text
    return post["upload_id"]


def check(me: httpx.Client, upload_id: str) -> httpx.Response:
    return me.post(f"/api/photo/uploads/{upload_id}/check")


def expires_in(url: str) -> int:
    return int(parse_qs(urlparse(url).query)["X-Amz-Expires"][0])


def slots(table, exam_no: str) -> list[dict]:
    return table.query(KeyConditionExpression=Key("PK").eq(f"CAND#{exam_no}") & Key("SK").begins_with("UPLOADSLOT#"),
                       ConsistentRead=True)["Items"]


def exists(stack, bucket: str, key: str) -> bool:
    return stack.client("s3").list_objects_v2(Bucket=bucket, Prefix=key)["KeyCount"] > 0


def small_face_jpeg() -> bytes:
    """Eyes too low and the face too narrow, but the whole head in the picture: auto-fix can crop it right."""
    return P.jpeg(P.place(P.astronaut_on(), face_width=150, eye_y=320), lo=20480, hi=40960)


def test_the_presigned_post_limits_size_and_key_and_expires_within_five_minutes(people):
    me = people[1]
    answer = start(me, size=30000)
    assert answer.status_code == 200, answer.text
    post = answer.json()
    policy = json.loads(base64.b64decode(post["fields"]["policy"]))
    # the source a phone takes may be megabytes: the check reports and auto-fix brings it to the 40 KB standard
    assert ["content-length-range", 1, 10 * 1024 * 1024] in policy["conditions"]
    key = post["fields"]["key"]
    assert {"key": key} in policy["conditions"]
    assert key == f"uploads/{me.exam_no}/photo/{post['upload_id']}.jpg"
    expiry = datetime.strptime(policy["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert expiry.timestamp() - time.time() <= 300 and post["expires_in"] <= 300


def test_hostile_names_kinds_and_sizes_are_refused_in_chinese_before_anything_is_stored(people, table):
    me = people[1]
    traversal = start(me, filename="../../../etc/passwd/x.jpg")
    assert traversal.status_code == 200
    assert ".." not in traversal.json()["fields"]["key"] and "passwd" not in traversal.json()["fields"]["key"]
    before = len(slots(table, me.exam_no))
    for body, field in (({"filename": "x\x00.jpg"}, "filename"), ({"filename": "x" * 300 + ".jpg"}, "filename"),
                        ({"filename": "photo.gif"}, "filename"), ({"filename": "photo.jpg.exe"}, "filename"),
                        ({"kind": "id_front"}, "kind"), ({"kind": "../photo"}, "kind"),
                        ({"size": 10 * 1024 * 1024 + 1}, "size"), ({"size": 0}, "size"),
                        # a JPEG document may arrive over its limit to be made to fit (checks/document_fit.py),
                        # never over DOCUMENT_INTAKE_BYTES
                        ({"kind": "other", "size": DOCUMENT_INTAKE_BYTES + 1}, "size")):
        answer = me.post("/api/photo/uploads", json={"kind": "photo", "filename": "a.jpg", "size": 30000, **body})
        assert answer.status_code == 422, (body, answer.text)
        error = answer.json()["error"]
        assert error["field"] == field and any("\u4e00" <= c <= "\u9fff" for c in error["message"]), body
    assert len(slots(table, me.exam_no)) == before


def test_a_compliant_photo_is_checked_from_s3_and_becomes_the_current_photo(people, table, stack, bucket):
    me, photo = people[1], P.compliant_jpeg()
    upload_id = upload(me, photo)
    answer = check(me, upload_id)
    assert answer.status_code == 200, answer.text
    assert answer.json()["ok"] is True and answer.json()["findings"] == [] and "fix" not in answer.json()
    assert not exists(stack, bucket, f"uploads/{me.exam_no}/photo/{upload_id}")     # the browser's copy is gone
    assert check(me, upload_id).json() == answer.json()                              # asking twice: same answer
    current = {u["kind"]: u for u in me.get("/api/photo/uploads").json()["uploads"]}["photo"]
    assert current["upload_id"] == upload_id and current["status"] == "pending_review"   # 安徽: the city reviews
    assert expires_in(current["url"]) <= 300 and me.get(current["url"]).content == photo
    assert entries(table, f"CAND#{me.exam_no}")[-1]["action"] == "upload.check"


def test_documents_and_failing_photos_come_back_with_findings(people):
    me = people[2]
    pdf = check(me, upload(me, hostile.pdf(), kind="other", filename="证明.pdf")).json()
    assert pdf["ok"] is True and pdf["status"] == "ok"
    disguised = check(me, upload(me, P.png(P.compliant_image().resize((120, 160))), kind="other",
                                 filename="scan.jpg")).json()
    assert disguised["ok"] is False and "FORMAT" in P.codes(disguised)
    grey = P.jpeg(P.compliant_image().convert("L").convert("RGB"), lo=20480, hi=40960)
    photo = check(me, upload(me, grey)).json()
    assert photo["ok"] is False and "COLOUR_MODE" in P.codes(photo)
    assert all(f["message"] and f["hint"] for f in photo["findings"])
    kinds = {u["kind"] for u in me.get("/api/photo/uploads").json()["uploads"]}
    assert kinds == {"other"}                  # a failed photo never becomes the current one


def test_checking_before_the_file_arrived_is_a_clear_4xx(people):
    me = people[2]
    answer = check(me, start(me).json()["upload_id"])
    assert answer.status_code == 409 and "还没有收到文件" in answer.json()["error"]["message"]


def test_a_phone_sized_photo_is_taken_and_fixed_down_to_the_standard(people):
    me = people[6]
    phone = P.jpeg(P.compliant_image().resize((960, 1280)), lo=150_000, hi=2_000_000)
    assert len(phone) > 150_000
    upload_id = upload(me, phone, filename="IMG_2041.jpeg")
    answer = check(me, upload_id).json()
    assert answer["ok"] is False and {"FILE_TOO_LARGE", "DIMENSIONS"} <= P.codes(answer)
    assert answer["fix"]["ok"] is True and answer["fix"]["acceptable"] is True


def test_an_oversized_object_is_refused_before_it_is_read_and_deleted(people, table, stack, bucket, photo_app):
    me = people[2]
    with province("anhui", source_max_bytes=50_000):
        post = start(me, size=30000).json()       # declared small, then a larger file sent anyway
    sent = httpx.post(post["url"], data=post["fields"], files={"file": ("a.jpg", b"\xff\xd8\xff" + b"0" * 60000)})
    assert sent.status_code in (200, 204) and exists(stack, bucket, post["fields"]["key"])  # moto ignores the policy
    reads: list[str] = []

    def record(params, **_):
        reads.append(params.get("Key"))

    s3 = photo_app.state.s3
    s3.meta.events.register("provide-client-params.s3.GetObject", record)
    logged = len(entries(table, f"CAND#{me.exam_no}"))
    try:
        with province("anhui", source_max_bytes=50_000):
            answer = check(me, post["upload_id"])
    finally:
        s3.meta.events.unregister("provide-client-params.s3.GetObject", record)
    assert answer.status_code == 413 and "超过上限" in answer.json()["error"]["message"]
    assert post["fields"]["key"] not in reads and not exists(stack, bucket, post["fields"]["key"])
    assert len(entries(table, f"CAND#{me.exam_no}")) == logged


def test_an_auto_fixed_preview_once_accepted_is_the_current_photo(people, table, stack, bucket):
    me = people[3]
    upload_id = upload(me, small_face_jpeg())
    answer = check(me, upload_id).json()
    assert answer["ok"] is False and {"EYES_TOO_LOW", "FACE_TOO_NARROW"} <= P.codes(answer)
    fix = answer["fix"]
    assert fix["ok"] is True and fix["acceptable"] is True and expires_in(fix["preview_url"]) <= 300
    preview = me.get(fix["preview_url"]).content
    assert Image.open(io.BytesIO(preview)).size == (480, 640) and 20480 <= len(preview) <= 40960
    assert me.get("/api/photo/uploads").json()["uploads"] == []       # nothing current until accepted
    accepted = me.post(f"/api/photo/uploads/{upload_id}/fix", json={"accept": True})
    assert accepted.status_code == 200, accepted.text
    current = me.get("/api/photo/uploads").json()["uploads"][0]
    assert current["fixed"] is True and current["ok"] is True and me.get(current["url"]).content == preview
    again = me.post(f"/api/photo/uploads/{upload_id}/fix", json={"accept": True})
    assert again.status_code == 409 and "已经确认" in again.json()["error"]["message"]
    assert me.post(f"/api/photo/uploads/{upload_id}/fix", json={"accept": "yes"}).status_code == 422
    # (log entries of the same second carry a random suffix, so compare without order)
    assert sorted(e["action"] for e in entries(table, f"CAND#{me.exam_no}")) == [
        "upload.check", "upload.fix_accept", "upload.start"]
    # Turning a fix down keeps the accepted photo and deletes the rejected preview.
    second = upload(me, small_face_jpeg())
    offered = check(me, second).json()["fix"]
    key = urlparse(offered["preview_url"]).path.split(f"/{bucket}/", 1)[1]
    assert me.post(f"/api/photo/uploads/{second}/fix", json={"accept": False}).json()["status"] == "fix_rejected"
    assert not exists(stack, bucket, key)
    assert me.get("/api/photo/uploads").json()["uploads"][0]["upload_id"] == upload_id


def test_a_fix_that_needs_a_new_photo_is_shown_but_cannot_be_accepted(people):
    me = people[2]
    cut_off = P.jpeg(P.place(P.astronaut_on(), dx=60), lo=20480, hi=40960)    # her shoulder leaves the picture
    upload_id = upload(me, cut_off)
    fix = check(me, upload_id).json()["fix"]
    assert fix["acceptable"] is False and "NEW_PHOTO_NEEDED" in {w["code"] for w in fix["warnings"]}
    answer = me.post(f"/api/photo/uploads/{upload_id}/fix", json={"accept": True})
    assert answer.status_code == 422 and "重新拍摄" in answer.json()["error"]["message"]
    assert "photo" not in {u["kind"] for u in me.get("/api/photo/uploads").json()["uploads"]}


def test_another_candidate_can_neither_see_nor_check_nor_decide_an_upload(people, portal):
    owner, other = people[1], people[2]
    upload_id = upload(owner, P.compliant_jpeg())
    for path in (f"/api/photo/uploads/{upload_id}/check", f"/api/photo/uploads/{upload_id}/fix"):
        answer = other.post(path, json={"accept": True})
        assert answer.status_code == 404 and "找不到" in answer.json()["error"]["message"]
    assert upload_id not in json.dumps(other.get("/api/photo/uploads").json())
    assert check(owner, upload_id).status_code == 200                  # still the owner's to check
    assert other.post("/api/photo/uploads/..%2F..%2Fx/check").status_code in (404, 422)
    assert other.post(f"/api/photo/uploads/{upload_id.upper()}/check").status_code == 422
    assert httpx.get(portal.url + "/api/photo/uploads").status_code == 401
    assert people["photo-province"].post("/api/photo/uploads", json={"kind": "photo", "filename": "a.jpg",
                                                                     "size": 1}).status_code == 403


def queued(staff: httpx.Client) -> set[str]:
    answer = staff.get("/api/photo/staff/queue")
    assert answer.status_code == 200, answer.text
    return {e["exam_no"] for e in answer.json()["queue"]}


def test_the_staff_queue_is_scoped_to_the_reviewers_offices(people):
    in_hefei, in_wuhu = people[4], people[3]
    for me in (in_hefei, in_wuhu):
        assert check(me, upload(me, P.compliant_jpeg())).json()["status"] == "ok"
    hefei, wuhu, province = people["photo-hefei"], people["photo-wuhu"], people["photo-province"]
    assert in_hefei.exam_no in queued(hefei) and in_wuhu.exam_no not in queued(hefei)
    assert in_wuhu.exam_no in queued(wuhu) and in_hefei.exam_no not in queued(wuhu)
    assert {in_hefei.exam_no, in_wuhu.exam_no} <= queued(province)
    entry = next(e for e in province.get("/api/photo/staff/queue").json()["queue"] if e["exam_no"] == in_wuhu.exam_no)
    assert entry["office"] == "340200" and expires_in(entry["url"]) <= 300
    assert entry["name"] == "照片3" and entry["id_number"].startswith("340***") and "*" * 8 in entry["id_number"]
    # One office at a time, and page by page: each photo once, in the same order as one long page.
    only_wuhu = province.get("/api/photo/staff/queue", params={"office": "340200"}).json()["queue"]
    assert {e["office"] for e in only_wuhu} == {"340200"} and in_wuhu.exam_no in {e["exam_no"] for e in only_wuhu}
    assert hefei.get("/api/photo/staff/queue", params={"office": "340200"}).json()["queue"] == []
    paged, cursor = [], None
    while True:
        page = province.get("/api/photo/staff/queue", params={"limit": 1, **({"cursor": cursor} if cursor else {})})
        paged += [e["exam_no"] for e in page.json()["queue"]]
        cursor = page.json()["cursor"]
        if cursor is None:
            break
    whole = province.get("/api/photo/staff/queue", params={"limit": 100}).json()["queue"]
    assert paged == [e["exam_no"] for e in whole]
    assert province.get(entry["url"]).content == P.compliant_jpeg()
    # Another office's candidate is answered like one that does not exist; a county has no say in 安徽.
    answer = hefei.post(f"/api/photo/staff/queue/{in_wuhu.exam_no}", json={"decision": "approve"})
    assert answer.status_code == 404 and "找不到" in answer.json()["error"]["message"]
    county = people["photo-county"]
    assert county.get("/api/photo/staff/queue").status_code == 403
    assert "市级" in county.post(f"/api/photo/staff/queue/{in_hefei.exam_no}",
                                 json={"decision": "approve"}).json()["error"]["message"]
    assert in_hefei.get("/api/photo/staff/queue").status_code == 403
    assert hefei.post("/api/photo/staff/queue/3401990000ab", json={"decision": "approve"}).status_code == 422


def test_two_staff_deciding_at_once_one_wins_and_the_other_gets_409(people, table):
    me = people[5]
    upload_id = upload(me, P.compliant_jpeg())
    assert check(me, upload_id).json()["ok"] is True
    stale = me.get("/api/photo/uploads").json()["uploads"][0]["upload_id"]
    assert people["photo-hefei"].post(f"/api/photo/staff/queue/{me.exam_no}", json={
        "decision": "approve", "upload_id": "0" * 32}).status_code == 409      # not the photo on the queue
    no_reason = people["photo-hefei"].post(f"/api/photo/staff/queue/{me.exam_no}", json={"decision": "reject"})
    assert no_reason.status_code == 422 and no_reason.json()["error"]["field"] == "reason"
    loser, winner = portal_client.one_wins(
        f"/api/photo/staff/queue/{me.exam_no}",
        (people["photo-hefei"], {"decision": "approve", "upload_id": stale}),
        (people["photo-province"], {"decision": "reject", "reason": "背景有阴影，请重新拍摄"}))
    assert "审核" in loser.json()["error"]["message"]
    current = me.get("/api/photo/uploads").json()["uploads"][0]
    assert current["status"] == winner["status"] in ("approved", "rejected")
    assert current["review"]["decision"] == winner["review"]["decision"]
    assert me.exam_no not in queued(people["photo-province"])
    reviews = [e for e in entries(table, f"CAND#{me.exam_no}") if e["action"] == "photo.review"]
    assert len(reviews) == 1 and reviews[0]["actor"]["kind"] == "staff"


def test_a_province_that_takes_no_photo_says_so(people):
    me = people[1]
    with province("hubei"):
        answer = start(me)
        assert answer.status_code == 422 and "不在线上传照片" in answer.json()["error"]["message"]
        assert people["photo-province"].get("/api/photo/staff/queue").status_code == 404
