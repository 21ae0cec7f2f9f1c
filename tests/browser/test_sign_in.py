"""Candidates and staff sign in through the real pages, in a real browser, on a 360 px phone."""
from __future__ import annotations

import re

from playwright.sync_api import expect
from steps import sign_in


def test_empty_sign_in_moves_focus_to_the_error_summary_in_the_words_of_the_fields(portal, page, screenshot):
    page.goto(portal.url + "/")
    page.get_by_role("button", name="登录").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert summary.locator("li").all_inner_texts() == ["请输入邮箱", "请输入密码", "请输入验证码"]
    expect(page.locator("[data-captcha-image]")).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
    assert page.locator("#identifier-error").text_content() == "错误：请输入邮箱"
    expect(page.locator("#identifier")).to_have_attribute("aria-invalid", "true")
    assert "identifier-error" in page.locator("#identifier").get_attribute("aria-describedby")
    screenshot(page, "sign-in-errors")
    summary.get_by_role("link", name="请输入密码").click()
    expect(page.locator("#password")).to_be_focused()
    page.locator("#password").fill("x")
    page.get_by_role("button", name="登录").click()
    assert summary.locator("li").all_inner_texts() == ["请输入邮箱", "请输入验证码"]
    expect(page.locator("#password")).not_to_have_attribute("aria-invalid", "true")


def test_candidate_signs_in_and_out(portal, page, screenshot, fill_captcha):
    candidate = portal.logins[0]
    sign_in(page, portal.url, candidate["login"], candidate["password"], fill_captcha)
    expect(page.locator("[data-who]")).to_contain_text(candidate["who"].split()[-1])
    screenshot(page, "me")
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(portal.url + "/")
    page.goto(portal.url + "/account.html")      # signed out: a candidate page sends you to sign in, and back
    page.wait_for_url(re.compile(r"/\?next=%2Faccount\.html$"))


def test_signing_in_goes_back_to_the_page_that_asked(portal, page, fill_captcha):
    candidate = portal.logins[0]
    page.goto(portal.url + "/eligibility/what-if.html")
    page.wait_for_url(re.compile(r"/\?next="))
    page.get_by_label("邮箱").fill(candidate["login"])
    page.get_by_label("密码").fill(candidate["password"])
    fill_captcha(page)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/eligibility/what-if.html")


def test_wrong_password_is_said_in_chinese_and_a_new_captcha_shown(portal, page, fill_captcha):
    page.goto(portal.url + "/staff/index.html")
    page.get_by_label("登录名").fill("city-demo")
    page.get_by_label("密码").fill("not-the-password-1")
    fill_captcha(page)
    first = page.locator("input[name=captcha_id]").input_value()
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("工作人员登录名或密码不正确")
    expect(page.locator("input[name=captcha_id]")).not_to_have_value(first)


def test_staff_sign_in_leads_to_the_staff_page(portal, page, fill_captcha, screenshot):
    staff = next(login for login in portal.logins if login["login"] == "city-demo")
    sign_in(page, portal.url, staff["login"], staff["password"], fill_captcha, staff=True)
    expect(page.locator("[data-who]")).to_contain_text("市级自考办")
    page.goto(portal.url + "/me.html")            # the candidates' start page is not for staff
    page.wait_for_url("**/staff/home.html")
    screenshot(page, "staff-home", desktop=False)
