"""Issue 20 items 5, 6 and 7 on a 360 px phone. One contact record (安徽, 重庆): typed on 填写联系方式 only, shown
read-only on 核对基本信息 with a link to where it changes, listed once on check answers, and the account page's
手机号. 民族 and 政治面貌 (安徽, 山西): "请选择" is not an answer, and check answers names what is missing, linked to
核对基本信息. 前置学历 (重庆, 湖北): the exam record's verified diploma is shown, a manual claim's school, number and
date are there again on a revisit, and after a submit the page is read-only with the reason. axe on each state (the
contexts bypass the CSP only so axe can be injected)."""
from __future__ import annotations

import re

import journey
import pytest
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe, summary_items
from support import applying
from test_application_pages import applying_for_本科

from functions.profiles.loader import load_profile

AXE = {"bypass_csp": True}
NO_PERSONAL = {"ethnicity": None, "political_status": None}


def open_task(page, url: str, path: str) -> None:
    page.goto(url + path)
    settled(page)


@pytest.mark.parametrize("province", ("anhui", "chongqing"))
def test_the_contact_record_is_typed_once_and_shown_where_it_is_used(people, province):
    with as_province(province):
        me, page, _, url = people(province, AXE)
        page.goto(url + "/me.html")
        journey.choose_major(page, me.who["majors"][0])
        phone, address = "13700000001", "某市某区某路 8 号"
        journey.task(page, "填写联系方式")
        # nothing saved yet: the one contact record is the exam record's, as 核对基本信息 shows it
        expect(page.get_by_label("手机号")).to_have_value(me.who["phone"])
        page.get_by_label("手机号").fill(phone)
        page.get_by_label("通讯地址（选填）").fill(address)
        journey.save(page)
        open_task(page, url, "/apply/basic.html")
        expect(page.locator("main form [name=phone], main form [name=address], main form [name=postcode]")) \
            .to_have_count(0)
        shown = page.locator("#contact-shown")
        expect(shown).to_contain_text(phone)
        expect(shown).to_contain_text(address)
        change = shown.get_by_role("link", name=re.compile("修改.*手机号"))
        expect(change).to_have_attribute("href", "/apply/contact.html")
        assert axe(page) == []
        journey.save(page, "确认并继续")
        open_task(page, url, "/apply/check.html")
        expect(page.locator("dt", has_text=re.compile("^手机号$"))).to_have_count(1)
        expect(page.locator("[data-fill='contact.phone']")).to_have_text(phone)
        open_task(page, url, "/account.html")
        expect(page.locator("[data-fill=phone]")).to_have_text(phone)
        assert axe(page) == []


@pytest.mark.parametrize("province", ("anhui", "shanxi"))
def test_ethnicity_and_political_status_must_be_chosen_and_check_answers_says_so(people, province):
    with as_province(province):
        me, page, _, url = people(province, AXE, **NO_PERSONAL)
        page.goto(url + "/me.html")
        journey.choose_major(page, me.who["majors"][0])
        open_task(page, url, "/apply/check.html")
        lines = summary_items(page)
        assert any("民族" in line for line in lines) and any("政治面貌" in line for line in lines), lines
        link = page.locator("#error-summary a", has_text="民族")
        expect(link).to_have_attribute("href", re.compile(r"/apply/basic\.html"))
        expect(page.get_by_role("button", name="确认并提交申请")).to_have_count(0)
        assert axe(page) == []
        link.click()
        page.wait_for_url("**/apply/basic.html*")
        settled(page)
        expect(page.get_by_label("民族")).to_have_value("")            # 请选择
        page.get_by_role("button", name="确认并继续").click()
        settled(page)
        assert set(summary_items(page)) == {"请选择民族", "请选择政治面貌"}, summary_items(page)
        assert axe(page) == []
        page.get_by_label("民族").select_option("回族")
        page.get_by_label("政治面貌").select_option("群众")
        journey.save(page, "确认并继续")
        check = applying.ok(me.get("/api/apply/application/check"))
        assert check["basic"]["ethnicity"] == "回族" and check["basic"]["political_status"] == "群众"
        assert not [m for m in check["missing"] if m["field"].startswith("basic.")]


@pytest.mark.parametrize("province", ("chongqing", "hubei"))
def test_a_verified_record_is_shown_and_after_submit_the_page_is_read_only(people, province):
    with as_province(province):
        me, page, staff, url = people(province, AXE, like=applying_for_本科())   # the record's 专科 is verified
        journey.ready_to_submit(province, me, page, staff, url)
        journey.task(page, "前置学历")
        status = page.locator("#prior-status")
        expect(status).to_be_visible()
        expect(status).to_contain_text("已核验")
        expect(status).to_contain_text("专科")
        expect(page.get_by_role("button", name="开始核验")).to_have_count(0)
        assert axe(page) == []
        journey.submit(page)
        journey.task(page, "前置学历")
        closed = page.locator("#closed")
        expect(closed).to_be_visible()
        expect(closed).to_contain_text("申请已提交，信息不能再修改")
        expect(page.locator("main form button")).to_have_count(0)
        expect(page.locator("main form input:not([type=hidden]):not([readonly]):not([disabled])")).to_have_count(0)
        assert axe(page) == []


@pytest.mark.parametrize("province", ("chongqing", "hubei"))
def test_the_manual_前置学历_is_there_again_on_a_revisit(people, province):
    rule = load_profile(province).data["application"]["prior_education"]
    with as_province(province):
        me, page, _, url = people(province, AXE, like=applying_for_本科(), prior_education=[])
        page.goto(url + "/me.html")
        journey.choose_major(page, me.who["majors"][0])
        for kind in rule["fallback_documents"]:
            applying.upload(me, applying.small_jpeg(), kind)
        journey.task(page, "前置学历")
        if rule["method"] != "filing":
            page.get_by_role("button", name="开始核验").click()
            expect(page.locator("#prior-status")).to_be_focused()
        typed = {"school": "重庆某职业学院", "certificate_no": "128341201906001234", "graduated_on": "2019-06-30"}
        for key, value in typed.items():
            page.locator(f"[name='prior_education.{key}']").fill(value)
        page.get_by_role("button", name="提交人工核查").click()
        expect(page.locator("#prior-status")).to_contain_text("已提交")
        page.evaluate("localStorage.clear()")        # what is shown again comes from what was saved, not a draft
        page.reload()
        settled(page)
        for key, value in typed.items():
            expect(page.locator(f"[name='prior_education.{key}']")).to_have_value(value)
        expect(page.locator("#prior-status")).to_contain_text("重庆某职业学院")
        assert axe(page) == []
