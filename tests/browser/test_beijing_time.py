"""Issue 20 item 4: every time shown is Beijing time with the date. A candidate of each province submits; the time
of each line of the status page's history (on a 360 px phone) and the staff list's "提交于" (on a desktop) are
compared with the stored UTC time the API gives, converted by functions/common/time.py (one place). Item 15 in the
same pages: a status tag and a date never wrap inside at 360 px."""
from __future__ import annotations

import journey
import pytest
from conftest import PROVINCES, as_province, settled
from playwright.sync_api import expect
from support.applying import OFFICES, candidate, fill_in, ok, submit, verify_identity

from functions.common.time import epoch_of, shown
from functions.profiles.loader import load_profile


def beijing(stored_utc: str) -> str:
    assert stored_utc.endswith("Z"), f"stored times are UTC: {stored_utc}"
    return shown(epoch_of(stored_utc))


def submitted(portal, table, team, province: str):
    """A candidate of the province who has submitted (山西's identity check passed first)."""
    me = candidate(portal, table, OFFICES[province], province=province)
    data = load_profile(province).data
    if data["login"]["identity_check"] == "photos":
        verify_identity(me)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, province, reviewer=team.get(data["application"]["photo_review"] or "city"))
    ok(submit(me))
    return me


def one_line(locator) -> bool:
    """Whether the element's text sits on one line (a range over its text has one box per line it takes)."""
    tops = locator.evaluate("el => { const r = document.createRange(); r.selectNodeContents(el); "
                            "return [...r.getClientRects()].map(b => Math.round(b.top)); }")
    return len(set(tops)) == 1


@pytest.mark.parametrize("province", PROVINCES)
def test_status_history_and_staff_list_show_beijing_time_with_the_date(browser, site, portal, table, teams, province):
    with as_province(province):
        url, team = site(province), teams(province)
        me = submitted(portal, table, team, province)
        stored = ok(me.get("/api/apply/messages"))
        stored = stored["messages"] if isinstance(stored, dict) else stored
        assert stored, "a submitted application has at least one status message"
        phone = journey.browser_for(browser, url, me, phone=True)
        desk = journey.browser_for(browser, url, team["province"], phone=False)
        try:
            page = phone.new_page()
            page.goto(url + "/apply/status.html")
            settled(page)
            rows = page.locator("[data-rows=messages] tr")
            expect(rows).to_have_count(len(stored))
            for i, message in enumerate(stored):
                cell = rows.nth(i).locator("td").first
                assert cell.inner_text() == beijing(message["at"])
                assert one_line(cell), f"{province}: the time {cell.inner_text()} wraps at 360 px"
            staff = desk.new_page()
            staff.goto(url + "/staff/queue.html")
            settled(staff)
            listed = ok(team["province"].get("/api/apply/staff/applications"))
            items = listed["items"] if isinstance(listed, dict) else listed
            mine = next(i for i in items if i["exam_no"] == me.who["exam_no"])
            line = staff.locator("[data-rows=applications] > li").filter(has_text=me.who["exam_no"])
            expect(line).to_contain_text("提交于 " + beijing(mine["submitted_at"]))
        finally:
            phone.close()
            desk.close()
