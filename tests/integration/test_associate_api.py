"""本、专科专业一并申请 (安徽, seed 002 lines 23 and 53) through the running portal: a candidate with a 专科
application in the open batch reads the 本科 major as conditional, naming the 专科 and the city that confirms
it; once the city passed the 专科 the 本科 needs no prior education; a 专科 the city rejected refuses the 本科
with the city's reason. A province without the pairing (湖北) asks the 本科 for prior education whatever 专科
is applied for."""
from __future__ import annotations

import pytest
from support.applying import OFFICES, candidate, fill_in, ok, staff, submit
from support.portal_client import serving

from infra.demo.generate import generate

AH = "anhui"
ELIGIBLE = {c["majors"][0]: c for c in generate("hubei") if c["demo_case"] == "eligible"}
ASSOCIATE, BACHELOR = "JS-530601-2024R", "JS-050101-2024R"      # 工商企业管理 (专科), 汉语言文学 (专升本)
# Both majors passed, no diploma: the 本科 can rest only on the 专科 applied for beside it.
BOTH = {**ELIGIBLE[BACHELOR], "majors": [ASSOCIATE, BACHELOR], "prior_education": [],
        "attempts": [*ELIGIBLE[ASSOCIATE]["attempts"], *ELIGIBLE[BACHELOR]["attempts"]]}
LIST = "/api/apply/staff/applications"


@pytest.fixture(scope="module")
def city(portal, table):
    with serving("apply", AH), serving("photo", AH), serving("eligibility", AH):
        yield staff(portal, table, "pair-city", "city", offices=(OFFICES[AH],))


def bachelor(me) -> tuple[str, list[tuple[str, str]]]:
    """The 本科's verdict and its prior-education findings (severity, message), as the audit page reads them."""
    audit = ok(me.get(f"/api/eligibility/audits/{BACHELOR}"))
    return audit["verdict"], [(f["severity"], f["message"]) for f in audit["findings"]
                              if f["subject"] == "prior_education"]


def associate_submitted(portal, table, city):
    me = candidate(portal, table, OFFICES[AH], province=AH, like=BOTH)
    ok(me.put("/api/apply/application/major", json={"plan_id": ASSOCIATE}))
    fill_in(me, AH, reviewer=city)
    ok(submit(me))
    return me


def test_the_bachelor_rests_on_the_associate_until_the_city_confirmed_it(portal, table, city):
    me = candidate(portal, table, OFFICES[AH], province=AH, like=BOTH)
    verdict, findings = bachelor(me)
    assert verdict == "NOT_ELIGIBLE" and [s for s, _ in findings] == ["blocking"]     # nothing applied for yet
    ok(me.put("/api/apply/application/major", json={"plan_id": ASSOCIATE}))
    verdict, [(severity, message)] = bachelor(me)
    assert (verdict, severity) == ("ELIGIBLE_CONDITIONAL", "conditional")
    assert message.startswith("当次一并申请的专科专业（工商企业管理）待市级教育考试机构确认")
    fill_in(me, AH, reviewer=city)
    ok(submit(me))
    assert bachelor(me)[0] == "ELIGIBLE_CONDITIONAL"                                   # waiting at the city
    ok(city.post(f"{LIST}/{me.who['exam_no']}/decision", json={"stage": "city_review", "decision": "approve"}))
    assert bachelor(me) == ("ELIGIBLE", [])
    majors = {m["plan_id"]: m["verdict"] for m in ok(me.get("/api/eligibility/majors"))["majors"]}
    assert majors[BACHELOR] == "ELIGIBLE"


def test_a_rejected_associate_refuses_the_bachelor_with_the_citys_reason(portal, table, city):
    me = associate_submitted(portal, table, city)
    ok(city.post(f"{LIST}/{me.who['exam_no']}/decision",
                 json={"stage": "city_review", "decision": "reject", "reason": "成绩不符合毕业条件"}))
    verdict, [(severity, message)] = bachelor(me)
    assert (verdict, severity) == ("NOT_ELIGIBLE", "blocking")
    assert "工商企业管理" in message and "成绩不符合毕业条件" in message and "不能申请本科专业毕业" in message


def test_a_province_without_the_pairing_asks_the_bachelor_for_prior_education(portal, table):
    with serving("apply", "hubei"), serving("photo", "hubei"), serving("eligibility", "hubei"):
        me = candidate(portal, table, OFFICES["hubei"], like=BOTH)
        ok(me.put("/api/apply/application/major", json={"plan_id": ASSOCIATE}))
        verdict, [(severity, message)] = bachelor(me)
    assert (verdict, severity) == ("NOT_ELIGIBLE", "blocking") and "专科专业" not in message
