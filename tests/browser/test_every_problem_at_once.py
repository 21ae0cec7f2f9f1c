"""Issue 20 item 2: every form reports all its problems at once, in the error summary and by each field in the same
words, and a captcha is spent only when its answer is checked, not when another field is wrong. On a 360 px phone in
each province: registration (and 湖北's 在籍注册), contact, resume and the manual 前置学历 are sent with several
fields wrong at once (one of them longer than its maxlength, as a paste or an old browser sends it); every wrong
field is named, axe finds nothing, and registration then succeeds with the same captcha. (The contexts bypass the
CSP only so axe can be injected.)"""
from __future__ import annotations

import contextlib

import journey
import pytest
import site_people
from conftest import PHONE, PROVINCES, as_province, settled, watch
from playwright.sync_api import expect
from steps import axe, confirm_and_agree, sign_in, summary_items
from test_application_pages import applying_for_本科

from functions.profiles.loader import load_profile


@contextlib.contextmanager
def phone_page(browser):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, bypass_csp=True)
    errors = watch(context)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert not errors, f"页面脚本出错或违反 CSP: {errors}"


def put(page, field: str, value: str, scope: str = "") -> None:
    """Type into a field as a paste would, past its maxlength if need be."""
    page.locator(f"{scope} [name='{field}']".strip()).evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", value)


def press(page, button: str) -> list[str]:
    page.get_by_role("button", name=button).click()
    settled(page)
    return summary_items(page)


def named(page, fields, scope: str = "") -> None:
    """Each field shows its own message beside it, in the words of a line of the summary."""
    lines = page.locator("#error-summary li").all_inner_texts()
    for field in fields:
        box = page.locator(f"{scope} .field.invalid".strip()).filter(has=page.locator(f"[name='{field}']"))
        expect(box, f"{field} 旁没有错误提示").to_have_count(1)
        said = box.locator(".error-message").inner_text().replace("错误：", "").strip()
        assert said in lines, f"{field}: “{said}” 不在错误摘要中"


def wrong_and_right(province: str, person) -> tuple[dict, dict]:
    """Registration fields: each wrong in its own way, then right."""
    if "email" in load_profile(province).data["login"]["identifiers"]:
        wrong = {"email": "没有at的邮箱", "password": "abc", "security_question": "问",
                 "security_answer": "答" * 60, "phone": "12345"}
        right = {"email": person.email, "password": site_people.PASSWORD, "security_question": "我的小学校名？",
                 "security_answer": "红旗小学", "phone": "13912345678"}
        return wrong, right
    bad_digit = person.id_number[:17] + ("0" if person.id_number[17] != "0" else "1")
    wrong = {"name": "长" * 40, "id_number": bad_digit, "exam_no": "1234", "password": "abc", "phone": "12345"}
    right = {"name": person.name, "id_number": person.id_number, "exam_no": person.exam_no,
             "password": site_people.PASSWORD, "phone": "13912345678"}
    return wrong, right


@pytest.mark.parametrize("province", PROVINCES)
def test_registration_names_every_wrong_field_at_once_and_keeps_the_captcha(
        province, browser, site, table, table_captcha, fill_captcha):
    person, url = site_people.record(table, province), site(province)
    wrong, right = wrong_and_right(province, person)
    with as_province(province), phone_page(browser) as page:
        page.goto(url + "/register.html")
        settled(page)
        for field, value in wrong.items():
            put(page, field, value)
        confirm_and_agree(page, wrong["password"])     # what the page checks itself: right, so the API judges the rest
        answer = table_captcha(page)
        page.get_by_label("验证码", exact=True).fill(answer)
        image = page.locator("[data-captcha-image]").get_attribute("src")
        lines = press(page, "注册")
        assert len(lines) == len(wrong), lines
        named(page, wrong)
        assert axe(page) == []
        # the captcha was not used: same image, same answer typed
        assert page.locator("[data-captcha-image]").get_attribute("src") == image
        expect(page.get_by_label("验证码", exact=True)).to_have_value(answer)
        for field, value in right.items():
            put(page, field, value)
        put(page, "password_confirm", right["password"])
        page.get_by_role("button", name="注册").click()
        expect(page.get_by_role("heading", name="注册成功")).to_be_focused()
        if province == "hubei":      # 在籍注册 after signing in, every field wrong at once
            sign_in(page, url, person.email, site_people.PASSWORD, fill_captcha)
            page.goto(url + "/activate.html")
            settled(page)
            put(page, "name", "长" * 40)
            put(page, "id_number", person.id_number[:17] + ("0" if person.id_number[17] != "0" else "1"))
            put(page, "exam_no", "1234")
            lines = press(page, "激活考籍")
            assert len(lines) == 3, lines
            named(page, ("name", "id_number", "exam_no"))
            assert axe(page) == []


@pytest.mark.parametrize("province", PROVINCES)
def test_contact_and_resume_name_every_wrong_field_at_once(people, province):
    app = load_profile(province).data["application"]
    with as_province(province):
        me, page, _, base = people(province, {"bypass_csp": True})
        page.goto(base + "/me.html")
        journey.choose_major(page, me.who["majors"][0])
        journey.task(page, "填写联系方式")
        put(page, "contact.phone", "139")
        put(page, "contact.address", "长" * 150)
        put(page, "contact.postcode", "43")
        lines = press(page, "保存并继续")
        assert len(lines) == 3, lines
        named(page, ("contact.phone", "contact.address", "contact.postcode"))
        assert axe(page) == []
        if not app["resume"]:
            return
        journey.task(page, "填写简历")
        rows = {"resume[0].from": "2019-13", "resume[0].to": "2020-06", "resume[0].unit": "长" * 80,
                "resume[0].role": "学生", "resume[1].from": "2020-07", "resume[1].to": "不知道",
                "resume[1].unit": "某公司", "resume[1].role": "职员"}
        for field, value in rows.items():
            put(page, field, value)
        lines = press(page, "保存并继续")
        assert len(lines) == 3, lines
        named(page, ("resume[0].from", "resume[0].unit", "resume[1].to"))
        assert axe(page) == []


@pytest.mark.parametrize("province", PROVINCES)
def test_the_manual_前置学历_names_school_number_date_and_documents_at_once(people, province):
    rule = load_profile(province).data["application"]["prior_education"]
    with as_province(province):
        me, page, _, base = people(province, {"bypass_csp": True}, like=applying_for_本科(), prior_education=[])
        page.goto(base + "/me.html")
        journey.choose_major(page, me.who["majors"][0])
        journey.task(page, "前置学历")
        if rule["method"] == "certificate_number":
            page.get_by_label("前置学历证书编号").fill("123456201806000201")
        if rule["method"] != "filing":
            page.get_by_role("button", name="开始核验").click()
            expect(page.locator("#prior-status")).to_be_focused()
        manual = "form[data-manual-form]"
        put(page, "prior_education.school", "长" * 80, manual)
        put(page, "prior_education.certificate_no", "12345", manual)
        put(page, "prior_education.graduated_on", "2099-06-30", manual)
        lines = press(page, "提交人工核查")
        assert len(lines) == 3 + len(rule["fallback_documents"]), lines
        named(page, ("prior_education.school", "prior_education.certificate_no", "prior_education.graduated_on"),
              manual)
        assert any("2099-06-30" in line for line in lines), lines
        assert axe(page) == []
        if "identity_change" in load_profile(province).data["documents"]:   # 重庆: the diploma shows another name
            page.get_by_label("与现在的不同（改过名或身份证号）").check()
            lines = press(page, "提交人工核查")
            assert len(lines) == 4 + len(rule["fallback_documents"]), lines
            assert any(line.startswith("请上传改名或身份证号变更情况说明（派出所盖章）") for line in lines), lines
