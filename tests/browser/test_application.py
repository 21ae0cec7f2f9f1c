"""The application through the pages, for each province: a candidate chooses the major, fills each section on
its page, checks the answers and submits (a double click sends once); staff take it through every stage of the
province on the staff pages (现场确认 in 湖北, the photo review where staff review photos), the candidate pays on
the sandbox pay page where the province charges, and downloads the printed forms. Plus a rejection with its reason,
changed and submitted again."""
from __future__ import annotations

import re

import applying
import journey
import pytest
from applying import HOSTS, OFFICES
from conftest import PROVINCES, as_province, settled
from playwright.sync_api import expect

from functions.common.profiles import load_profile


@pytest.fixture(scope="module")
def teams(portal, table):
    """Staff of every review role for each province (API clients: journeys copy their sessions into browsers)."""
    made = {}

    def team(province: str) -> dict:
        if province not in made:
            office = OFFICES[province]
            made[province] = {role: applying.staff(portal, table, f"site-{province}-{role}", role, offices=(office,))
                              for role in ("county", "city")}
            made[province]["university"] = applying.staff(portal, table, f"site-{province}-university", "university",
                                                          universities=HOSTS)
            made[province]["province"] = applying.staff(portal, table, f"site-{province}-province", "province")
        return made[province]
    return team


@pytest.fixture
def people(browser, site, portal, table, teams):
    """people(province) → (candidate API client, candidate page, staff pages by role, site URL); closes them all.
    Script errors or CSP refusals on any page fail the test."""
    from conftest import watch
    opened = []

    def make(province: str):
        url = site(province)
        me = applying.candidate(portal, table, OFFICES[province], province=province)
        if load_profile(province).data["login"]["identity_check"] == "photos":
            applying.verify_identity(me)
        pages = {}
        for who, client in (("candidate", me), *teams(province).items()):
            context = journey.browser_for(browser, url, client, phone=who == "candidate")
            opened.append((context, watch(context)))
            pages[who] = context.new_page()
        return me, pages.pop("candidate"), pages, url
    yield make
    errors = [e for context, found in opened for e in found]
    for context, _ in opened:
        context.close()
    assert not errors, f"页面脚本出错或违反 CSP: {errors}"


def ready_to_submit(province, me, page, staff, url) -> dict:
    """Major, sections and files done; the photo approved on the staff photo page where staff review photos."""
    data = load_profile(province).data
    page.goto(url + "/me.html")
    settled(page)
    expect(page.locator("[data-tag=major]")).to_have_text("未开始")
    journey.choose_major(page, me.who["majors"][0])
    journey.fill_sections(page, province, me.who["phone"])
    applying.upload_files(me, province)
    reviewer = data["application"]["photo_review"]
    if reviewer:
        photos = staff[reviewer]
        photos.goto(url + "/staff/photos.html")
        settled(photos)
        photos.get_by_role("button", name=re.compile(f"^通过.*{me.who['exam_no']}")).click()
        expect(photos.locator("#decided")).to_contain_text("已通过")
    return data


@pytest.mark.parametrize("province", PROVINCES)
def test_from_the_task_list_to_approved_and_the_printed_form(province, people, screenshot):
    with as_province(province):
        me, page, staff, url = people(province)
        data = ready_to_submit(province, me, page, staff, url)
        page.goto(url + "/me.html")
        settled(page)
        screenshot(page, f"tasks-done-{province}")
        journey.task(page, "核对并提交")
        screenshot(page, f"check-{province}")
        reference = journey.submit(page)
        screenshot(page, f"submitted-{province}")
        stages = data["review"]["stages"]
        for i, stage in enumerate(stages):
            if stage["kind"] == "payment":
                journey.pay(page, url)
                continue
            if i == 0 and data["application"]["onsite_confirmation"]:
                journey.onsite(staff[stage["role"]], url, me.who["exam_no"])
            journey.decide(staff[stage["role"]], url, me.who["exam_no"], stage)
            if i == 0:
                screenshot(staff[stage["role"]], f"staff-decided-{province}")
        page.goto(url + "/apply/status.html")
        settled(page)
        expect(page.locator("[data-fill=status_text]")).to_have_text("审核通过")
        expect(page.locator("[data-fill=reference]")).to_have_text(reference)
        expect(page.locator("[data-rows=messages] tr")).to_have_count(len(stages) + 1 + data["application"]["onsite_confirmation"])
        for form in data["forms"]:
            journey.download(page, form["name"])
        screenshot(page, f"status-approved-{province}")
