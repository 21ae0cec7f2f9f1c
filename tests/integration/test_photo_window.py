"""安徽's photo first, with its own deadline (issue 19 item 6; seed 002: 因电子相片需要市级审核，因此相片上传截止时间
早于毕业申请提交时间，若相片审核不通过则需重新上传，直至相片审核通过): the province sets the photo window per batch,
closing before the application's; the candidate's answer says the deadline, the photo's review state is read back
as the city decided it; a photo after the deadline is refused and nothing of it is kept."""
from __future__ import annotations

import httpx
import pytest
from support.applying import candidate, ok, refused, staff, upload, without_photo_window
from support.pictures import pictures
from support.portal_client import serving

from functions.common.audit_log import latest
from functions.common.dynamo import keys
from infra.demo.generate import DEMO_WINDOW

WUHU, HEFEI = "340200", "340100"
KIND = "社会考生"
STAFF = "/api/apply/staff"
OPEN = {"opens": "2026-11-01T00:00", "closes": "2027-01-10T17:00"}        # before DEMO_WINDOW closes, open now
OVER = {"opens": "2026-11-01T00:00", "closes": "2026-11-20T17:00"}        # over by now


@pytest.fixture(scope="module")
def anhui(portal, table, stack):
    with serving("apply", "anhui"), serving("photo", "anhui") as photo_app:
        team = {"city": staff(portal, table, "pw-wuhu", "city", offices=(WUHU,)),
                "province": staff(portal, table, "pw-province", "province")}
        batch = next(b for b in ok(team["province"].get(f"{STAFF}/batches"))["batches"] if b["current"])["id"]
        ok(team["province"].put(f"{STAFF}/batches/{batch}/windows/{KIND}", json=DEMO_WINDOW))
        try:
            yield {"team": team, "batch": batch, "path": f"{STAFF}/batches/{batch}/photo-window", "table": table,
                   "s3": stack.client("s3"), "bucket": photo_app.state.settings.uploads_bucket,
                   "me": lambda: candidate(portal, table, WUHU, province="anhui", candidate_type=KIND)}
        finally:        # the stack is shared: later tests' 安徽 photos have no photo window
            without_photo_window(table, batch)


def _photo(me: httpx.Client) -> dict | None:
    return next((u for u in ok(me.get("/api/photo/uploads"))["uploads"] if u["kind"] == "photo"), None)


def _decide(city: httpx.Client, me: httpx.Client, decision: str, reason: str | None = None) -> None:
    ok(city.post(f"/api/photo/staff/queue/{me.who['exam_no']}", json={"decision": decision, "reason": reason}))


def test_the_province_sets_the_photo_window_and_the_candidate_follows_the_city_review_to_approval(anhui):
    shown = ok(anhui["team"]["province"].put(anhui["path"], json=OPEN))
    assert shown["photo_window"] == {"opens": "2026-11-01T00:00+08:00", "closes": "2027-01-10T17:00+08:00",
                                     "open_now": True}
    me, city = anhui["me"](), anhui["team"]["city"]
    assert ok(me.get("/api/apply/application"))["photo_deadline"] == "2027-01-10 17:00（北京时间）"
    portraits = pictures("portraits")
    upload(me, portraits.compliant_jpeg(), "photo")
    assert _photo(me)["status"] == "pending_review"
    _decide(city, me, "reject", "背景不是浅蓝色")
    rejected = _photo(me)
    assert rejected["status"] == "rejected" and rejected["review"]["reason"] == "背景不是浅蓝色"
    upload(me, portraits.compliant_jpeg(), "photo")          # replaced before the deadline, reviewed again
    assert _photo(me)["status"] == "pending_review"
    _decide(city, me, "approve")
    assert _photo(me)["status"] == "approved"
    log = [e for e in latest(anhui["table"], keys.batch(anhui["batch"])[keys.PK], 10)
           if e["action"] == "batch.photo_window"]
    assert log[-1]["after"]["photo_window"]["closes"] == "2027-01-10T17:00+08:00"
    assert log[-1]["actor"]["role"] == "province"


@pytest.mark.parametrize("window,words", [
    ({"opens": "2026-11-01T00:00", "closes": "2027-01-20T17:00"}, "相片上传截止时间须早于申请结束时间"),
    ({"opens": "2026-11-01T00:00", "closes": "2027-01-15T17:00"}, "相片上传截止时间须早于申请结束时间"),
    ({"opens": "2026-12-20T00:00", "closes": "2026-12-10T17:00"}, "相片上传截止时间应晚于相片上传开始时间"),
])
def test_a_photo_window_not_closing_before_the_application_window_is_refused(anhui, window, words):
    province = anhui["team"]["province"]
    ok(province.put(anhui["path"], json=OPEN))
    error = refused(province.put(anhui["path"], json=window), 422, field="closes")
    assert words in error["message"]
    current = next(b for b in ok(province.get(f"{STAFF}/batches"))["batches"] if b["id"] == anhui["batch"])
    assert current["photo_window"]["closes"] == "2027-01-10T17:00+08:00"         # unchanged


def test_the_application_window_may_not_close_before_the_photo_window_and_a_city_may_not_set_it(anhui):
    province = anhui["team"]["province"]
    ok(province.put(anhui["path"], json=OPEN))
    early = {"opens": "2026-11-01T00:00", "closes": "2027-01-05T17:00"}
    told = refused(province.put(f"{STAFF}/batches/{anhui['batch']}/windows/{KIND}", json=early), 422, field="closes")
    assert "申请结束时间须晚于相片上传截止时间（2027-01-10 17:00（北京时间））" in told["message"]
    refused(anhui["team"]["city"].put(anhui["path"], json=OPEN), 403)


def test_a_photo_after_the_deadline_is_refused_and_nothing_is_kept(anhui):
    province, me = anhui["team"]["province"], anhui["me"]()
    ok(province.put(anhui["path"], json=OPEN))
    data = pictures("portraits").compliant_jpeg()
    begun = ok(me.post("/api/photo/uploads", json={"kind": "photo", "filename": "photo.jpg", "size": len(data)}))
    sent = httpx.post(begun["url"], data=begun["fields"], files={"file": ("photo.jpg", data, "image/jpeg")})
    assert sent.status_code in (200, 201, 204)
    ok(province.put(anhui["path"], json=OVER))            # the deadline passes while the photo is on its way

    told = refused(me.post(f"/api/photo/uploads/{begun['upload_id']}/check"), 409)
    assert "相片上传已经截止" in told["message"] and "2026-11-20 17:00" in told["message"]
    refused(me.post("/api/photo/uploads", json={"kind": "photo", "filename": "photo.jpg", "size": len(data)}), 409)
    assert _photo(me) is None
    prefix = begun["fields"]["key"].rsplit("/", 1)[0]
    assert anhui["s3"].list_objects_v2(Bucket=anhui["bucket"], Prefix=prefix)["KeyCount"] == 0
    assert ok(me.get("/api/apply/application"))["photo_deadline"] == "2026-11-20 17:00（北京时间）"


def test_a_citys_own_window_may_not_close_before_the_photo_deadline(anhui, portal, table):
    """合肥's own window (application.office_windows) narrows the province's: not to before the photo deadline, or
    the city's last photos go unreviewed; one closing after it is taken, and the photo deadline may then not pass it."""
    ok(anhui["team"]["province"].put(anhui["path"], json=OPEN))
    hefei = staff(portal, table, "pw-hefei", "city", offices=(HEFEI,))
    window = f"{STAFF}/batches/{anhui['batch']}/offices/{HEFEI}/windows/{KIND}"
    try:
        early = {"opens": "2026-11-01T00:00", "closes": "2027-01-05T17:00"}    # within the province's window
        told = refused(hefei.put(window, json=early), 422, field="closes")
        assert told["message"] == "结束时间须晚于相片上传截止时间（2027-01-10 17:00（北京时间））"
        current = next(b for b in ok(hefei.get(f"{STAFF}/batches"))["batches"] if b["id"] == anhui["batch"])
        assert current["office_windows"] == []                                   # nothing stored
        later = ok(hefei.put(window, json={"opens": "2026-11-01T00:00", "closes": "2027-01-12T17:00"}))
        assert [w["closes"] for w in later["office_windows"]] == ["2027-01-12T17:00+08:00"]
        # and the other way round: the photo deadline may not move past the city's own close
        moved = {"opens": "2026-11-01T00:00", "closes": "2027-01-13T17:00"}
        told = refused(anhui["team"]["province"].put(anhui["path"], json=moved), 422, field="closes")
        assert "相片上传截止时间须早于考试机构自设的申请结束时间（2027-01-12 17:00" in told["message"]
    finally:        # the stack is shared: later tests' 合肥 candidates see the province's window
        hefei.delete(window)
