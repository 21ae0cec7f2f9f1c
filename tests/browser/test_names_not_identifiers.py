"""Issue 20 item 11: identifiers are never shown to people. A candidate of each province reads the eligibility pages
(what-if, and the audit of each major with its 顶替) on a 360 px phone and a desktop: no plan or rule identifier
(JS-080901-2024R, JS-080901-ROW6a), no finding code (PRIOR_EDU_PENDING_VERIFICATION) and no office code (420100)
in what the page shows or reads aloud."""
from __future__ import annotations

import re

import pytest
from conftest import DESKTOP, PROVINCES, as_province, settled

FINDING_CODE = re.compile(r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")
OFFICE_CODE = re.compile(r"(?<!\d)\d{6}(?!\d)")


def identifiers(page, plan_ids: list[str]) -> list[str]:
    """The identifiers in the page's text, visible or for screen readers."""
    text = page.locator("main").text_content() or ""
    found = [p for p in plan_ids if p in text]
    found += [m.group() for m in FINDING_CODE.finditer(text)]
    found += [m.group() for m in OFFICE_CODE.finditer(text)]
    found += [m.group() for m in re.finditer(r"[A-Z]{2}-\d{6}-[\w-]+", text)]
    return found


@pytest.mark.parametrize("province", PROVINCES)
def test_eligibility_pages_name_majors_and_rules_without_identifiers(people, province):
    with as_province(province):
        me, page, _, base = people(province)
        plans = list(me.who["majors"])
        shown = {}
        for size in (None, DESKTOP):
            if size:
                page.set_viewport_size(size)
            for path in ["/eligibility/what-if.html"] + [f"/eligibility/audit.html?plan={p}" for p in plans]:
                page.goto(base + path)
                settled(page)
                found = identifiers(page, plans)
                if found:
                    shown[f"{path} {size or 'phone'}"] = found
        assert shown == {}
