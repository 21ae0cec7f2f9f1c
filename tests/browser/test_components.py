"""The component macros on one page (tests/browser/gallery.html): the live count of 字 agrees with the server's,
an API's problems land on their fields in the same words as the summary, and axe finds nothing to fix."""
from __future__ import annotations

import httpx
import pytest
from conftest import settled
from playwright.sync_api import expect
from steps import axe, summary_items

from functions.apply.sections.rules import check_statement, count_chars

# 汉字 and a rare one outside the BMP, a full-width space, a line break, an emoji, a pasted zero-width space,
# full-width punctuation and an e with a combining accent (one 字 after NFC).
TRICKY = "自我鉴定\u3000ab 12\n𠀀😀\u200b，。e\u0301"


def test_the_live_count_counts_字_as_the_server_does(site, page):
    page.goto(site("hubei") + "/gallery.html")
    area, count = page.get_by_label("自我鉴定"), page.locator("#new_password-count")
    expect(count).to_have_text("最多可以输入 20 字，至少 5 字（空格和换行不计）")
    area.fill(TRICKY)
    n = count_chars(check_statement(TRICKY))
    assert n == 13
    expect(count).to_have_text(f"已输入 {n} 字，还可以输入 {20 - n} 字")
    area.fill("一二 三")
    expect(count).to_have_text("已输入 3 字，至少还需 2 字")
    area.fill("字" * 25)
    expect(count).to_have_text("超出 5 字（最多 20 字）")
    expect(count).to_have_class("count over")


def test_an_apis_problems_land_on_their_fields_in_the_same_words(site, page):
    url = site("hubei")
    sent = {"kind": "nonsense", "identifier": "", "code": "", "new_password": ""}
    problems = httpx.post(url + "/api/apply/password-reset/code", json=sent).json()["error"]["problems"]
    page.goto(url + "/gallery.html")
    page.get_by_role("button", name="提交").click()
    assert summary_items(page) == [p["message"] for p in problems]
    on_page = [p for p in problems if p["field"] in sent]
    assert len(on_page) == 4
    for p in on_page:
        expect(page.locator(f"#{p['field']}-error")).to_have_text("错误：" + p["message"])
        link = page.locator("#error-summary").get_by_role("link", name=p["message"])
        expect(link).to_have_attribute("href", f"#{p['field']}")
    assert page.locator("#error-summary li:not(:has(a))").count() == len(problems) - 4   # captcha_id, captcha
    page.locator("#error-summary").get_by_role("link", name=on_page[0]["message"]).click()
    expect(page.locator("#kind")).to_be_focused()


@pytest.fixture
def open_csp_free(browser):
    """A page whose CSP is bypassed, only so axe-core can be injected."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, bypass_csp=True)
    yield context
    context.close()


def test_axe_finds_nothing_in_any_component_even_with_errors(site, open_csp_free):
    page = open_csp_free.new_page()
    page.goto(site("hubei") + "/gallery.html")
    settled(page)
    assert axe(page) == []
    page.get_by_role("button", name="提交").click()
    page.locator("#error-summary").wait_for(state="visible")
    settled(page)
    page.get_by_label("自我鉴定").fill("字" * 25)
    assert axe(page) == []
