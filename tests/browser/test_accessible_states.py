"""axe-core on the states pages reach only after an action: a suggested 顶替 and after applying it, a photo's
findings with the auto-fixed preview and after accepting it, a failed identity check, a registration's panel."""
from __future__ import annotations

import photos
import pytest
import site_people
from conftest import PHONE, as_province, settled
from playwright.sync_api import expect
from site_people import C09, needs_a_顶替
from steps import axe, confirm_and_agree, open_page, upload


@pytest.fixture
def csp_free(browser, sign_in, site, table):
    """csp_free(province) → (browser context, site URL) signed in as a new candidate; the CSP is bypassed only so
    axe-core can be injected (the journeys themselves run under the CSP in their own tests)."""
    made = []

    def make(province: str, me=None):
        context = browser.new_context(locale="zh-CN", viewport=PHONE, bypass_csp=True)
        made.append(context)
        sign_in(context, site(province), me or site_people.candidate(table, province)[1])
        return context, site(province)
    yield make
    for context in made:
        context.close()


def test_a_suggested_顶替_and_the_audit_after_applying_it(csp_free, table):
    context, url = csp_free("hubei", needs_a_顶替(table)[1])
    page = open_page(context, f"{url}/eligibility/audit.html?plan={C09['graduate_under']}")
    expect(page.locator("#suggestion")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="一键应用建议的顶替").click()
    expect(page.locator("#applied-now")).to_be_focused()
    assert axe(page) == []


def test_a_photos_findings_with_the_fixed_preview_and_after_accepting_it(csp_free):
    with as_province("anhui"):
        context, url = csp_free("anhui")
        page = open_page(context, url + "/photo.html")
        form = upload(page, "photo", "photo.jpg", photos.small_face_photo())
        expect(form.get_by_role("img", name="自动调整后的照片预览")).to_be_visible()
        assert axe(page) == []
        form.get_by_role("button", name="采用调整后的照片").click()
        expect(page.get_by_role("img", name="我当前的照片")).to_be_visible()
        settled(page)
        assert axe(page) == []


def test_a_failed_identity_check(csp_free):
    with as_province("shanxi"):
        context, url = csp_free("shanxi")
        page = open_page(context, url + "/identity.html")
        for kind, data in (("id_front", photos.id_card_front()), ("id_holding", photos.holding_id_card(False))):
            upload(page, kind, f"{kind}.jpg", data)
        page.get_by_role("button", name="开始身份认证").click()
        expect(page.locator("[data-identity]")).to_contain_text("未通过")
        settled(page)
        assert axe(page) == []


def test_a_registrations_panel(csp_free, table, fill_captcha):
    person = site_people.record(table, "chongqing")
    with as_province("chongqing"):
        context, url = csp_free("chongqing")
        page = open_page(context, url + "/register.html")
        for label, value in (("姓名", person.name), ("身份证号", person.id_number), ("准考证号", person.exam_no),
                             ("设置密码", site_people.PASSWORD)):
            page.get_by_label(label).fill(value)
        confirm_and_agree(page, site_people.PASSWORD)
        fill_captcha(page)
        page.get_by_role("button", name="注册").click()
        expect(page.get_by_role("heading", name="注册成功")).to_be_focused()
        assert axe(page) == []
