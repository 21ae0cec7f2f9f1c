"""The browser tests' own wait: settled(page) after a click on a link holds until the new page has run its scripts
and has its answers, so what a test types next is not overwritten by the page filling in what was saved (CI saw
the self-assessment typed and then blanked on a loaded machine: 保存并继续 found the field empty)."""
from __future__ import annotations

import time

import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from support.applying import SELF_ASSESSMENT
from test_application_pages import applying_for_本科


def test_what_is_typed_after_a_task_opens_is_kept_when_the_pages_script_is_slow(people):
    with as_province("chongqing"):
        me, page, _, url = people("chongqing", {}, like=applying_for_本科())
        page.goto(url + "/me.html")
        journey.choose_major(page, me.who["majors"][0])

        def slow(route):          # the section script arrives late, as on a loaded machine
            time.sleep(1.5)
            route.continue_()
        page.route("**/static/js/section.js*", slow)
        journey.task(page, "填写自我鉴定")
        page.get_by_label("自我鉴定").fill(SELF_ASSESSMENT[:400])
        page.wait_for_load_state("load")
        settled(page)
        expect(page.get_by_label("自我鉴定")).to_have_value(SELF_ASSESSMENT[:400])
