"""What the candidate fills in before submitting, through the running portal: basic information within the
profile's field permissions (never the name), resume and self-assessment rules (重庆), characters the form cannot
print, sections closed after submitting and locked by 现场确认, the check-answers page, and prior education by
学信网 (the sandbox) or by hand.
"""
from __future__ import annotations

import pytest
from support.applying import (
    ELIGIBLE,
    RESUME,
    SELF_ASSESSMENT,
    candidate,
    fill_in,
    ok,
    small_jpeg,
    staff,
    submit,
    upload,
)
from support.portal_client import serving

from functions.common.dynamo import keys
from infra.demo.generate import generate

NO_PRIOR = next(c for c in generate("hubei") if c["demo_case"] == "no_prior_education")


def chosen(portal, table, office: str = "420100", province: str = "hubei", **record):
    me = candidate(portal, table, office, province=province, **record)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    return me


def version(me) -> int:
    return ok(me.get("/api/apply/application"))["application"]["version"]


def refused(answer, status: int, field: str | None = None) -> str:
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    if field:
        assert error["field"] == field, error
    assert any("\u4e00" <= c <= "\u9fff" for c in error["message"]), error
    return error["message"]


@pytest.fixture
def chongqing(portal):
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        yield


def test_basic_information_follows_the_profiles_permissions_and_never_the_name(portal, table):
    me = chosen(portal, table)
    basic = "/api/apply/application/basic"
    assert "姓名不能在网上修改" in refused(me.put(basic, json={"changes": {"name": "王五"}}), 422, "name")
    employer = me.put(basic, json={"changes": {"employer": "某公司"}})
    assert "湖北不能在网上修改工作单位" in refused(employer, 422, "employer")
    phone = me.put(basic, json={"changes": {"phone": "13900000000"}})      # the contact record's: its own page
    assert "手机号请在“填写联系方式”中" in refused(phone, 422, "phone")
    assert "考籍更正" in refused(me.put(basic, json={"changes": {"gender": "女"}}), 422, "gender")
    old = version(me)
    saved = ok(me.put(basic, json={"changes": {"ethnicity": "回", "political_status": "团员"}}))
    assert saved["basic"]["ethnicity"] == "回族" and saved["basic"]["political_status"] == "共青团员"
    assert saved["basic"]["name"] == me.who["name"] and saved["version"] == old + 1
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"]}))
    stale = me.post("/api/apply/application/submit", json={"version": old}, headers={"Idempotency-Key": "k" * 20})
    assert "别处修改" in refused(stale, 409, "version")


def test_resume_and_self_assessment_follow_chongqings_rules(portal, table, chongqing):
    me = chosen(portal, table, "500103", "chongqing")
    resume = "/api/apply/application/resume"
    six = [{"from": f"{2010 + i}-01", "to": f"{2010 + i}-12", "unit": "单位", "role": "职员"} for i in range(6)]
    assert "最多填写 5 条" in refused(me.put(resume, json={"entries": six}), 422, "resume")
    gap = [RESUME[0], {**RESUME[1], "from": "2017-03"}]
    assert "断档" in refused(me.put(resume, json={"entries": gap}), 422, "resume[1].from")
    idle = [RESUME[0], {"from": "2016-07", "to": "2016-12", "unit": "待业", "role": ""},
            {"from": "2017-01", "to": "至今", "unit": "重庆某公司", "role": "会计"}]
    assert ok(me.put(resume, json={"entries": idle}))["details"]["resume"][1]["unit"] == "待业"
    text = "/api/apply/application/self-assessment"
    assert "300–500 字" in refused(me.put(text, json={"text": SELF_ASSESSMENT[:299]}), 422, "self_assessment")
    spaced = " ".join(SELF_ASSESSMENT[:300])          # spaces do not count: still 300 字
    assert ok(me.put(text, json={"text": spaced}))["details"]["self_assessment"]


def test_characters_the_form_cannot_print_are_refused_before_anything_is_stored(portal, table):
    me = chosen(portal, table)
    before = version(me)
    answer = me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "武汉市😀路"})
    assert "无法打印" in refused(answer, 422, "contact")
    assert version(me) == before


def test_sections_close_when_submitted_and_lock_after_onsite_confirmation(portal, table):
    me = chosen(portal, table)
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"]}))
    ok(submit(me))
    change = me.put("/api/apply/application/contact", json={"phone": "13912345678"})
    assert "撤回" in refused(change, 409)
    city = staff(portal, table, "details-city", "city", offices=("420100",))
    ok(city.post(f"/api/apply/staff/applications/{me.who['exam_no']}/onsite"))
    assert "锁定" in refused(me.put("/api/apply/application/contact", json={"phone": "13912345678"}), 409)


def test_check_answers_lists_what_is_missing_and_a_submit_with_gaps_stores_nothing(portal, table, chongqing):
    me = chosen(portal, table, "500103", "chongqing")
    check = ok(me.get("/api/apply/application/check"))
    fields = [m["field"] for m in check["missing"]]
    assert fields == ["contact", "resume", "self_assessment", "signature", "uploads.id_front", "uploads.id_back"]
    tasks = {t["id"]: t["status"] for t in check["tasks"]}
    assert tasks["contact"] == "未完成" and tasks["statement"] == "选填" and tasks["check"] == "还不能提交"
    gaps = submit(me)
    assert gaps.status_code == 422 and len(gaps.json()["error"]["problems"]) == len(fields)
    assert ok(me.get("/api/apply/application"))["application"]["status"] == "draft"
    fill_in(me, "chongqing")
    check = ok(me.get("/api/apply/application/check"))
    assert check["missing"] == [] and check["tasks"][-1]["status"] == "可以提交"
    assert check["uploads"]["signature"]["status_text"] == "已通过检查"


def test_prior_education_by_xuexin_then_by_hand_feeds_the_audit(portal, table, chongqing):
    # 陈静 is in the 学信网 sandbox with a 2019 本科 diploma; the other candidate is unknown to it.
    known = chosen(portal, table, "500103", "chongqing", like=NO_PRIOR, name="陈静", id_number="50010319970221004X")
    plan = known.who["majors"][0]
    assert ok(known.get(f"/api/eligibility/audits/{plan}"))["verdict"] == "NOT_ELIGIBLE"
    assert "prior_education" in [m["field"] for m in ok(known.get("/api/apply/application/check"))["missing"]]
    verified = ok(known.post("/api/apply/application/prior-education/verify", json={}))
    assert verified["status"] == "verified" and verified["school"] == "重庆示例大学"
    assert ok(known.get(f"/api/eligibility/audits/{plan}"))["verdict"] == "ELIGIBLE"
    assert "prior_education" not in [m["field"] for m in ok(known.get("/api/apply/application/check"))["missing"]]

    unknown = chosen(portal, table, "500103", "chongqing", like=NO_PRIOR)
    assert ok(unknown.post("/api/apply/application/prior-education/verify", json={}))["status"] == "not_found"
    claim = {"school": "重庆某职业学院", "certificate_no": "128341201906001234", "graduated_on": "2019-06-30"}
    manual = "/api/apply/application/prior-education/manual"
    assert "毕业证书" in refused(unknown.put(manual, json=claim), 422, "prior_education.diploma")
    assert table.get_item(Key=keys.prior_education(unknown.who["exam_no"]))["Item"]["version"] == 1  # unchanged
    upload(unknown, small_jpeg(), "diploma")
    upload(unknown, small_jpeg(), "filing_form")
    assert ok(unknown.put(manual, json=claim))["status"] == "manual_pending"
    audit = ok(unknown.get(f"/api/eligibility/audits/{plan}"))
    assert audit["verdict"] == "ELIGIBLE_CONDITIONAL"
    assert [f["code"] for f in audit["findings"]] == ["PRIOR_EDU_PENDING_VERIFICATION"]


def test_a_zhuanke_application_needs_no_prior_education(portal, table, chongqing):
    associate = next(c for c in ELIGIBLE if c["majors"][0] == "JS-530601-2024R")     # a 专科 plan
    me = chosen(portal, table, "500103", "chongqing", like=associate)
    answer = me.post("/api/apply/application/prior-education/verify", json={})
    assert "专科毕业不需要" in refused(answer, 409, "prior_education")
    assert "prior_education" not in [t["id"] for t in ok(me.get("/api/apply/application/check"))["tasks"]]


def test_a_chongqing_助学考生_is_told_to_apply_through_the_主考学校_not_that_nothing_is_open(portal, table, chongqing):
    """重庆《毕业申办须知》2: 助学考生毕业申办需根据所在主考学校的管理要求申办毕业. The portal says where to go,
    before and when they try, and opens nothing for them."""
    me = candidate(portal, table, "500103", province="chongqing", candidate_type="助学考生")
    answer = ok(me.get("/api/apply/application"))
    assert answer["application"] is None and answer["window"] is None
    assert "主考学校" in answer["window_closed"] and "没有" not in answer["window_closed"]
    told = refused(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}), 409)
    assert told == answer["window_closed"]
    assert ok(me.get("/api/apply/application"))["application"] is None
    social = candidate(portal, table, "500103", province="chongqing")        # the same office's 社会考生 apply here
    assert ok(social.get("/api/apply/application"))["window_closed"] is None
