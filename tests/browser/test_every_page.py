"""Every built page of every province, signed in where it needs it, with its data and after a failed submit:
axe-core finds no violation, and nothing overflows a 360 px phone, at normal and at 200 % text size."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import site_people
from conftest import ARTEFACTS, PHONE, PROVINCES, as_province, settled, watch
from steps import axe

from functions.apply.application.rules import Rules
from functions.apply.application.status import Lifecycle, Status, status_text
from functions.common.session import Identity
from functions.profiles.loader import load_profile

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
STAFF = Identity("page-staff", "staff", "页面检查", role="admin")
PUBLIC_STAFF_PAGES = ("staff/index.html", "staff/password.html")


def paths(built: Path, plan: str) -> list[str]:
    found = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html") if p.name != "gallery.html")
    return [p + (f"?plan={plan}" if p.endswith("audit.html") else "") for p in found]


@pytest.fixture
def visit(site, browser, sign_in, table):
    """visit(province, **context options) → (open(path) → page, the candidate's plan): a candidate with findings
    to show (and a staff member for the staff pages), each in their own browser profile on a 360 px phone.
    A script error or CSP refusal on any page fails the test."""
    opened = []

    def make(province: str, **options):
        person, me = site_people.short_of_two_courses(table, province)
        url, contexts = site(province), {}
        for who, identity in (("candidate", me), ("staff", STAFF)):
            contexts[who] = browser.new_context(locale="zh-CN", viewport=PHONE, **options)
            opened.append((contexts[who], watch(contexts[who])))
            sign_in(contexts[who], url, identity)

        pages: dict = {}

        def open_(path: str):
            """The role's one tab, sent to the page: a new tab for each page cost Chromium ~0.1 s of CPU."""
            who = "staff" if path.startswith("staff/") and path not in PUBLIC_STAFF_PAGES else "candidate"
            page = pages.get(who) or pages.setdefault(who, contexts[who].new_page())
            page.goto(f"{url}/{path}")
            settled(page)
            return page
        return open_, person.majors[0]
    yield make
    errors = [e for context, found in opened for e in found]
    for context, _ in opened:
        context.close()
    assert not errors, f"页面脚本出错或违反 CSP: {errors}"


def fail_a_submit(page) -> bool:
    """Submit the first form on the page empty (or press its first action), as someone who skipped it would; on a
    review form that is 退回 without a reason (通过 needs nothing, and would decide a queued candidate)."""
    action = page.locator("main form:visible button[type=submit]:not([value=approve]), "
                          "main button[data-identity-check]:visible").first
    if not action.count():
        return False
    action.click()
    page.locator("#error-summary").wait_for(state="visible")
    settled(page)
    return True


def text_size(page, px: int) -> None:
    """Chromium's default font size (Settings › Appearance › Font size): the page's rem sizes follow it."""
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": px, "fixed": 13}})
    session.detach()        # (the tab outlives the test: browser.new_context lends kept ones, pool.py)
    assert page.evaluate("getComputedStyle(document.body).fontSize") == f"{px * 1.1875:g}px"


def overflow(page, province: str, path: str, px: int) -> int:
    """How far the page reaches past a 360 px phone's width at `px` text (a screenshot kept when it does)."""
    text_size(page, px)
    wide = page.evaluate(OVERFLOW)
    if wide > 0:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        shot = f"overflow-{province}-{path.split('?')[0].replace('/', '-')}-{px}.png"
        page.screenshot(path=str(ARTEFACTS / shot), full_page=True)
    return wide


@pytest.mark.parametrize("province", PROVINCES)
def test_every_page_has_no_axe_violation_and_fits_a_360px_phone_with_its_data_or_its_errors(province, visit, built):
    """One walk of every page (each page opened once: axe is the slow part), under the pages' own CSP: axe before
    and after a failed submit; the width at normal and 200 % text, before and after."""
    violations, wide, checked = {}, {}, 0
    with as_province(province):
        open_, plan = visit(province)
        for path in paths(built[province], plan):
            page = open_(path)
            found = axe(page)
            checked += 1
            for state, px in (("100%", 16), ("200%", 32)):
                wide[f"{path} {state}"] = overflow(page, province, path, px)
            if fail_a_submit(page):                                    # (at 200 % text, as the error shows)
                wide[f"{path} 200% 出错后"] = overflow(page, province, path, 32)
                wide[f"{path} 100% 出错后"] = overflow(page, province, path, 16)
                violations[path + " (出错后)"] = axe(page)
                checked += 1
            violations[path] = found
            text_size(page, 16)                                        # as the next page is to be read
    violations = {path: v for path, v in violations.items() if v}
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)
    wide = {state: px for state, px in wide.items() if px > 0}
    assert not wide, f"页面在 360 px 宽的手机上横向溢出（像素）: {wide}"
    assert checked >= 13


def every_status_text(province: str) -> list[str]:
    """What a status tag can say in the province: each stage waited at and each stage that sent it back."""
    data = load_profile(province).data
    rules = Rules(data)
    states = [Lifecycle(status=Status.DRAFT), Lifecycle(status=Status.DRAFT, submissions=1),
              Lifecycle(status=Status.APPROVED)]
    for stage in rules.stages:
        states += [Lifecycle(status=Status.IN_REVIEW, stage=stage["id"], onsite_confirmed=True),
                   Lifecycle(status=Status.REJECTED, stage=stage["id"])]
    return sorted({status_text(state, rules) for state in states}, key=len)


@pytest.mark.parametrize("province", PROVINCES)
def test_every_status_tag_fits_a_360px_phone_at_200_percent_text(province, browser, site, built):
    """The pages above show only the statuses their test data reach (an empty staff queue shows none): the longest
    (安徽's 待主考院校与省级教育考试机构会审) pushed a 200 % queue sideways by 40 px. Every status the province can
    show, as the pages draw it (Biye.tag), on the queue's own page."""
    texts = every_status_text(province)
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{site(province)}/index.html")
        settled(page)
        text_size(page, 32)
        page.evaluate("texts => { const p = document.querySelector('main');"
                      "  for (const t of texts) { const line = document.createElement('p');"
                      "    line.append(Biye.tag(t), ' 某专业（本科）'); p.append(line); } }", texts)
        assert page.evaluate(OVERFLOW) == 0, f"{texts[-1]} 在 200% 字号下横向溢出"
    finally:
        context.close()
