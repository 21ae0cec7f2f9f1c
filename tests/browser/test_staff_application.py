"""The staff application page in the browser, per province: the reviewer of the first stage (重庆: the 主考学校, who
reads no candidate's majors) opens a submitted application and sees the whole of it in review order, as the
province's profile asks the candidate for it: who (full ID number, office by name), photo, documents, basic
information, contact, resume, 自我鉴定, 前置学历, host universities, the transcript by course name, the audit in
words, the history in Beijing time, and the decision preselected at their stage. axe 0."""
from __future__ import annotations

import re

import journey
import pytest
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import NO_PRIOR, OFFICES, candidate, fill_in, ok, prior_pending, submit, verify_identity

from functions.profiles.loader import load_profile

CODE = re.compile(r"\b[A-Z][A-Z_]{6,}\b")      # a finding code such as PRIOR_EDU_PENDING_VERIFICATION
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def submitted(portal, table, team, province: str):
    """A submitted application the first stage's reviewer decides: in 山西 one whose 前置学历 waits for the county,
    as a clean one is passed by the system (系统审核通过) and never reaches the county's queue."""
    data = load_profile(province).data
    held = data["review"]["stages"][0]["system_approval"]
    me = candidate(portal, table, OFFICES[province], province=province, **({"like": NO_PRIOR} if held else {}))
    if data["login"]["identity_check"] == "photos":
        verify_identity(me)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, province, reviewer=team[data["application"]["photo_review"] or "city"])
    if held:
        prior_pending(me)
    ok(submit(me))
    return me


@pytest.mark.parametrize("province", ["hubei", "anhui", "chongqing", "shanxi"])
def test_the_first_reviewer_sees_the_whole_application(province, browser, site, portal, table, teams):
    with as_province(province):
        url, team = site(province), teams(province)
        data = load_profile(province).data
        me = submitted(portal, table, team, province)
        first = next(s for s in data["review"]["stages"] if s["kind"] != "payment")
        context = journey.browser_for(browser, url, team[first["role"]], phone=False, bypass_csp=True)
        try:
            page = context.new_page()
            page.goto(url + "/staff/application.html?exam_no=" + me.who["exam_no"])
            settled(page)
            expect(page.locator("[data-record]")).to_be_visible()
            text = page.locator("main").inner_text()
            assert "找不到" not in text and "无法读取" not in text
            who = page.locator("#person")
            for shown in (me.who["name"], me.who["id_number"], me.who["exam_no"]):
                expect(who).to_contain_text(shown)
            office = next(o["name"] for o in data["offices"] if o["code"] == me.who["office"])
            expect(who.locator("[data-fill=office_name]")).to_have_text(office)       # the name, not the code
            page.get_by_role("button", name="查看各科成绩").click()       # read when asked for (the page's weight)
            expect(page.locator("#transcript")).to_contain_text(me.who["attempts"][0]["code"])
            assert page.locator("#transcript td").filter(has_text=re.compile("[\u4e00-\u9fff]{2,}")).count()
            expect(page.locator("#hosts")).not_to_be_empty()
            if data["application"]["self_assessment"]:
                expect(page.locator("#self_assessment")).to_contain_text("本人自参加高等教育自学考试以来")
            if data["application"]["resume"]:
                expect(page.locator("#resume")).to_contain_text("武汉光谷软件有限公司")
            expect(page.locator("#contact")).to_contain_text(me.who["phone"])
            for kind in [u["kind"] for u in ok(me.get("/api/photo/uploads"))["uploads"]]:
                if kind != "photo":
                    expect(page.locator(f"[data-document={kind}] img")).to_have_count(1)
            if data["photo"] is not None:
                expect(page.locator("#photo img")).to_have_count(1)
            expect(page.locator("#history")).to_contain_text("提交申请")
            assert not ISO.search(page.locator("#history").inner_text())        # Beijing time, not UTC stamps
            assert not CODE.search(page.locator("main").inner_text())
            if data["fee"]:
                expect(page.locator("#payment")).to_contain_text("尚未缴费")
            expect(page.locator("section#claims")).to_have_count(1)
            expect(page.locator("section#exceptions")).to_have_count(1)
            if not data["application"]["onsite_confirmation"]:
                expect(page.get_by_label("审核阶段")).to_have_value(first["id"])
            assert axe(page) == []
        finally:
            context.close()


def test_decisions_offer_what_this_person_may_do_now(browser, site, portal, table, teams):
    """湖北's city office: 现场确认 first (then shown as done, with who and when), the decision preselected at its
    stage, a rejection whose listed reason and written text reach the candidate together; another city's office
    gets the page of an application that does not exist, with no form."""
    with as_province("hubei"):
        url, team = site("hubei"), teams("hubei")
        me = submitted(portal, table, team, "hubei")
        other = staff_elsewhere(portal, table)
        context = journey.browser_for(browser, url, team["city"], phone=True, bypass_csp=True)
        elsewhere = journey.browser_for(browser, url, other, phone=True)
        try:
            page = context.new_page()
            page.goto(url + "/staff/application.html?exam_no=" + me.who["exam_no"])
            settled(page)
            expect(page.locator("[data-decide]")).to_be_hidden()                   # 现场确认 comes first
            page.get_by_role("button", name="记录现场确认").click()
            expect(page.locator("#decided")).to_contain_text("已记录现场确认")
            expect(page.locator("[data-onsite]")).to_contain_text(re.compile(r"已于 \d{4}-\d\d-\d\d \d\d:\d\d 由"))
            expect(page.get_by_role("button", name="记录现场确认")).to_be_hidden()
            expect(page.get_by_label("审核阶段")).to_have_value("city_review")
            page.get_by_role("radio", name="退回（不通过）", exact=True).check()
            page.get_by_label("退回原因", exact=True).select_option(index=1)
            listed = page.get_by_label("退回原因", exact=True).input_value()
            page.get_by_label("补充说明（选填）").fill("请补交户口本首页复印件")
            assert axe(page) == []
            page.get_by_role("button", name="提交审核决定").click()
            expect(page.locator("#decided")).to_contain_text("已退回")
            reason = ok(me.get("/api/apply/application"))["application"]["reason"]
            assert listed in reason and "请补交户口本首页复印件" in reason
            expect(page.locator("[data-decide]")).to_be_hidden()                   # nothing left for me to decide
            theirs = elsewhere.new_page()
            theirs.goto(url + "/staff/application.html?exam_no=" + me.who["exam_no"])
            settled(theirs)
            expect(theirs.locator("[data-missing]")).to_be_visible()
            expect(theirs.locator("[data-record]")).to_be_hidden()
            assert me.who["name"] not in theirs.content()
        finally:
            context.close()
            elsewhere.close()


def staff_elsewhere(portal, table):
    from support.applying import staff
    office = next(o["code"] for o in load_profile("hubei").data["offices"] if o["code"] != OFFICES["hubei"])
    return staff(portal, table, "site-hubei-elsewhere", "city", offices=(office,))
