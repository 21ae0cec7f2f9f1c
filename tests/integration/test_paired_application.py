"""本、专科专业一并申请 (安徽, seed 002 lines 23 and 53) as the candidate has it: the 本科 is a second application of
the batch beside the 专科, opened once the 专科 is submitted, submitted and withdrawn on its own, while the 专科 stays
what it was. Each refusal names what to do: a province without the pairing, no 专科 applied for, a 专科 still a
draft, a plan that is no 本科."""
from __future__ import annotations

import secrets

import pytest
from support.applying import OFFICES, candidate, fill_in, ok, pdf_text, refused, staff, submit
from support.portal_client import serving

from infra.demo.generate import generate

AH = "anhui"
ELIGIBLE = {c["majors"][0]: c for c in generate("hubei") if c["demo_case"] == "eligible"}
ASSOCIATE, BACHELOR = "JS-530601-2024R", "JS-050101-2024R"      # 工商企业管理 (专科), 汉语言文学 (专升本)
# Both majors passed, no diploma: the 本科 can rest only on the 专科 applied for beside it.
BOTH = {**ELIGIBLE[BACHELOR], "majors": [ASSOCIATE, BACHELOR], "prior_education": [],
        "attempts": [*ELIGIBLE[ASSOCIATE]["attempts"], *ELIGIBLE[BACHELOR]["attempts"]]}
MINE, PAIRED = "/api/apply/application", "/api/apply/application/paired"


@pytest.fixture(scope="module")
def city(portal, table):
    with serving("apply", AH), serving("photo", AH), serving("eligibility", AH):
        yield staff(portal, table, "paired-city", "city", offices=(OFFICES[AH],))


def associate_submitted(portal, table, city):
    me = candidate(portal, table, OFFICES[AH], province=AH, like=BOTH)
    ok(me.put(f"{MINE}/major", json={"plan_id": ASSOCIATE}))
    fill_in(me, AH, reviewer=city)
    ok(submit(me))
    return me


def submit_paired(me, version: int):
    return me.post(f"{PAIRED}/submit", json={"version": version},
                   headers={"Idempotency-Key": secrets.token_urlsafe(16)})


def test_the_bachelor_is_a_second_application_beside_the_submitted_associate(portal, table, city):
    me = associate_submitted(portal, table, city)
    before = ok(me.get(MINE))
    assert before["pairs"] is True and before["paired"] is None and before["paired_closed"] is None
    chosen = ok(me.put(PAIRED, json={"plan_id": BACHELOR}))
    assert (chosen["plan_id"], chosen["major_name"], chosen["status"]) == (BACHELOR, "汉语言文学", "draft")
    done = ok(submit_paired(me, chosen["version"]))
    assert done["reference"].endswith("-B") and done["application"]["status"] == "in_review"
    both = ok(me.get(MINE))
    assert both["application"]["plan_id"] == ASSOCIATE and both["application"]["status"] == "in_review"
    assert both["paired"]["plan_id"] == BACHELOR and both["paired"]["reference"] == done["reference"]
    assert both["application"]["reference"] != done["reference"]
    error = refused(me.post(f"{MINE}/withdraw", json={"version": both["application"]["version"]}), 409)
    assert "请先撤回本科专业的申请" in error["message"] and "汉语言文学" in error["message"]
    back = ok(me.post(f"{PAIRED}/withdraw", json={"version": both["paired"]["version"]}))
    assert back["status"] == "draft" and ok(me.get(MINE))["application"]["status"] == "in_review"


def test_the_bachelor_waits_for_the_associate_to_be_submitted(portal, table, city):
    me = candidate(portal, table, OFFICES[AH], province=AH, like=BOTH)
    error = refused(me.put(PAIRED, json={"plan_id": BACHELOR}), 409)
    assert "须先选择并提交专科专业" in error["message"]
    ok(me.put(f"{MINE}/major", json={"plan_id": ASSOCIATE}))
    assert "请先提交专科专业（工商企业管理）" in ok(me.get(MINE))["paired_closed"]
    error = refused(me.put(PAIRED, json={"plan_id": BACHELOR}), 409, "plan_id")
    assert "请先提交专科专业（工商企业管理）" in error["message"]


def test_submitting_the_bachelor_before_the_associate_is_refused_naming_it(portal, table, city):
    me = associate_submitted(portal, table, city)
    chosen = ok(me.put(PAIRED, json={"plan_id": BACHELOR}))
    ok(me.post(f"{MINE}/withdraw", json={"version": ok(me.get(MINE))["application"]["version"]}))
    error = refused(submit_paired(me, chosen["version"]), 409, "plan_id")
    assert "请先提交专科专业（工商企业管理）" in error["message"]
    assert ok(me.get(MINE))["paired"]["status"] == "draft"


def test_only_a_bachelor_goes_beside_a_associate(portal, table, city):
    me = associate_submitted(portal, table, city)
    error = refused(me.put(PAIRED, json={"plan_id": ASSOCIATE}), 409, "plan_id")
    assert "一并申请的须是本科专业" in error["message"]
    other = candidate(portal, table, OFFICES[AH], province=AH, like=BOTH)
    ok(other.put(f"{MINE}/major", json={"plan_id": BACHELOR}))       # the batch's application is itself the 本科
    assert "须先选择并提交专科专业" in refused(other.put(PAIRED, json={"plan_id": BACHELOR}), 409)["message"]


def test_a_province_without_the_pairing_refuses_a_second_application(portal, table):
    with serving("apply", "hubei"), serving("photo", "hubei"), serving("eligibility", "hubei"):
        me = candidate(portal, table, OFFICES["hubei"], like=BOTH)
        ok(me.put(f"{MINE}/major", json={"plan_id": ASSOCIATE}))
        error = refused(me.put(PAIRED, json={"plan_id": BACHELOR}), 409)
        assert "不能本、专科专业一并申请" in error["message"]
        assert refused(me.post(f"{PAIRED}/withdraw", json={"version": 1}), 409)["message"] == error["message"]
        overview = ok(me.get(MINE))
    assert overview["pairs"] is False and overview["paired"] is None


def test_the_city_reviews_each_application_on_its_own(portal, table, city):
    me = associate_submitted(portal, table, city)
    exam_no, one = me.who["exam_no"], f"/api/apply/staff/applications/{me.who['exam_no']}"
    ok(submit_paired(me, ok(me.put(PAIRED, json={"plan_id": BACHELOR}))["version"]))
    rows = ok(city.get("/api/apply/staff/applications", params={"stage": "city_review", "limit": 100}))["items"]
    assert {(r["plan_id"], r["pair"]) for r in rows if r["exam_no"] == exam_no} == {(ASSOCIATE, None),
                                                                                 (BACHELOR, "bachelor")}
    found = ok(city.post("/api/apply/staff/applications/search", json={"q": me.who["name"], "limit": 100}))["items"]
    assert sorted((r["plan_id"], r["pair"] or "") for r in found if r["exam_no"] == exam_no) == [
        (BACHELOR, "bachelor"), (ASSOCIATE, "")]
    by_number = ok(city.post("/api/apply/staff/applications/search", json={"q": exam_no}))["items"]
    assert [(r["plan_id"], r["pair"]) for r in by_number] == [(ASSOCIATE, None), (BACHELOR, "bachelor")]
    page = ok(city.get(one, params={"pair": "bachelor"}))
    assert page["application"]["plan_id"] == BACHELOR
    assert page["paired_with"] == ("本、专科专业一并申请：本科以同批次专科专业（工商企业管理，"
                                   "已受理，待市级教育考试机构初审）毕业审核通过为前提")
    started = ("submitted", "application_started")           # each history is its own: one of each, not two
    assert sorted(e["action"] for e in page["history"] if e["action"] in started) == sorted(started)
    first = ok(city.get(one))
    assert first["paired_with"].startswith("同批次一并申请本科专业：汉语言文学")
    assert sorted(e["action"] for e in first["history"] if e["action"] in started) == sorted(started)
    ok(city.post(f"{one}/decision", json={"stage": "city_review", "decision": "approve"}, params={"pair": "bachelor"}))
    assert ok(me.get(MINE))["paired"]["stage"] == "joint_review"
    assert ok(me.get(MINE))["application"]["stage"] == "city_review"        # the 专科 still waits for its own


def test_the_bachelors_printed_form_is_its_own_once_it_is_approved(portal, table, city):
    me = associate_submitted(portal, table, city)
    form = f"{PAIRED}/forms/registration_form"
    assert "您还没有一并申请的本科专业" in refused(me.get(form), 404)["message"]
    reference = ok(submit_paired(me, ok(me.put(PAIRED, json={"plan_id": BACHELOR}))["version"]))["reference"]
    assert "审核通过后才能打印" in refused(me.get(form), 409)["message"]
    one, pair = f"/api/apply/staff/applications/{me.who['exam_no']}", {"pair": "bachelor"}
    ok(city.post(f"{one}/decision", json={"stage": "city_review", "decision": "approve"}, params=pair))
    host = ok(city.get(one, params=pair))["application"]["host_universities"]
    for who in (staff(portal, table, "paired-host", "university", universities=host),
                staff(portal, table, "paired-province", "province")):   # 会审: the host's 同意, then the province
        ok(who.post(f"{one}/decision", json={"stage": "joint_review", "decision": "approve"}, params=pair))
    text = pdf_text(me, "registration_form", f"{PAIRED}/forms/")
    assert "汉语言文学" in text and reference in text and reference.endswith("-B")
    assert "审核通过后才能打印" in refused(me.get(f"{MINE}/forms/registration_form"), 409)["message"]   # the 专科's


def test_the_bachelor_cannot_pass_over_a_rejected_associate(portal, table, city):
    me = associate_submitted(portal, table, city)
    ok(submit_paired(me, ok(me.put(PAIRED, json={"plan_id": BACHELOR}))["version"]))
    one, pair = f"/api/apply/staff/applications/{me.who['exam_no']}", {"pair": "bachelor"}
    reject = {"stage": "city_review", "decision": "reject", "reason": "成绩不符合毕业条件"}
    ok(city.post(f"{one}/decision", json=reject))                             # the 专科
    approve = {"stage": "city_review", "decision": "approve"}
    error = refused(city.post(f"{one}/decision", json=approve, params=pair), 409, "decision")
    assert error["message"] == ("一并申请的专科专业（工商企业管理）未通过审核（成绩不符合毕业条件），"
                                "本科专业以其毕业审核通过为前提，不能审核通过，请驳回")
    assert ok(me.get(MINE))["paired"]["status"] == "in_review"                 # nothing changed
    assert ok(city.post(f"{one}/decision", json=reject, params=pair))["status"] == "rejected"
