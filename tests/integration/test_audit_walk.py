"""Every change names who did it (issue 15 item 8): every state-changing route of the functions (read from their
route tables, as the access matrix does, so a route added tomorrow is in this walk the day it is added) is called
the way the pages call it, and each call that answered 2xx and changed the table must have written, in the same
request, an audit-log entry naming the person (account and kind, never the system for what a person pressed), the
action and the time.

How: every DynamoDB write the functions make is watched (tests/support/aws_calls.WATCHERS) and each request's
writes are kept with its route (httpx event hooks on the walk's clients). A state-changing route the walk never
reached with a 2xx fails the test too, unless it is listed in NOT_WALKED with the reason.
"""
from __future__ import annotations

import secrets

import pytest
from support.applying import (
    ELIGIBLE,
    OFFICES,
    another_exam_no,
    candidate,
    fill_in,
    ok,
    onsite_photo,
    short_of_one_course,
    small_jpeg,
    staff,
    submit,
    upload,
    without_photo_window,
)
from support.portal_client import PASSWORD, serving
from support.routes import every_route
from support.write_watch import route_of, watched, watching

from functions.apply.review.history_words import HISTORY_WORDS
from infra.demo.generate import generate

CHANGES = ("POST", "PUT", "DELETE", "PATCH")
NO_PRIOR = next(c for c in generate("hubei") if c["demo_case"] == "no_prior_education")
# 安徽: an eligible record with its 13000 passes taken away, so a 免考 claim of 13000 is open (test_claims_api).
SOURCE = next(c for c in ELIGIBLE if any(a["code"] == "13000" for a in c["attempts"]))
WITHOUT_13000 = {**SOURCE, "attempts": [a for a in SOURCE["attempts"] if a["code"] != "13000"]}
# 安徽's 替代课程: 00023 failed, 00020 (on the plan's list for it) passed (test_replacement_api).
REPLACER = {**WITHOUT_13000, "majors": ["AH-BK-FRAGMENT"], "registered_on": "2019-03-01",
            "attempts": [{"code": c, "session": "2024-10", "score": s} for c, s in (("00020", 75), ("00023", 45))]}
# 安徽's 本、专科专业一并申请: a 专科 and a 专升本 both passed (test_paired_application).
_BY_MAJOR = {c["majors"][0]: c for c in ELIGIBLE}
ASSOCIATE, BACHELOR = "JS-530601-2024R", "JS-050101-2024R"
BOTH = {**_BY_MAJOR[BACHELOR], "majors": [ASSOCIATE, BACHELOR], "prior_education": [],
        "attempts": [*_BY_MAJOR[ASSOCIATE]["attempts"], *_BY_MAJOR[BACHELOR]["attempts"]]}
# POSTs that only read (what they are asked is too long or too private for a URL): no entry needed.
READS = {"POST /api/apply/staff/applications/search", "POST /api/apply/staff/exports/counts",
         "POST /api/apply/staff/applications/{exam_no}/exceptions/preview"}
# Writes that are no one's record: a session's own item, failure counters, captchas, the SMS outbox's delivery.
HOUSEKEEPING = ("SESSION#", "THROTTLE#", "CAPTCHA#", "RESETTICKET#")
# The payment platform's signed notice: the platform is the actor (no person pressed anything).
SYSTEM_ACTORS = {"POST /api/apply/payments/{provider}/callback"}
# Routes this walk does not reach yet, each with why (and the test that covers its log entry instead, if any).
NOT_WALKED = {
    "POST /api/photo/uploads/{upload_id}/fix": "needs a photo the auto-fix can mend (test_photo_api)",
    "POST /api/photo/uploads/{upload_id}/manual-review": "a submitted 山西 application and a failed photo "
                                                         "(test_photo_after_submit: its photo.manual_review entry)",
    "POST /api/photo/identity/check": "山西's identity models (test_identity_api)",
    "POST /api/photo/identity/manual": "山西's identity pictures first (test_identity_api)",
    "POST /api/photo/staff/identity/{exam_no}": "山西's identity pictures first (test_identity_api)",
    "POST /api/apply/session": "sign-in: the walk's own clients sign in before the hooks",
    "POST /api/apply/accounts": "registration needs a captcha read from the table",
    "POST /api/apply/accounts/me/activation": "registration first",
    "POST /api/apply/password-reset/question": "a captcha first",
    "POST /api/apply/password-reset/verify": "a captcha first (test_account_integrity: the code's log entries)",
    "POST /api/apply/password-reset/answer": "a captcha first",
    "POST /api/apply/password-reset/code": "a captcha first",
    "POST /api/apply/payments/{provider}/callback": "a fee province's signed notice (test_payments_api)",
    "POST /api/apply/payments/sandbox/pay": "a fee province (test_payments_api)",
    "POST /api/eligibility/choices/{plan_id}": "a record with a 顶替 rule to choose",
    "DELETE /api/eligibility/choices/{plan_id}/{rule_id}": "a 顶替 choice first",
    "POST /api/eligibility/choices/{plan_id}/suggested": "a record with a suggestion",
    "POST /api/eligibility/staff/candidates/{exam_no}/choices/{plan_id}": "a record with a 顶替 rule to choose",
    "DELETE /api/eligibility/staff/candidates/{exam_no}/choices/{plan_id}/{rule_id}": "a 顶替 choice first",
    "POST /api/apply/staff/applications/{exam_no}/prior-education":
        "a 前置学历 claim by hand first (test_prior_checks_api checks its audit entry)",
    "POST /api/apply/staff/prior-education/answers": "claims by hand first (test_prior_checks_api)",
    "POST /api/apply/application/forms/{form_id}/export":
        "山西's 登记表 after paying (test_registration_form_fill); it keeps a PDF copy as GET …/forms/{form_id} does",
}


@pytest.fixture(scope="module")
def seen():
    """Every request the walk's clients make, with the table writes the functions made while serving it."""
    yield from watching()


def asked_for(answer: dict, reason: str) -> str:
    """The id of the request asked with `reason` (requests asked in the same second have no order between them)."""
    return next(r["id"] for r in answer["requests"] if r["reason"] == reason)


def walk_hubei(portal, table, seen) -> None:
    office = OFFICES["hubei"]
    city = watched(staff(portal, table, "walk-city", "city", offices=(office,)), seen)
    province = watched(staff(portal, table, "walk-province", "province"), seen)
    province2 = watched(staff(portal, table, "walk-province2", "province"), seen)
    admin = watched(staff(portal, table, "walk-admin", "admin"), seen)
    admin2 = watched(staff(portal, table, "walk-admin2", "admin"), seen)

    me, plan, course = short_of_one_course(portal, table)
    watched(me, seen)
    ok(me.put("/api/apply/application/major", json={"plan_id": plan, "host_universities": []}))
    numbers, wanted = "/api/apply/application/exam-numbers", {"name": me.who["name"],
                                                             "id_number": me.who["id_number"],
                                                             "exam_no": another_exam_no(table, me)}
    added = ok(me.post(numbers, json=wanted))["others"][0]
    ok(me.delete(f"{numbers}/{added['id']}"))
    added = ok(me.post(numbers, json=wanted))["others"][0]
    ok(city.post(f"/api/apply/staff/applications/{me.who['exam_no']}/exam-numbers/{added['id']}",
                 json={"decision": "refused", "reason": "不是本人的准考证"}))
    exceptions = f"/api/apply/staff/applications/{me.who['exam_no']}/exceptions"
    asked = ok(province.post(exceptions, json={"kind": "waive", "target": "total", "reason": "老计划学分"}))
    ok(province.post(f"{exceptions}/{asked_for(asked, '老计划学分')}", json={"decision": "withdraw"}))
    asked = ok(province.post(exceptions, json={"kind": "waive", "target": "count", "reason": "老计划门数"}))
    ok(province2.post(f"{exceptions}/{asked_for(asked, '老计划门数')}", json={"decision": "reject", "reason": "不符"}))
    asked = ok(province.post(exceptions, json={"kind": "force_complete", "target": course, "reason": "成绩漏录"}))
    ok(province2.post(f"{exceptions}/{asked_for(asked, '成绩漏录')}", json={"decision": "approve"}))
    ok(province.post(f"{exceptions}/preview", json={"kind": "waive", "target": "total", "reason": "预览"}))
    ok(me.put("/api/apply/application/statement", json={"text": "情况说明：无。"}))
    ok(me.put("/api/apply/application/basic", json={"changes": {"hukou_place": "湖北省武汉市"}}))
    fill_in(me, "hubei")
    ok(submit(me))
    version = ok(me.get("/api/apply/application"))["application"]["version"]
    ok(me.post("/api/apply/application/withdraw", json={"version": version}))
    ok(submit(me))
    page = f"/api/apply/staff/applications/{me.who['exam_no']}"
    ok(onsite_photo(city, me.who["exam_no"], small_jpeg((300, 400))))     # 现场确认's photo (no 报名照片 imported)
    ok(city.post(f"{page}/onsite"))
    ok(city.post(f"{page}/decision", json={"stage": "city_review", "decision": "reject", "reason": "成绩与档案不符"}))

    other = watched(candidate(portal, table, office), seen)
    ok(other.put("/api/apply/application/major", json={"plan_id": other.who["majors"][0]}))
    fill_in(other, "hubei")
    ok(submit(other))
    ok(city.post(f"/api/apply/staff/applications/{other.who['exam_no']}/onsite"))
    bulk = ok(city.post("/api/apply/staff/applications/bulk-approve",
                        json={"stage": "city_review", "exam_nos": [other.who["exam_no"]]}))
    assert bulk["approved"] == [other.who["exam_no"]], bulk
    ok(city.post("/api/apply/staff/applications/search", json={"q": other.who["exam_no"]}))

    records = f"/api/apply/staff/candidates/{other.who['exam_no']}"
    ok(city.post(f"{records}/lock", json={"reason": "有人冒用考籍注册账号"}))
    ok(city.post(f"{records}/unlock", json={"reason": "本人到场核实"}))
    ok(city.post(f"/api/apply/staff/accounts/{other.account_id}/reset-code"))

    made = admin.post("/api/apply/staff/accounts", json={"login": f"walk-{secrets.token_hex(3)}", "name": "走查",
                                                         "role": "county", "offices": [office]})
    assert made.status_code in (200, 201), made.text
    account = made.json()["account_id"]
    asked = admin.post(f"/api/apply/staff/accounts/{account}/reset-code")
    assert asked.status_code in (200, 202), asked.text
    ok(admin2.post(f"/api/apply/staff/approvals/{asked.json()['request_id']}/approve"))
    ok(admin.post(f"/api/apply/staff/accounts/{account}/disable", json={"reason": "离职"}))

    review = ok(province.get("/api/apply/staff/review"))
    batch = review["current_batch"]
    ok(province.put(f"/api/apply/staff/batches/{batch}/windows/*",
                    json={"opens": "2026-01-01T00:00", "closes": "2027-12-31T17:00"}))
    # walked, then put back: the audits of every later test on this stack read the batch's graduation date (a
    # discipline ban that ends before a later date would no longer block test_applications_api's banned candidate)
    own_date = next(b["graduation_date"] for b in review["batches"] if b["id"] == batch)
    ok(province.put(f"/api/apply/staff/batches/{batch}/dates", json={"graduation_date": "2027-06-30"}))
    ok(province.put(f"/api/apply/staff/batches/{batch}/dates", json={"graduation_date": own_date}))
    ok(province.post("/api/apply/staff/exports/graduates", json={}))
    ok(province.put("/api/apply/staff/notices/province/-", json={"text": "走查：毕业申请须知"}))
    ok(province.put("/api/apply/staff/notices/province/-", json={"text": ""}))      # taken down again
    ok(province.post("/api/apply/staff/exports/counts", json={}))
    ok(other.post("/api/apply/accounts/me/password", json={"password": PASSWORD, "new_password": "Walk-new-2026x"}))
    ok(other.delete("/api/apply/session"))
    ok(me.delete("/api/apply/sessions"))             # 退出所有设备: last, it ends every session of the account


def walk_anhui(portal, table, seen) -> None:
    """Claims, uploads, the photo queue and the photo package (安徽 reviews photos and takes 免考 claims)."""
    office = OFFICES["anhui"]
    with serving("apply", "anhui"), serving("photo", "anhui"):
        city = watched(staff(portal, table, "walk-ah-city", "city", offices=(office,)), seen)
        me = watched(candidate(portal, table, office, like=WITHOUT_13000, province="anhui"), seen)
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        upload(me, small_jpeg(), "certificate")
        claims, wanted = "/api/apply/application/claims", {"kind": "exemption", "course": "13000",
                                                            "certificate": "CET-4 certificate"}
        made = ok(me.post(claims, json=wanted))["claims"][0]
        ok(me.delete(f"{claims}/{made['id']}"))
        made = ok(me.post(claims, json=wanted))["claims"][0]
        ok(city.post(f"/api/apply/staff/applications/{me.who['exam_no']}/claims/{made['id']}",
                     json={"decision": "refused", "reason": "证书模糊"}))
        fill_in(me, "anhui", reviewer=city)
        chooser = watched(candidate(portal, table, office, like=REPLACER, province="anhui"), seen)
        ok(chooser.post("/api/eligibility/replacements/AH-BK-FRAGMENT", json={"course": "00023",
                                                                               "replacement": "00020"}))
        # 学信网's photo package (安徽 takes photos): full ID numbers in bulk, the provincial office's only.
        province = watched(staff(portal, table, "walk-ah-province", "province"), seen)
        ok(province.post("/api/photo/staff/exports/photos", json={}))
        # 合肥's own window (安徽 lets offices narrow the province's), set and cleared by its city office
        batch = ok(province.get("/api/apply/staff/review"))["current_batch"]
        own = f"/api/apply/staff/batches/{batch}/offices/{office}/windows/*"
        ok(city.put(own, json={"opens": "2026-11-01T00:00", "closes": "2027-12-31T17:00"}))
        ok(city.delete(own))
        # 安徽's photo window (相片上传截止时间早于毕业申请提交时间), set by the province and taken away again
        ok(province.put(f"/api/apply/staff/batches/{batch}/photo-window",
                        json={"opens": "2026-11-01T00:00", "closes": "2027-01-10T17:00"}))
        without_photo_window(table, batch)
        walk_paired(portal, table, seen, city)


def walk_paired(portal, table, seen, city) -> None:
    """The 本科 beside a submitted 专科: chosen, submitted, withdrawn (its own entries, as the 专科's)."""
    me = watched(candidate(portal, table, OFFICES["anhui"], like=BOTH, province="anhui"), seen)
    ok(me.put("/api/apply/application/major", json={"plan_id": ASSOCIATE}))
    fill_in(me, "anhui", reviewer=city)
    ok(submit(me))
    version = ok(me.put("/api/apply/application/paired", json={"plan_id": BACHELOR}))["version"]
    version = ok(me.post("/api/apply/application/paired/submit", json={"version": version},
                         headers={"Idempotency-Key": secrets.token_urlsafe(16)}))["application"]["version"]
    ok(me.post("/api/apply/application/paired/withdraw", json={"version": version}))


def walk_chongqing(portal, table, seen) -> None:
    """前置学历: 学信网 online (the sandbox does not know this one), then by hand with the diploma and filing form."""
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        me = watched(candidate(portal, table, OFFICES["chongqing"], like=NO_PRIOR, province="chongqing"), seen)
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        assert ok(me.post("/api/apply/application/prior-education/verify", json={}))["status"] == "not_found"
        upload(me, small_jpeg(), "diploma")
        upload(me, small_jpeg(), "filing_form")
        ok(me.put("/api/apply/application/prior-education/manual", json={
            "school": "重庆某职业学院", "certificate_no": "128341201906001234", "graduated_on": "2019-06-30"}))


def test_every_change_writes_an_audit_entry_naming_who_what_and_when(portal, table, seen):
    routes = [r for r in every_route() if r.method in CHANGES]
    walk_hubei(portal, table, seen)
    walk_anhui(portal, table, seen)
    walk_chongqing(portal, table, seen)
    reached, wrong = set(), []
    for request in seen[1:]:
        route = route_of(routes, request.method, request.path)
        if route is None or not 200 <= request.status < 300:
            continue
        name = str(route)
        reached.add(name)
        changed = [w for w in request.writes if not w["sk"].startswith("LOG#")
                   and not w["pk"].startswith(HOUSEKEEPING)]
        if name in READS or not changed:
            continue
        entries = request.log_entries()
        named = [e for e in entries if e.get("action") and e.get("at") and (e.get("actor") or {}).get("account_id")
                 and (name in SYSTEM_ACTORS or e["actor"].get("kind") in ("candidate", "staff"))]
        if not named:
            wrong.append(f"{name}: changed {[(w['pk'].split('#')[0], w['sk'].split('#')[0]) for w in changed]}, "
                         f"entries {[(e.get('action'), e.get('actor')) for e in entries]}")
    missing = sorted({str(r) for r in routes} - reached - set(NOT_WALKED) - READS)
    # the staff page's history says each of the candidate's entries in words, never 其他办理 (issue 17 item 1)
    unnamed = sorted({w["item"]["action"] for request in seen[1:] for w in request.writes
                      if w["sk"].startswith("LOG#") and w["pk"].startswith("CAND#") and w["item"]
                      and w["item"].get("action") not in HISTORY_WORDS})
    assert wrong == [], "\n".join(sorted(set(wrong)))
    assert unnamed == [], f"actions the staff page's history cannot say in words: {unnamed}"
    assert missing == [], "state-changing routes the walk never reached (walk them or say why in NOT_WALKED):\n" + \
        "\n".join(missing)
