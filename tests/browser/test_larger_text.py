"""Issue 20 item 14, 适老化: a larger-text mode reachable from every page (the header's 大字模式 button), remembered
by the browser, in which body text is at least 18 px, every line at least 1.5 times its text, every target at least
44 px high; nothing overflows a 360 px phone in it, at normal and at 200 % text, and axe finds nothing. Each
province's candidate walks every candidate and public page of its site with data. (The contexts bypass the CSP
only so axe can be injected.)"""
from __future__ import annotations

import json

import journey
import pytest
from conftest import PROVINCES, as_province, settled
from playwright.sync_api import expect
from steps import axe

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
TEXT = "main :is(p,li,label,legend,dt,dd,td,th,h1,h2,h3,.hint,.tag,a,button), header :is(a,button)"
TARGETS = ("button, .button, input:not([type=hidden]), select, textarea, .nav a, .brand, .back, .tasks a, "
           ".summary a")
MEASURE = """([text, targets]) => {
  const seen = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " “" +
                     (el.innerText || el.value || el.name || "").trim().slice(0, 12) + "”";
  const out = [];
  for (const el of document.querySelectorAll(text)) {
    if (!seen(el) || !el.innerText.trim()) continue;
    const s = getComputedStyle(el), size = parseFloat(s.fontSize), line = parseFloat(s.lineHeight);
    if (size < 18) out.push(name(el) + " 字号 " + size + "px");
    if (!(line / size >= 1.5 - 1e-3)) out.push(name(el) + " 行高 " + s.lineHeight + " / " + s.fontSize);
  }
  for (const el of document.querySelectorAll(targets)) {
    if (!seen(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.height < 44 - 0.5) out.push(name(el) + " 高 " + Math.round(box.height) + "px");
  }
  return out;
}"""


def text_size(page, px: int) -> None:
    """Chromium's default font size (Settings › Appearance › Font size): the page's rem sizes follow it."""
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": px, "fixed": 13}})
    session.detach()        # (the tab outlives the test: browser.new_context lends kept ones, pool.py)


def pages_of(built, plan: str) -> list[str]:
    found = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html")
                   if p.name != "gallery.html" and not p.relative_to(built).as_posix().startswith(("staff/", "pay/")))
    return [p + (f"?plan={plan}" if p.endswith("audit.html") else "") for p in found]


@pytest.mark.parametrize("province", PROVINCES)
def test_the_larger_text_mode_is_on_every_page_remembered_and_big_enough(people, built, province):
    with as_province(province):
        me, page, _, base = people(province, {"bypass_csp": True})
        page.goto(base + "/me.html")
        journey.choose_major(page, me.who["majors"][0])
        switch = page.locator("header [data-large-text]")
        expect(switch).to_have_attribute("aria-pressed", "false")
        switch.click()
        expect(page.locator("html")).to_have_class("large")
        expect(switch).to_have_attribute("aria-pressed", "true")
        wrong: dict[str, object] = {}
        visited = pages_of(built[province], me.who["majors"][0])
        for path in visited:
            page.goto(f"{base}/{path}")
            settled(page)
            expect(page.locator("html"), f"{path}: 大字模式没有保持").to_have_class("large")
            expect(page.locator("header [data-large-text]")).to_have_attribute("aria-pressed", "true")
            small = page.evaluate(MEASURE, [TEXT, TARGETS])
            if small:
                wrong[path] = small[:8]
            violations = axe(page)
            if violations:
                wrong[path + " axe"] = violations
            for px in (16, 32):
                text_size(page, px)
                if page.evaluate(OVERFLOW) > 0:
                    wrong[f"{path} {px * 100 // 16}% 溢出"] = page.evaluate(OVERFLOW)
            text_size(page, 16)
        assert len(visited) >= 10
        assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)
        page.locator("header [data-large-text]").click()        # and back: the choice is kept either way
        page.goto(base + "/me.html")
        settled(page)
        expect(page.locator("html")).not_to_have_class("large")
