"""The identity check by photos through the local router and the real Lambda handler, the files really in (moto's)
S3 and the pictures through the real face detector.

The portal runs 湖北, which has no identity check; these tests serve 山西's profile by swapping the photo app's
`app.state.profile` (read per request) and put 湖北's back afterwards, as test_photo_api.py does for 安徽.
"""
from __future__ import annotations

import functools
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from support.pictures import pictures
from support.portal_client import one_wins, serving

from functions.common.audit_log import entries
from functions.common.dynamo.store import candidate_item
from functions.common.errors import Conflict
from functions.common.ids import id_check_digit
from functions.common.session import COOKIE, CSRF_HEADER, Identity, new_session_item
from functions.photo.identity import store as identity_status

C = pictures("id_cards")


@functools.cache
def _pictures(name: str, id_number: str) -> tuple[bytes, bytes, bytes]:
    """The astronaut's card printing this record's name and number: (portrait side, holding it, holding none)."""
    own = {**C.ASTRONAUT, "name": name, "id_number": id_number}
    return (C.jpeg(C.card_photo(who=own)), C.jpeg(C.holding(card_of=own)),
            C.jpeg(C.holding(with_card=False, card_of=own)))


def front(me) -> bytes:
    return _pictures(me.name, me.id_number)[0]


def holding(me) -> bytes:
    return _pictures(me.name, me.id_number)[1]


def no_card(me) -> bytes:
    return _pictures(me.name, me.id_number)[2]


@pytest.fixture(scope="module")
def shanxi(portal):
    with serving("photo", "shanxi") as app:
        yield app


def signed_in(portal, table, who: Identity) -> httpx.Client:
    """A session as the sign-in stores one (cookie plus CSRF header): sign-in itself is the apply function's, tested
    there; what matters here is that the photo function reads who is asking from a real session record."""
    token, item = new_session_item(who, int(time.time()))
    table.put_item(Item=item)
    client = httpx.Client(base_url=portal.url, timeout=60)
    client.cookies.set(COOKIE, token)
    client.headers[CSRF_HEADER] = item["csrf"]
    return client


@pytest.fixture(scope="module")
def people(portal, table, shanxi):
    """Candidates of 小店区 (140105) and 迎泽区 (140106); staff of both counties, the province and a university."""
    made = {}
    for n, office in enumerate(["140105", "140105", "140106", "140105", "140105", "140105", "140105", "140105"],
                               start=1):
        first17 = f"{office}19960202{n:03d}"
        exam_no = f"1401990{n:05d}"
        table.put_item(Item=candidate_item({"exam_no": exam_no, "name": f"认证{n}", "office": office,
                                            "id_number": first17 + id_check_digit(first17), "passed": []}))
        made[n] = signed_in(portal, table, Identity(f"cand-{exam_no}", "candidate", f"认证{n}", exam_no=exam_no))
        made[n].exam_no, made[n].office, made[n].id_number = exam_no, office, first17 + id_check_digit(first17)
        made[n].name = f"认证{n}"
    for login, role, offices in (("idcheck-xiaodian", "county", ("140105",)), ("idcheck-yingze", "county", ("140106",)),
                                 ("idcheck-province", "province", ()), ("idcheck-university", "university", ())):
        made[login] = signed_in(portal, table, Identity(login, "staff", login, role=role, offices=offices))
    return made


def upload(me: httpx.Client, data: bytes, kind: str) -> None:
    """Presigned POST straight to S3, then the upload check: the file becomes the current one of its kind."""
    answer = me.post("/api/photo/uploads", json={"kind": kind, "filename": f"{kind}.jpg", "size": len(data)})
    assert answer.status_code == 200, answer.text
    post = answer.json()
    sent = httpx.post(post["url"], data=post["fields"], files={"file": (f"{kind}.jpg", data, "image/jpeg")})
    assert sent.status_code in (200, 201, 204), sent.text
    checked = me.post(f"/api/photo/uploads/{post['upload_id']}/check")
    assert checked.status_code == 200 and checked.json()["status"] == "ok", checked.text


def failed_and_queued(me: httpx.Client) -> None:
    upload(me, front(me), "id_front")
    upload(me, no_card(me), "id_holding")
    answer = me.post("/api/photo/identity/check")
    assert answer.status_code == 200 and answer.json()["status"] == "failed", answer.text
    assert me.post("/api/photo/identity/manual").json()["status"] == "manual_pending"


def queued(staff: httpx.Client) -> dict[str, dict]:
    answer = staff.get("/api/photo/staff/identity")
    assert answer.status_code == 200, answer.text
    return {e["exam_no"]: e for e in answer.json()["queue"]}


def chinese(answer: httpx.Response) -> str:
    message = answer.json()["error"]["message"]
    assert any("\u4e00" <= c <= "\u9fff" for c in message), message
    return message


def test_a_candidate_uploads_both_pictures_and_is_verified(people, table):
    me = people[1]
    assert me.get("/api/photo/identity").json()["status"] == "not_started"
    nothing = me.post("/api/photo/identity/check")
    assert nothing.status_code == 422 and nothing.json()["error"]["missing"] == ["id_front", "id_holding"]
    assert "身份证人像面" in chinese(nothing) and "手持身份证照" in chinese(nothing)
    upload(me, front(me), "id_front")
    one = me.post("/api/photo/identity/check")
    assert one.status_code == 422 and one.json()["error"]["field"] == "id_holding"
    assert "手持身份证照" in chinese(one) and "身份证人像面" not in chinese(one)
    assert identity_status.load(table, me.exam_no) is None                  # nothing stored by a refused check
    upload(me, holding(me), "id_holding")
    answer = me.post("/api/photo/identity/check")
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "verified" and answer.json()["ok"] is True and answer.json()["findings"] == []
    assert answer.json()["read"] == {"name": me.name, "id_number": me.id_number} and answer.json()["face_match"] > 0.55
    assert me.get("/api/photo/identity").json()["status"] == "verified"
    assert identity_status.is_verified(table, me.exam_no)
    again = me.post("/api/photo/identity/check")
    assert again.status_code == 409 and "已经通过" in chinese(again)
    assert me.post("/api/photo/identity/manual").status_code == 409
    log = [e for e in entries(table, f"CAND#{me.exam_no}") if e["action"].startswith("identity.")]
    assert [(e["action"], e["after"]["status"]) for e in log] == [("identity.check", "verified")]


def test_a_failed_check_goes_to_the_county_and_is_approved(people, table, stack, shanxi):
    me, county = people[2], people["idcheck-xiaodian"]
    early = me.post("/api/photo/identity/manual")
    assert early.status_code == 409 and "系统认证" in chinese(early)       # manual review only after a failed check
    failed_and_queued(me)
    status = me.get("/api/photo/identity").json()
    assert status["status"] == "manual_pending" and "HOLDING_CARD_NOT_FOUND" in {f["code"] for f in status["findings"]}
    entry = queued(county)[me.exam_no]
    assert entry["id_number"] != me.id_number and entry["id_number"].endswith(me.id_number[-4:])
    assert me.id_number not in json.dumps(county.get("/api/photo/staff/identity").json())
    detail = county.get(f"/api/photo/staff/identity/{me.exam_no}").json()
    assert detail["status"] == "manual_pending" and "HOLDING_CARD_NOT_FOUND" in {f["code"] for f in detail["findings"]}
    for kind, sent in (("id_front", front(me)), ("id_holding", no_card(me))):
        url = detail["pictures"][kind]["url"]
        assert int(parse_qs(urlparse(url).query)["X-Amz-Expires"][0]) <= 300 and county.get(url).content == sent
    answer = county.post(f"/api/photo/staff/identity/{me.exam_no}", json={"decision": "approve"})
    assert answer.status_code == 200 and answer.json()["status"] == "verified", answer.text
    assert me.exam_no not in queued(county)
    assert me.get("/api/photo/identity").json()["review"]["decision"] == "approve"
    assert identity_status.is_verified(table, me.exam_no)
    actions = sorted(e["action"] for e in entries(table, f"CAND#{me.exam_no}") if e["action"].startswith("identity."))
    assert actions == ["identity.check", "identity.manual", "identity.review"]


def test_someone_else_holding_the_card_is_not_verified_and_the_county_sees_why(people):
    """Before the real check, any face holding any card was verified: Grace Hopper holding this candidate's own
    card (name and number right) is now FACE_MISMATCH, and another candidate's card is a mismatch of both texts;
    the reviewer reads what the check read and how alike the faces are, beside the pictures."""
    me, county = people[8], people["idcheck-xiaodian"]
    own = {**C.ASTRONAUT, "name": me.name, "id_number": me.id_number}
    upload(me, front(me), "id_front")
    upload(me, C.jpeg(C.holding(holder=C.HOPPER, card_of=own)), "id_holding")
    answer = me.post("/api/photo/identity/check").json()
    assert answer["status"] == "failed" and answer["ok"] is False
    assert [f["code"] for f in answer["findings"]] == ["FACE_MISMATCH"] and answer["face_match"] < 0.55
    other = people[3]
    upload(me, front(other), "id_front")
    upload(me, holding(me), "id_holding")
    answer = me.post("/api/photo/identity/check").json()
    assert answer["status"] == "failed"
    assert {f["code"] for f in answer["findings"]} >= {"ID_NUMBER_MISMATCH", "NAME_MISMATCH"}
    assert answer["read"] == {"name": other.name, "id_number": other.id_number}
    assert me.post("/api/photo/identity/manual").json()["status"] == "manual_pending"
    detail = county.get(f"/api/photo/staff/identity/{me.exam_no}").json()
    assert detail["read"] == {"name": other.name, "id_number": other.id_number} and detail["id_number"] == me.id_number
    assert 0 <= detail["face_match"] <= 1
    assert {"ID_NUMBER_MISMATCH", "NAME_MISMATCH"} <= {f["code"] for f in detail["findings"]}


def test_another_countys_staff_cannot_list_see_or_decide(people):
    me = people[3]                                         # 迎泽区
    failed_and_queued(me)
    other, own, province_staff = people["idcheck-xiaodian"], people["idcheck-yingze"], people["idcheck-province"]
    assert me.exam_no not in queued(other) and me.exam_no in queued(own) and me.exam_no in queued(province_staff)
    assert queued(own)[me.exam_no]["name"] == "认证3"
    # A filter for another county's office reads nothing; the province narrows to one office.
    assert other.get("/api/photo/staff/identity", params={"office": "140106"}).json()["queue"] == []
    only_yingze = province_staff.get("/api/photo/staff/identity", params={"office": "140106"}).json()["queue"]
    assert me.exam_no in {e["exam_no"] for e in only_yingze} and {e["office"] for e in only_yingze} == {"140106"}
    for answer in (other.get(f"/api/photo/staff/identity/{me.exam_no}"),
                   other.post(f"/api/photo/staff/identity/{me.exam_no}", json={"decision": "approve"})):
        assert answer.status_code == 404 and "找不到" in chinese(answer)
    assert me.get("/api/photo/identity").json()["status"] == "manual_pending"      # nothing changed
    university = people["idcheck-university"]
    assert university.get("/api/photo/staff/identity").status_code == 403
    assert own.post("/api/photo/staff/identity/14019900000x", json={"decision": "approve"}).status_code == 422


def test_two_staff_deciding_at_once_one_wins_and_the_other_gets_409(people, table):
    me = people[4]
    failed_and_queued(me)
    loser, winner = one_wins(f"/api/photo/staff/identity/{me.exam_no}",
                             (people["idcheck-xiaodian"], {"decision": "approve"}),
                             (people["idcheck-province"], {"decision": "reject", "reason": "手持照片中看不清证件"}))
    assert "刷新" in chinese(loser)
    assert me.get("/api/photo/identity").json()["status"] == winner["status"] in ("verified", "rejected")
    reviews = [e for e in entries(table, f"CAND#{me.exam_no}") if e["action"] == "identity.review"]
    assert len(reviews) == 1


def test_of_two_decisions_read_at_the_same_moment_the_second_write_is_refused(people, table, monkeypatch):
    """The store itself, with both deciders made to read before either writes: the change number decides."""
    me = people[7]
    failed_and_queued(me)
    both_read = threading.Barrier(2)
    real_load = identity_status.load

    def load_then_wait(*args):
        item = real_load(*args)
        both_read.wait(10)
        return item

    monkeypatch.setattr(identity_status, "load", load_then_wait)
    staff = Identity("idcheck-xiaodian", "staff", "x", role="county", offices=("140105",))

    def decide(approve: bool):
        try:
            reason = None if approve else "看不清"
            return identity_status.decide(table, me.exam_no, staff, approve, reason, int(time.time()))
        except Conflict as err:
            return err

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(decide, (True, False)))
    assert sorted(isinstance(o, Conflict) for o in outcomes) == [False, True], outcomes
    assert "另一位工作人员" in next(o for o in outcomes if isinstance(o, Conflict)).message
    reviews = [e for e in entries(table, f"CAND#{me.exam_no}") if e["action"] == "identity.review"]
    assert len(reviews) == 1


def test_a_rejection_needs_a_reason_and_the_candidate_may_retry(people):
    me, county = people[5], people["idcheck-xiaodian"]
    failed_and_queued(me)
    bare = county.post(f"/api/photo/staff/identity/{me.exam_no}", json={"decision": "reject", "reason": " "})
    assert bare.status_code == 422 and bare.json()["error"]["field"] == "reason"
    rejected = county.post(f"/api/photo/staff/identity/{me.exam_no}",
                           json={"decision": "reject", "reason": "请手持身份证人像面重新拍摄"})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    status = me.get("/api/photo/identity").json()
    assert status["status"] == "rejected" and status["reason"] == "请手持身份证人像面重新拍摄"
    assert me.post("/api/photo/identity/manual").status_code == 409
    upload(me, holding(me), "id_holding")
    assert me.post("/api/photo/identity/check").json()["status"] == "verified"


def test_a_candidate_sees_only_their_own_check(people, portal):
    owner, other = people[1], people[6]
    upload(owner, front(owner), "id_front")
    mine = other.get("/api/photo/identity").json()
    assert mine["status"] == "not_started" and mine["uploads"] == {"id_front": None, "id_holding": None}
    assert owner.exam_no not in json.dumps(mine)
    for answer in (other.get("/api/photo/staff/identity"), other.get(f"/api/photo/staff/identity/{owner.exam_no}"),
                   other.post(f"/api/photo/staff/identity/{owner.exam_no}", json={"decision": "approve"})):
        assert answer.status_code == 403
    assert httpx.get(portal.url + "/api/photo/identity").status_code == 401
    assert people["idcheck-province"].post("/api/photo/identity/check").status_code == 403


def test_a_province_without_the_identity_check_says_so(people):
    with serving("photo", "hubei"):
        for answer in (people[1].get("/api/photo/identity"), people[1].post("/api/photo/identity/check"),
                       people["idcheck-province"].get("/api/photo/staff/identity"),
                       people["idcheck-province"].get(f"/api/photo/staff/identity/{people[2].exam_no}")):
            assert answer.status_code == 404 and "不需要" in chinese(answer)
