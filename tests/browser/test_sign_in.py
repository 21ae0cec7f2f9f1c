"""A candidate and a staff member sign in through the real pages, in a real browser, on a 360 px phone."""
from __future__ import annotations

import re

from playwright.sync_api import expect


def test_empty_sign_in_moves_focus_to_the_error_summary(portal, page, screenshot):
    page.goto(portal.url + "/")
    page.get_by_role("button", name="登录").click()
    summary = page.locator("#error-summary")
    summary.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert all(words in summary.inner_text() for words in ("请输入账号", "请输入密码", "请输入验证码"))
    expect(page.locator("[data-captcha-image]")).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
    assert page.locator("#identifier-error").inner_text() == "请输入账号"
    screenshot(page, "sign-in-errors-phone")


def test_candidate_signs_in_and_out(portal, page, screenshot, fill_captcha):
    candidate = portal.logins[0]
    page.goto(portal.url + "/")
    page.get_by_label("邮箱").fill(candidate["login"])
    page.get_by_label("密码").fill(candidate["password"])
    fill_captcha(page)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/me.html")
    who = page.locator("[data-who]")
    who.filter(has_text="准考证号").wait_for()
    assert candidate["who"].split()[-1] in who.inner_text()
    screenshot(page, "signed-in-phone")
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(portal.url + "/")


def test_wrong_password_is_said_in_chinese_and_a_new_captcha_shown(portal, page, fill_captcha):
    page.goto(portal.url + "/staff/")
    page.get_by_label("登录名").fill("city-demo")
    page.get_by_label("密码").fill("not-the-password-1")
    fill_captcha(page)
    first = page.locator("input[name=captcha_id]").input_value()
    page.get_by_role("button", name="登录").click()
    page.locator("#error-summary").wait_for(state="visible")
    assert "工作人员登录名或密码不正确" in page.locator("#error-summary").inner_text()
    expect(page.locator("input[name=captcha_id]")).not_to_have_value(first)
