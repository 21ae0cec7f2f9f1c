"""What the staff application page loads only when the reviewer asks for it (issue 17 item 9: the page with the
largest application's answer stays within 15 KB): the history's older lines (更早的记录) and the files inside an
uploaded zip (列出压缩包内容: 山西's course cards). The page says how many there are, each button is reached and
pressed from the keyboard, and what it loads is then on the page. axe 0."""
from __future__ import annotations

import io
import zipfile

import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import (
    NO_PRIOR,
    OFFICES,
    candidate,
    fill_in,
    ok,
    prior_pending,
    small_jpeg,
    submit,
    upload,
    verify_identity,
)

CARDS = [f"课程合格证-第{n}页.jpg" for n in range(1, 4)]


def cards_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in CARDS:
            archive.writestr(name, small_jpeg((60, 40)))
    return out.getvalue()


def press(page, name: str) -> None:
    """The button by its words, from the keyboard (focus and Enter)."""
    button = page.get_by_role("button", name=name)
    button.focus()
    page.keyboard.press("Enter")


def test_older_history_and_a_zips_files_come_when_asked_for(browser, site, portal, table, teams):
    with as_province("shanxi"):
        url, team = site("shanxi"), teams("shanxi")
        me = candidate(portal, table, OFFICES["shanxi"], province="shanxi", like=NO_PRIOR)
        verify_identity(me)
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        fill_in(me, "shanxi")
        prior_pending(me)
        upload(me, cards_zip(), "old_course_cards", "old_course_cards.zip")
        ok(submit(me))
        context = journey.browser_for(browser, url, team["county"], phone=False, bypass_csp=True)
        try:
            page = context.new_page()
            page.goto(url + "/staff/application.html?exam_no=" + me.who["exam_no"])
            settled(page)
            history = page.locator("[data-rows=history] tr")
            expect(history).to_have_count(10)                             # the newest lines come with the page
            expect(page.locator("#history")).not_to_contain_text("开始申请")
            press(page, "更早的记录")
            expect(page.locator("#history")).to_contain_text("开始申请")     # the first line of all
            assert history.count() > 10
            expect(page.get_by_role("button", name="更早的记录")).to_be_hidden()
            cards = page.locator("[data-document=old_course_cards]")
            expect(cards).to_contain_text("压缩包内共 3 个文件")
            expect(cards.locator("li")).to_have_count(0)
            press(page, "列出压缩包内容")
            expect(cards.locator("li")).to_have_count(3)
            for name in CARDS:
                expect(cards).to_contain_text(name)
            expect(page.get_by_role("button", name="列出压缩包内容")).to_be_hidden()
            assert axe(page) == []
        finally:
            context.close()
