"""The browser contexts the tests get are lent from a pool (pool.py): what one test leaves in its context (cookies,
storage, viewport, font size, listeners, other tabs) must not reach the next test that borrows it."""
from __future__ import annotations

from conftest import DESKTOP, PHONE, settled
from playwright.sync_api import expect


def borrow(browser):
    return browser.new_context(locale="zh-CN", viewport=PHONE)


def test_a_kept_context_comes_back_as_a_new_one(browser, site):
    url = site("hubei")
    first = borrow(browser)
    heard: list[str] = []
    first.on("weberror", lambda e: heard.append(str(e.error)))
    page = first.new_page()
    page.goto(url + "/index.html")
    settled(page)
    first.add_cookies([{"name": "left", "value": "behind", "url": url}])
    page.evaluate("localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1')")
    page.set_viewport_size(DESKTOP)
    session = first.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 13}})
    session.detach()
    first.new_page().goto(url + "/register.html")     # a second tab
    first.close()

    second = borrow(browser)
    tab = second.new_page()
    assert tab is page, "the context was not kept: the pool gives nothing back"
    assert tab.url == "about:blank"
    assert second.pages == [tab]
    assert second.cookies() == []
    tab.goto(url + "/index.html")
    settled(tab)
    assert tab.evaluate("[localStorage.getItem('left'), sessionStorage.getItem('left')]") == [None, None]
    assert tab.viewport_size == PHONE
    assert tab.evaluate("getComputedStyle(document.documentElement).fontSize") == "16px"
    tab.evaluate("setTimeout(() => { throw new Error('in the next test') })")
    expect(tab.locator("body")).to_be_visible()
    tab.wait_for_timeout(100)
    assert heard == []
    second.close()


def test_a_context_that_visited_two_sites_is_closed_not_kept(browser, site):
    context = borrow(browser)
    page = context.new_page()
    for province in ("hubei", "anhui"):
        page.goto(site(province) + "/index.html")
    context.close()
    again = borrow(browser)
    assert again.new_page() is not page
    again.close()
