"""安徽's 会审 through the running portal (seed 002: 各市教育考试机构初审合格的毕业生信息，将由各主考院校和省级教育考试
机构进行会审): after the city, the application's 主考院校 records 同意 or 不同意 (with a reason) and the province
decides last, never passing it before the 同意; a university of another host does not see it; the history and the
page show both parts, who and when."""
from __future__ import annotations

import pytest
from support.applying import OFFICES, candidate, fill_in, ok, staff, submit
from support.portal_client import serving

LIST = "/api/apply/staff/applications"
AH = "anhui"


@pytest.fixture(scope="module")
def joint(portal, table):
    with serving("apply", AH), serving("photo", AH):
        city = staff(portal, table, "joint-city", "city", offices=(OFFICES[AH],))
        me = candidate(portal, table, OFFICES[AH], province=AH)
        host = ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))["host_universities"]
        fill_in(me, AH, reviewer=city)
        ok(submit(me))
        path = f"{LIST}/{me.who['exam_no']}"
        ok(city.post(f"{path}/decision", json={"stage": "city_review", "decision": "approve"}))
        yield {"me": me, "path": path, "host": host,
               "university": staff(portal, table, "joint-host", "university", universities=host),
               "elsewhere": staff(portal, table, "joint-other", "university", universities=("安徽师范大学",)),
               "province": staff(portal, table, "joint-province", "province")}


def decide(who, path: str, decision: str, reason: str | None = None):
    return who.post(f"{path}/decision", json={"stage": "joint_review", "decision": decision, "reason": reason})


def test_the_province_cannot_pass_the_joint_review_before_the_host_university_agrees(joint):
    path, province, university = joint["path"], joint["province"], joint["university"]
    early = decide(province, path, "approve")
    assert early.status_code == 409 and "须先有主考学校的会审意见" in early.json()["error"]["message"]
    elsewhere = joint["elsewhere"]                 # a university of another host: as if there were no application
    assert elsewhere.get(path).status_code == 404 and decide(elsewhere, path, "approve").status_code == 404
    queue = ok(university.get(LIST, params={"stage": "joint_review"}))["items"]
    assert joint["me"].who["exam_no"] in {r["exam_no"] for r in queue}
    assert joint["me"].who["exam_no"] not in {r["exam_no"] for r in ok(elsewhere.get(LIST))["items"]}
    page = ok(university.get(path))
    assert page["actions"] == [{"action": "opinion", "stage": "joint_review"}]
    assert page["opinion"] == {"stage": "joint_review", "stage_name": "主考院校与省级教育考试机构会审",
                               "office": "主考学校"}
    assert decide(university, path, "reject").status_code == 422            # 不同意 needs its reason
    said = ok(decide(university, path, "reject", "毕业论文成绩未登记"))
    assert said["stage"] == "joint_review" and said["status"] == "in_review"   # the opinion decides nothing
    over = decide(province, path, "approve")
    assert over.status_code == 409 and "不同意（毕业论文成绩未登记）" in over.json()["error"]["message"]
    ok(decide(university, path, "approve"))
    shown = ok(province.get(path))["opinion"]
    assert shown["agree"] is True and shown["by"].startswith("joint-host") and shown["at"].endswith("Z")
    assert ok(decide(province, path, "approve"))["status"] == "approved"
    history = [(h["action"], h["actor"].get("role"), h.get("reason")) for h in ok(province.get(path))["history"]]
    assert [h for h in history if h[0].startswith("opinion.") or h[0] == "approved"][-4:] == [
        ("approved", "city", None), ("opinion.disagree", "university", "毕业论文成绩未登记"),
        ("opinion.agree", "university", None), ("approved", "province", None)]
    assert ok(joint["me"].get("/api/apply/application"))["application"]["status_text"] == "审核通过"

