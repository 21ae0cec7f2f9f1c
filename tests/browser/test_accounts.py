"""Accounts through the pages: sign up by the province's identifiers, 在籍注册 (湖北), reset by a code to the phone
and the security question (湖北) or by a one-time code from staff (every province), change the password, my account
and 退出所有设备."""
from __future__ import annotations

import re
import time

import pytest
import site_people
from conftest import PROVINCES, as_province
from playwright.sync_api import expect
from steps import axe, confirm_and_agree, sign_in, summary_items

from functions.apply.accounts.recovery import issue_code
from functions.apply.accounts.store import AccountStore, TokenStore
from functions.apply.sms.store import SmsStore
from functions.common.dynamo import keys
from functions.common.session import Identity, token_hash
from functions.common.time import beijing_day

RECORD_PROVINCES = ("anhui", "chongqing", "shanxi")


def test_hubei_signs_up_by_email_then_activates_the_record(portal, page, table, fill_captcha, screenshot):
    person = site_people.record(table, "hubei")
    page.goto(portal.url + "/register.html")
    page.get_by_role("button", name="注册").click()
    assert summary_items(page) == ["请输入邮箱", "请设置密码", "请再次输入密码", "请填写安全问题", "请填写安全问题答案",
                                   "请阅读并同意使用协议", "请输入验证码"]
    screenshot(page, "register-errors")
    page.get_by_label("邮箱").fill(person.email)
    page.get_by_label("设置密码").fill("alllowercase")
    confirm_and_agree(page, "alllowercase-typo")
    page.get_by_label("安全问题", exact=True).fill("我的小学校名？")
    page.get_by_label("安全问题答案").fill("红旗小学")
    fill_captcha(page)
    page.get_by_role("button", name="注册").click()
    assert summary_items(page) == ["两次输入的密码不一致，请重新输入确认密码"]      # said before anything is sent
    page.get_by_label("确认密码").fill("alllowercase")
    page.get_by_role("button", name="注册").click()
    assert summary_items(page) == ["密码须包含字母、数字、符号中的至少两类"]
    expect(page.locator("#password-error")).to_contain_text("密码须包含字母、数字、符号中的至少两类")
    page.get_by_label("设置密码").fill(site_people.PASSWORD)
    page.get_by_label("确认密码").fill(site_people.PASSWORD)
    fill_captcha(page)
    page.get_by_role("button", name="注册").click()
    expect(page.get_by_role("heading", name="注册成功")).to_be_focused()
    expect(page.locator("#registered")).to_contain_text("在籍注册")

    sign_in(page, portal.url, person.email, site_people.PASSWORD, fill_captcha)
    expect(page.locator("#activate-first")).to_be_visible()
    expect(page.locator("[data-tag=eligibility]")).to_have_text("不能开始")
    page.get_by_role("link", name="在籍注册").first.click()
    page.get_by_label("姓名").fill("别人")
    page.get_by_label("身份证号").fill(person.id_number)
    page.get_by_label("准考证号").fill(person.exam_no)
    page.get_by_role("button", name="激活考籍").click()
    assert summary_items(page)[0].startswith("姓名、身份证号、准考证号与考籍档案不一致")
    page.get_by_label("姓名").fill(person.name)
    page.get_by_role("button", name="激活考籍").click()
    page.wait_for_url("**/me.html")
    expect(page.locator("[data-tag=activate]")).to_have_text("已完成")
    expect(page.locator("[data-who]")).to_contain_text(person.exam_no)


@pytest.mark.parametrize("province", RECORD_PROVINCES)
def test_record_provinces_sign_up_with_the_exam_record_and_sign_in_by_准考证号(
        province, site, page, table, fill_captcha, screenshot):
    person, url = site_people.record(table, province), site(province)
    with as_province(province):
        page.goto(url + "/register.html")
        expect(page.get_by_label("邮箱")).to_have_count(0)
        page.get_by_label("姓名").fill(person.name)
        page.get_by_label("身份证号").fill(person.id_number[:17] + ("0" if person.id_number[17] != "0" else "1"))
        page.get_by_label("准考证号").fill(person.exam_no)
        page.get_by_label("设置密码").fill(site_people.PASSWORD)
        confirm_and_agree(page, site_people.PASSWORD)
        fill_captcha(page)
        page.get_by_role("button", name="注册").click()
        assert "校验位" in summary_items(page)[0]
        page.get_by_label("身份证号").fill(person.id_number.lower())
        fill_captcha(page)
        page.get_by_role("button", name="注册").click()
        expect(page.get_by_role("heading", name="注册成功")).to_be_focused()
        screenshot(page, f"registered-{province}", desktop=False)
        sign_in(page, url, person.exam_no, site_people.PASSWORD, fill_captcha, "准考证号")
        tasks = page.locator("[data-task]:visible")
        # 安徽's photo comes first (its own window, seed 002); 山西's after submitting (seed 004 step 4)
        middle = ["major", "eligibility", "basic", "contact", "resume", "self_assessment", "statement", "documents",
                  "check"]
        expected = {"anhui": ["photo", *middle], "chongqing": middle,
                    "shanxi": ["identity", *middle, "photo"]}[province]
        assert [t.get_attribute("data-task") for t in tasks.all()] == expected
        expect(page.locator("[data-tag=major]")).to_have_text("未开始")
        expect(page.locator("[data-tag=contact]")).to_have_text("无法开始")
        expect(page.locator("[data-tag=photo], [data-tag=documents]").first).to_have_text("未开始")
        screenshot(page, f"me-{province}")


def _reset_code(table, phone: str) -> str:
    """The code the SMS outbox holds for the phone (what the candidate reads on it)."""
    today = beijing_day(int(time.time())).isoformat()
    sent = [m for m in SmsStore(table).day(today) if m["to"] == phone and m.get("message_kind") == "reset_code"]
    return max(sent, key=lambda m: m["queued_at"])["values"]["code"]


def _ask(page, url: str, email: str, fill_captcha) -> None:
    page.goto(url + "/reset/index.html")
    page.get_by_role("link", name="用安全问题找回").click()
    page.get_by_label("注册时用的邮箱").fill(email)
    fill_captcha(page)
    page.get_by_role("button", name="获取短信验证码").click()
    expect(page.get_by_role("heading", name="输入短信验证码")).to_be_focused()


def test_hubei_resets_the_password_by_a_code_to_the_phone_then_the_security_question(portal, page, table,
                                                                                    fill_captcha, screenshot):
    person = site_people.record(table, "hubei")
    me = site_people.account(table, person, bound=False)
    phone = f"139{int(time.time()) % 100000000:08d}"
    table.update_item(Key=keys.account(me.account_id), UpdateExpression="SET phone = :p",
                      ExpressionAttributeValues={":p": phone})
    # an e-mail nobody registered reads exactly what the owner reads: no question, no phone
    _ask(page, portal.url, "nobody-" + person.email, fill_captcha)
    stranger = page.locator("#code-form").inner_text()
    _ask(page, portal.url, person.email, fill_captcha)
    assert page.locator("#code-form").inner_text() == stranger and "小学" not in stranger
    assert axe(page) == []
    screenshot(page, "reset-code-step", desktop=False)
    page.get_by_label("短信验证码").fill("000000" if _reset_code(table, phone) != "000000" else "111111")
    page.get_by_role("button", name="下一步").click()
    assert summary_items(page) == ["验证码不正确，请核对短信中的 6 位数字"]
    page.get_by_label("短信验证码").fill(_reset_code(table, phone))
    page.get_by_role("button", name="下一步").click()
    expect(page.get_by_role("heading", name="回答安全问题")).to_be_focused()
    expect(page.locator("#answer-form")).to_contain_text("我的小学校名？")
    page.get_by_label("答案").fill("希望小学")
    page.get_by_label("新密码").fill("New-pass-2026")
    page.get_by_role("button", name="设置新密码").click()
    assert summary_items(page) == ["安全问题答案不正确（还可尝试 2 次）"]
    page.get_by_label("答案").fill("红旗 小学")
    page.get_by_label("新密码").fill("Aa123456")
    page.get_by_role("button", name="设置新密码").click()
    assert summary_items(page) == ["密码过于常见（在常用密码或泄露密码清单中），很容易被猜中，请换一个"]
    page.get_by_label("新密码").fill("New-pass-2026")
    page.get_by_role("button", name="设置新密码").click()
    expect(page.get_by_role("heading", name="密码已重设")).to_be_focused()
    sign_in(page, portal.url, person.email, "New-pass-2026", fill_captcha)


@pytest.mark.parametrize("province", PROVINCES)
def test_a_one_time_code_from_the_office_sets_a_new_password(province, site, page, table, fill_captcha, screenshot):
    person, me = site_people.candidate(table, province)
    office = Identity("office-staff", "staff", "县招办", role="county", offices=(person.office,))
    code = issue_code(TokenStore(table), AccountStore(table), office, me.account_id, int(time.time()))["code"]
    url, kind = site(province), "准考证号" if province != "hubei" else None
    with as_province(province):
        page.goto(url + "/reset/code.html")
        if kind:
            page.get_by_role("radio", name=kind).check()
        page.locator("#identifier").fill(person.exam_no if kind else person.email)
        page.get_by_label("一次性验证码").fill("AAAAA-AAAAA")
        page.get_by_label("新密码").fill("New-pass-2026")
        fill_captcha(page)
        page.get_by_role("button", name="设置密码").click()
        assert summary_items(page)[0].startswith("账号或一次性验证码不正确")
        expect(page.locator("#code-error")).to_be_visible()
        screenshot(page, f"reset-code-error-{province}", desktop=False)
        page.get_by_label("一次性验证码").fill(code.lower())
        fill_captcha(page)
        page.get_by_role("button", name="设置密码").click()
        expect(page.get_by_role("heading", name="密码已设置")).to_be_focused()
        sign_in(page, url, person.exam_no if kind else person.email, "New-pass-2026", fill_captcha, kind)


@pytest.mark.parametrize("province", ["hubei", "anhui"])
def test_my_account_shows_my_identifiers_and_the_password_changes(province, site, context, sign_in, table, screenshot):
    person, me = site_people.candidate(table, province)
    url = site(province)
    sign_in(context, url, me)
    page = context.new_page()
    with as_province(province):
        page.goto(url + "/account.html")
        expect(page.locator("[data-fill=exam_no]")).to_have_text(person.exam_no)
        shown = page.locator("#account").inner_text()
        assert (person.email in shown) == (province == "hubei") and (person.id_number in shown) == (province == "anhui")
        screenshot(page, f"account-{province}")
        page.get_by_role("link", name=re.compile(r"^修改\s?密码$")).click()
        page.get_by_label("当前密码").fill("Wrong-pass-2026")
        page.get_by_label("新密码").fill("New-pass-2026")
        page.get_by_role("button", name="修改密码").click()
        assert summary_items(page) == ["当前密码不正确"]
        page.get_by_label("当前密码").fill(site_people.PASSWORD)
        page.get_by_role("button", name="修改密码").click()
        expect(page.get_by_role("heading", name="密码已修改")).to_be_focused()


def test_sign_out_everywhere_on_my_account_ends_every_session_and_says_so(site, context, table, screenshot):
    """退出所有设备: this browser's session and one elsewhere end; the page says what happened, in place of the
    account, and the way back is to sign in again."""
    from functions.common.session import COOKIE, new_session_item
    person, me = site_people.candidate(table, "hubei")
    url = site("hubei")
    elsewhere, item = new_session_item(me, int(time.time()))
    table.put_item(Item=item)
    here, mine = new_session_item(me, int(time.time()))
    table.put_item(Item=mine)
    context.add_cookies([{"name": COOKIE, "value": here, "url": url, "httpOnly": True, "sameSite": "Strict"}])
    page = context.new_page()
    page.goto(url + "/account.html")
    expect(page.locator("[data-fill=exam_no]")).to_have_text(person.exam_no)
    page.get_by_role("button", name="退出所有设备", exact=True).click()
    page.get_by_role("button", name="取消").click()                 # changing one's mind ends nothing
    expect(page.get_by_role("button", name="退出所有设备", exact=True)).to_be_focused()
    page.get_by_role("button", name="退出所有设备", exact=True).click()
    expect(page.get_by_role("button", name="确定退出所有设备")).to_be_focused()
    assert axe(page) == []
    page.get_by_role("button", name="确定退出所有设备").click()
    expect(page.get_by_role("heading", name="已退出所有设备")).to_be_focused()
    expect(page.locator("#signed-out")).to_contain_text("2 处登录都已结束（包括本机）")
    expect(page.get_by_role("heading", name="我的账号")).to_be_hidden()
    assert axe(page) == []
    screenshot(page, "signed-out-everywhere", desktop=False)
    for token in (here, elsewhere):
        assert "Item" not in table.get_item(Key=keys.session(token_hash(token)))
    page.get_by_role("link", name="重新登录").click()
    expect(page.get_by_label("密码")).to_be_visible()
