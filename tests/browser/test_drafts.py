"""Typed text survives an ended session (issue 20 item 3): a candidate types 350 字, the session ends on the server,
保存 says so on the page and keeps the text; signing in again comes back to the same page with the draft restored and
a notice saying so, and the save then goes through. The draft belongs to the candidate who typed it: the next person
signing in on the same browser (a 网吧's computer) does not see it. Sign-in goes back only to a page of this site."""
from __future__ import annotations

import re
import time
from urllib.parse import quote, urlsplit

import journey
import pytest
from conftest import PROVINCES, as_province, settled
from playwright.sync_api import expect
from steps import axe, summary_items
from support import applying
from support.applying import OFFICES
from support.portal_client import PASSWORD

from functions.common.dynamo import keys
from functions.common.session import COOKIE, token_hash
from functions.profiles.loader import load_profile

TEXT = ("本人在自学考试期间白天上班，晚上和周末按考试计划学习，先后通过了全部课程。" * 10)[:350]
EXPIRED = "登录已过期，请重新登录。您填写的内容已保存在本浏览器中，登录后会回到本页并恢复。"
RESTORED = "已恢复您上次没有保存的内容"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def long_text_page(province: str) -> tuple[str, str]:
    """(the page, its text box's label): 自我鉴定 where the province asks for it, else 情况说明 (湖北)."""
    if load_profile(province).data["application"]["self_assessment"]:
        return "/apply/self-assessment.html", "自我鉴定"
    return "/apply/statement.html", "情况说明（选填）"


def end_session(table, client) -> None:
    """The session's two hours are over: its stored expiry is in the past (as the server checks it)."""
    table.update_item(Key=keys.session(token_hash(client.cookies[COOKIE])), UpdateExpression="SET #t = :past",
                      ExpressionAttributeNames={"#t": keys.TTL_ATTRIBUTE},
                      ExpressionAttributeValues={":past": int(time.time()) - 1})


def cookie_as_sign_in_sets_it(context, client, url: str) -> None:
    """The session cookie on the path the sign-in answer gives it (/api: session_routes.set_cookie), so that signing
    in again in this browser replaces it as it does for people (journey.browser_for puts it on /, where a second one
    would sit beside the new one)."""
    host = urlsplit(url).hostname
    context.clear_cookies()
    context.add_cookies([{"name": COOKIE, "value": client.cookies[COOKIE], "domain": host, "path": "/api",
                          "httpOnly": True, "secure": True, "sameSite": "Strict"}])


def sign_in_here(page, province: str, record: dict, fill_captcha) -> None:
    """On the sign-in page the browser was sent to: the candidate's own identifier, password and captcha."""
    kinds = load_profile(province).data["login"]["identifiers"]
    if "email" in kinds:
        identifier = f"walk{record['exam_no']}@test.biye.cn"
    else:
        page.get_by_role("radio", name="准考证号").check()
        identifier = record["exam_no"]
    page.locator("#identifier").fill(identifier)
    page.get_by_label("密码").fill(PASSWORD)
    fill_captcha(page)
    page.get_by_role("button", name="登录").click()


def typed_and_expired(people, table, province: str):
    """A candidate with a major types 350 字 on the long text page, then the session ends and 保存 is pressed."""
    path, label = long_text_page(province)
    me, page, _, url = people(province, {"bypass_csp": True})      # (only so that axe can be injected)
    cookie_as_sign_in_sets_it(page.context, me, url)
    page.goto(url + "/me.html")
    journey.choose_major(page, me.who["majors"][0])
    page.goto(url + path)
    settled(page)
    page.get_by_label(label).fill(TEXT)
    end_session(table, me)
    page.get_by_role("button", name="保存并继续").click()
    return me, page, url, path, label


@pytest.mark.parametrize("province", PROVINCES)
def test_text_typed_before_the_session_ended_is_back_after_signing_in(people, table, fill_captcha, province):
    with as_province(province):
        me, page, url, path, label = typed_and_expired(people, table, province)
        assert summary_items(page) == [EXPIRED]
        expect(page.get_by_label(label)).to_have_value(TEXT)
        assert axe(page) == [] and page.evaluate(OVERFLOW) <= 0
        page.locator("#error-summary").get_by_role("link", name=EXPIRED).click()
        page.wait_for_url(re.compile(r"/\?next="))
        expect(page.locator("#sign-in-first")).to_contain_text("登录后会回到您刚才的页面")
        assert axe(page) == [] and page.evaluate(OVERFLOW) <= 0
        sign_in_here(page, province, me.who, fill_captcha)
        page.wait_for_url(url + path)
        settled(page)
        expect(page.get_by_label(label)).to_have_value(TEXT)
        expect(page.locator("#draft-restored")).to_contain_text(RESTORED)
        assert axe(page) == [] and page.evaluate(OVERFLOW) <= 0
        journey.save(page)
        page.goto(url + path)
        settled(page)
        expect(page.get_by_label(label)).to_have_value(TEXT)        # saved on the server now
        expect(page.locator("#draft-restored")).to_have_count(0)    # and the draft is gone with the save


@pytest.mark.parametrize("province", ["hubei", "anhui"])
def test_the_next_person_on_the_same_browser_does_not_see_the_draft(people, portal, table, fill_captcha, province):
    with as_province(province):
        _, page, url, path, label = typed_and_expired(people, table, province)
        assert summary_items(page) == [EXPIRED]
        next_person = applying.candidate(portal, table, OFFICES[province], province=province)
        page.locator("#error-summary").get_by_role("link", name=EXPIRED).click()
        page.wait_for_url(re.compile(r"/\?next="))
        sign_in_here(page, province, next_person.who, fill_captcha)
        page.wait_for_url(url + path)
        settled(page)
        expect(page.get_by_label(label)).to_have_value("")
        expect(page.locator("#draft-restored")).to_have_count(0)
        stored = page.evaluate("JSON.stringify(Object.entries(sessionStorage).concat(Object.entries(localStorage)))")
        assert TEXT[:20] not in stored, "上一位考生的草稿仍留在这个浏览器里"


def test_signing_out_leaves_no_draft_on_the_browser(people):
    with as_province("anhui"):
        me, page, _, url = people("anhui")
        page.goto(url + "/me.html")
        journey.choose_major(page, me.who["majors"][0])
        journey.task(page, "填写简历")
        page.locator("[name='resume[0].unit']").fill("武汉光谷软件有限公司")
        page.goto(url + "/apply/resume.html")       # left without saving: the draft is back
        settled(page)
        expect(page.locator("[name='resume[0].unit']")).to_have_value("武汉光谷软件有限公司")
        expect(page.locator("#draft-restored")).to_contain_text(RESTORED)
        page.get_by_role("button", name="退出登录").click()
        page.wait_for_url(url + "/")
        stored = page.evaluate("JSON.stringify(Object.entries(sessionStorage).concat(Object.entries(localStorage)))")
        assert "光谷" not in stored, "退出登录后草稿仍留在这个浏览器里"


# Return addresses a sign-in must not follow off this site: another host, written the ways browsers still read
# as one (a tab or newline inside "//" is dropped by the URL parser; a backslash counts as a slash).
HOSTILE = ["https://evil.example/me.html", "//evil.example/me.html", "/\\evil.example/me.html",
           "/\t/evil.example/me.html", "/\n/evil.example/me.html", "\\/evil.example/me.html"]


@pytest.mark.parametrize("hostile", HOSTILE, ids=["https", "slashes", "backslash", "tab", "newline", "backslash-slash"])
def test_sign_in_never_returns_to_another_host(portal, page, fill_captcha, hostile):
    candidate = portal.logins[0]
    page.goto(portal.url + "/?next=" + quote(hostile, safe=""))
    page.get_by_label("邮箱").fill(candidate["login"])
    page.get_by_label("密码").fill(candidate["password"])
    fill_captcha(page)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(portal.url + "/me.html")
