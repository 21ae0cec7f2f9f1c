"""Issue 20 items 8 and 9: what the candidate may still do shows on the pages. After a submit every section page
shows the saved values read-only under "已提交，不能修改" with the reason, and nothing on it saves; check answers has no
修改 links; a finally rejected application's task list does not offer a submit. A candidate the engine finds not
eligible sees on check answers what blocks the submit, each line linked to its page, and no submit button."""
from __future__ import annotations

import journey
import pytest
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe, summary_items
from support import applying
from support.applying import ok

from functions.profiles.loader import load_profile

AXE = {"bypass_csp": True}
PROVINCES = ("hubei", "anhui", "chongqing", "shanxi")


def section_pages(province: str, submitted: bool = False) -> list[str]:
    """The pages that save what the application holds (the major and the sections), as the province has them; once
    `submitted`, without those whose personal information may still be corrected (安徽)."""
    app = load_profile(province).data["application"]
    correctable = {f"/apply/{s}.html" for s in app["corrections_after_submit"]} if submitted else set()
    pages = (["/apply/major.html", "/apply/basic.html", "/apply/contact.html"]
             + (["/apply/resume.html"] if app["resume"] else [])
             + (["/apply/self-assessment.html"] if app["self_assessment"] else []) + ["/apply/statement.html"])
    return [p for p in pages if p not in correctable]


def read_only(page, url: str, path: str, reason: str) -> None:
    """The section at `path`: the banner with the reason, its controls read-only or disabled, no button."""
    page.goto(url + path)
    settled(page)
    banner = page.locator("#closed")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("已提交，不能修改")
    expect(banner).to_contain_text(reason)
    form = page.locator("form[data-api]")
    expect(form.locator("button, input[type=submit]")).to_have_count(0)
    writable = form.locator("input:not([type=hidden]):not([readonly]):not([disabled]), "
                            "textarea:not([readonly]):not([disabled]), select:not([disabled])")
    expect(writable).to_have_count(0)


def file_pages(page, url: str) -> list[str]:
    """The pages of what else the application holds: the host universities, the photo and the documents (those the
    province's site has)."""
    return [path for path in ("/apply/hosts.html", "/photo.html", "/documents.html") if page.request.get(url + path).ok]


def shown_read_only(page, url: str, path: str, reason: str) -> None:
    """The hosts, photo or documents page: the banner with the reason, no file to choose, nothing to press (issue 20
    item 8: before, their APIs answered 409 but the pages offered every control)."""
    page.goto(url + path)
    settled(page)
    banner = page.locator("#closed")
    expect(banner, path).to_be_visible()
    expect(banner, path).to_contain_text("已提交，不能修改")
    expect(banner, path).to_contain_text(reason)
    main = page.locator("main")
    expect(main.locator("form button, form input[type=submit]"), path).to_have_count(0)
    expect(main.locator("form input:not([type=hidden]):not([disabled])"), path).to_have_count(0)


def no_changes_offered_on_check_answers(page, url: str, reason: str, correctable: tuple[str, ...] = ()) -> None:
    """No 修改 link on check answers, except to the `correctable` pages (安徽 before the city decides)."""
    page.goto(url + "/apply/check.html")
    settled(page)
    expect(page.locator("#closed")).to_contain_text(reason)
    links = page.get_by_role("link", name="修改").evaluate_all("as => as.map(a => new URL(a.href).pathname)")
    assert set(links) <= {f"/apply/{s}.html" for s in correctable}, links
    expect(page.get_by_role("button", name="确认并提交申请")).to_have_count(0)


@pytest.mark.parametrize("province", PROVINCES)
def test_after_submit_every_section_is_shown_read_only_with_the_reason(people, province):
    with as_province(province):
        me, page, staff, url = people(province, AXE)
        journey.ready_to_submit(province, me, page, staff, url)
        journey.submit(page)
        reason = "申请已提交，信息不能再修改"
        for path in section_pages(province, submitted=True):
            read_only(page, url, path, reason)
        for path in file_pages(page, url):
            shown_read_only(page, url, path, reason)
        page.goto(url + "/apply/contact.html")
        settled(page)
        expect(page.get_by_label("手机号")).to_have_value(me.who["phone"])      # the saved values, not an empty form
        assert axe(page) == []
        correctable = tuple(load_profile(province).data["application"]["corrections_after_submit"])
        no_changes_offered_on_check_answers(page, url, reason, correctable)
        assert axe(page) == []


def test_a_finally_rejected_application_is_not_offered_for_submission_again(people, teams):
    with as_province("chongqing"):
        me, page, staff, url = people("chongqing", AXE)
        team = teams("chongqing")
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        applying.fill_in(me, "chongqing")
        ok(applying.submit(me))
        decisions = f"/api/apply/staff/applications/{me.who['exam_no']}/decision"
        ok(team["university"].post(decisions, json={"stage": "university_review", "decision": "approve"}))
        applying.pay(me)
        reason = load_profile("chongqing").data["review"]["reject_reasons"][0]
        ok(team["province"].post(decisions, json={"stage": "city_review", "decision": "reject", "reason": reason}))
        assert ok(me.get("/api/apply/application"))["application"]["actions"] == []    # paid, so final
        page.goto(url + "/me.html")
        settled(page)
        expect(page.locator("[data-tag=check]")).not_to_have_text("可以提交")
        expect(page.locator("[data-tag=check]")).to_have_text("不能再提交")
        expect(page.locator("#standing")).to_contain_text("不能再重新申请")
        assert axe(page) == []
        closed = "申请未通过，本次申请期间不能再重新申请"
        for path in section_pages("chongqing"):
            read_only(page, url, path, closed)
        for path in file_pages(page, url):
            shown_read_only(page, url, path, closed)
        no_changes_offered_on_check_answers(page, url, closed)


def short_of_a_course() -> dict:
    """An eligible demo record with every attempt at its first course taken away: the engine finds it not eligible."""
    source = applying.ELIGIBLE[0]
    first = source["attempts"][0]["code"]
    return {**source, "attempts": [a for a in source["attempts"] if a["code"] != first]}


@pytest.mark.parametrize("province", ("anhui", "hubei"))
def test_a_candidate_who_cannot_submit_sees_what_blocks_it_and_no_submit_button(people, province):
    with as_province(province):
        me, page, staff, url = people(province, AXE, like=short_of_a_course())
        journey.ready_to_submit(province, me, page, staff, url)      # every section and file done
        check = ok(me.get("/api/apply/application/check"))
        assert check["audit"]["verdict"] == "NOT_ELIGIBLE"
        journey.task(page, "核对并提交")
        items = summary_items(page)
        assert items, "核对页没有列出不能提交的原因"
        links = page.locator("#error-summary a")
        expect(links).to_have_count(len(items))
        assert all(h.endswith("/eligibility/index.html") for h in links.evaluate_all("as => as.map(a => a.href)"))
        expect(page.get_by_role("button", name="确认并提交申请")).to_have_count(0)
        expect(page.locator("[data-blocked]")).to_be_visible()
        assert axe(page) == []
        links.first.click()
        page.wait_for_url("**/eligibility/index.html")


def test_before_choosing_a_major_check_answers_says_so_and_offers_no_submit(people):
    """Found walking 安徽 and 山西: with no application yet the summary said 请先选择申请专业 above a live
    确认并提交申请 (and above each section's form and its 保存并继续)."""
    with as_province("anhui"):
        me, page, staff, url = people("anhui", AXE)
        page.goto(url + "/apply/check.html")
        settled(page)
        expect(page.locator("#error-summary")).to_contain_text("请先选择申请专业")
        expect(page.get_by_role("button", name="确认并提交申请")).to_have_count(0)
        expect(page.locator("[data-fill=verdict]")).not_to_have_text("正在读取…")
        assert axe(page) == []
        for path in section_pages("anhui")[1:]:       # nor a form to save on a section's page (not the major's)
            page.goto(url + path)
            settled(page)
            expect(page.locator("#error-summary"), path).to_contain_text("请先选择申请专业")
            expect(page.locator("main form[data-section] button"), path).to_have_count(0)
            expect(page.locator("main h1"), path).to_be_visible()
