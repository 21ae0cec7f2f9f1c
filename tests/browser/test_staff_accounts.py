"""Account work from the pages: the admin creates, lists and disables a staff account (reached from the start page,
which offers it to the admin only); an office sees the accounts bound to a candidate's record in its jurisdiction
and starts a password reset. A one-time code never appears in full on a staff page. axe 0."""
from __future__ import annotations

import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import OFFICES, candidate, staff

AXE = {"bypass_csp": True}


def test_the_admin_creates_lists_and_disables_a_staff_account(browser, site, portal, table, teams):
    with as_province("anhui"):
        url = site("anhui")
        admin = staff(portal, table, "site-anhui-admin", "admin")
        context = journey.browser_for(browser, url, admin, phone=False, **AXE)
        city = journey.browser_for(browser, url, teams("anhui")["city"], phone=False)
        try:
            page = context.new_page()
            page.goto(url + "/staff/home.html")
            settled(page)
            page.get_by_role("link", name="工作人员账号").click()
            settled(page)
            page.get_by_role("button", name="新建账号").click()
            expect(page.locator("#login-error")).to_contain_text("请填写登录名")
            page.get_by_label("登录名").fill("ah-new-reviewer")
            page.get_by_label("姓名").fill("王审核")
            page.get_by_label("角色").select_option(label="市级自考办")
            page.get_by_label("管辖的考试机构").select_option(index=1)
            office = page.get_by_label("管辖的考试机构").locator("option").nth(1).inner_text()
            with page.expect_response(lambda r: r.url.endswith("/api/apply/staff/accounts")
                                      and r.request.method == "POST") as created:
                page.get_by_role("button", name="新建账号").click()
            expect(page.locator("#decided")).to_contain_text("已新建账号 ah-new-reviewer")
            code = created.value.json().get("code")
            row = page.locator("[data-rows=accounts] tr", has_text="ah-new-reviewer")
            expect(row).to_contain_text(office)
            expect(row).to_contain_text("正常")
            assert axe(page) == []
            page.get_by_label("账号", exact=True).select_option(label="王审核（ah-new-reviewer）")
            page.get_by_role("button", name="停用该账号").click()
            expect(page.locator("#reason-error")).to_contain_text("停用原因")
            page.get_by_label("停用原因").fill("调离岗位")
            page.get_by_role("button", name="停用该账号").click()
            expect(page.locator("#decided")).to_contain_text("停用")
            expect(row).to_contain_text("已停用")
            if code:
                assert code not in page.content()
            other = city.new_page()
            other.goto(url + "/staff/home.html")
            settled(other)
            expect(other.get_by_role("link", name="工作人员账号")).to_be_hidden()
            expect(other.get_by_role("link", name="考生账号")).to_be_visible()
        finally:
            context.close()
            city.close()


def test_an_office_sees_a_records_accounts_and_starts_a_password_reset(browser, site, portal, table, teams):
    with as_province("chongqing"):
        url = site("chongqing")
        me = candidate(portal, table, OFFICES["chongqing"], province="chongqing")
        context = journey.browser_for(browser, url, teams("chongqing")["city"], phone=True, **AXE)
        try:
            page = context.new_page()
            page.goto(url + "/staff/home.html")
            settled(page)
            page.get_by_role("link", name="考生账号").click()
            settled(page)
            page.get_by_label("准考证号").fill(me.who["exam_no"])
            page.get_by_role("button", name="查找").click()
            expect(page.locator("[data-rows=bound] tr")).to_have_count(1)
            expect(page.locator("[data-fill=locked]")).to_contain_text("未锁定")
            assert axe(page) == []
            with page.expect_response(lambda r: "/reset-code" in r.url) as issued:
                page.get_by_role("button", name="重设密码").click()
            expect(page.locator("#decided")).to_contain_text("已开始重设密码")
            code = issued.value.json().get("code")
            if code:
                assert code not in page.content()
            page.get_by_label("准考证号").fill("500100000000")
            page.get_by_role("button", name="查找").click()
            expect(page.locator("[data-missing]")).to_be_visible()
        finally:
            context.close()
