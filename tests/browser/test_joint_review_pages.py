"""安徽's 会审 on the staff application page, on a desktop and on a 360 px phone (issue 19 item 7): after the city,
the province is told the 主考院校's opinion is awaited and cannot pass the application before it; the application's
主考院校 reads the form in the words of an opinion and records 同意; the province then reads that 同意 with who
and when, approves, and the history shows both parts. axe 0 at each state."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import journey
import pytest
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import OFFICES, candidate, fill_in, ok, submit

AH = "anhui"


def at_the_joint_review(portal, table, team):
    me = candidate(portal, table, OFFICES[AH], province=AH)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, AH, reviewer=team["city"])
    ok(submit(me))
    ok(team["city"].post(f"/api/apply/staff/applications/{me.who['exam_no']}/decision",
                         json={"stage": "city_review", "decision": "approve"}))
    return me


def stored_by(team) -> str:
    """The university account's name, as its staff see it on their own account page."""
    return ok(team["university"].get("/api/apply/accounts/me"))["name"]


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_host_university_agrees_and_the_province_then_approves(phone, browser, site, portal, table, teams):
    with as_province(AH):
        url, team = site(AH), teams(AH)
        me = at_the_joint_review(portal, table, team)
        exam_no = me.who["exam_no"]
        contexts = {role: journey.browser_for(browser, url, team[role], phone=phone)
                    for role in ("province", "university")}
        try:
            province, university = (contexts[r].new_page() for r in ("province", "university"))
            province.goto(f"{url}/staff/application.html?exam_no={exam_no}")
            settled(province)
            said = province.locator("[data-fill=opinion]")
            expect(said).to_have_text("主考学校尚未填写会审意见；主考学校同意后才能审核通过。")
            province.get_by_role("radio", name="通过", exact=True).check()
            province.get_by_role("button", name="提交审核决定").click()
            expect(province.locator("main")).to_contain_text("须先有主考学校的会审意见")
            assert axe(province) == []

            university.goto(f"{url}/staff/application.html?exam_no={exam_no}")
            settled(university)
            expect(university.get_by_role("heading", name="会审意见")).to_be_visible()
            university.get_by_role("radio", name="不同意", exact=True).check()
            university.get_by_role("button", name="提交会审意见").click()
            expect(university.locator("main")).to_contain_text("不同意时请选择或填写原因")   # asked before it is sent
            assert axe(university) == []
            journey.opinion(university, url, exam_no)
            expect(university.locator("#decided")).to_contain_text("已记录会审意见：同意。")
            expect(university.locator("[data-fill=opinion]")).to_contain_text(f"主考学校会审意见：同意。由{stored_by(team)}")
            assert axe(university) == []

            province.reload()
            settled(province)
            stored = ok(team["province"].get(f"/api/apply/staff/applications/{exam_no}"))["opinion"]["at"]
            beijing = datetime.fromisoformat(stored.replace("Z", "+00:00")).astimezone(timezone(timedelta(hours=8)))
            when = f"{beijing:%Y-%m-%d %H:%M}"                    # Beijing time, as the page shows every time
            expect(said).to_contain_text(f"主考学校会审意见：同意。由{stored_by(team)}于 {when} 填写。")
            journey.decide(province, url, exam_no, {"id": "joint_review"})
            expect(province.locator("[data-fill=status]")).to_have_text("审核通过")
            history = province.locator("#history")
            expect(history).to_contain_text("会审意见：同意")
            expect(history.locator("tr").filter(has_text="会审意见：同意")).to_contain_text("主考院校")
            assert axe(province) == []
        finally:
            for context in contexts.values():
                context.close()
