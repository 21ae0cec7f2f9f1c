"""One number of missing courses: the majors list, the choose-a-major page, the full audit and what-if all show the
engine's count for the same record and plan (issue 20 item 10: they said 7, 11 and 12 for one plan)."""
from __future__ import annotations

import re

from playwright.sync_api import expect
from site_people import candidate

from infra.demo.generate import generate

# A plan with a choice group, a thesis and missing courses: the three ways of counting used to disagree here.
PLAN = "JS-050101-2024R"


def test_every_page_shows_the_engines_count_of_missing_courses(portal, table, context, sign_in):
    demo = next(c for c in generate("hubei") if c["demo_case"] == "eligible")
    person, me = candidate(table, "hubei", registered_on=demo["registered_on"], flags=demo["flags"],
                           prior_education=demo["prior_education"], attempts=demo["attempts"], majors=[PLAN])
    sign_in(context, portal.url, me)
    page = context.new_page()
    audit = page.request.get(portal.url + "/api/eligibility/audits/" + PLAN).json()
    count = audit["missing_courses"]
    assert count > 1
    said = f"还缺 {count} 门课程"

    page.goto(portal.url + "/eligibility/index.html")
    mine = page.locator("[data-majors] li").filter(has_text="报考专业")
    expect(mine).to_contain_text(said)
    majors_text = mine.inner_text()
    page.goto(portal.url + "/apply/major.html")
    expect(page.locator("[data-majors] .choice").filter(has_text="报考专业")).to_contain_text(said)
    page.goto(portal.url + "/eligibility/audit.html?plan=" + PLAN)
    expect(page.locator(".lead")).to_contain_text(said)
    page.goto(portal.url + "/eligibility/what-if.html")
    row = page.locator("[data-rows=plans] tr").filter(has=page.locator(f"a[href*='{PLAN}']"))
    expect(row).to_contain_text(f"{count} 门课程")
    # and no other number of courses anywhere on these pages for this plan
    for text in (row.inner_text(), majors_text):
        assert {int(n) for n in re.findall(r"(\d+) 门课程", text)} == {count}, text
