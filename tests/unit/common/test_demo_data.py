"""The demo data is what it says: each demo case gets the engine's verdict and finding it was made for."""
from __future__ import annotations

from pathlib import Path

import pytest

from functions.eligibility.engine import audit, load_reference
from infra.demo.generate import CASES, demo_batch, generate

REFERENCE = load_reference(Path(__file__).resolve().parents[3] / "data" / "reference")
BLOCKING = {"no_prior_education": "PRIOR_EDU_MISSING", "prior_education_after_cutoff": "PRIOR_EDU_AFTER_CUTOFF",
            "discipline_ban": "DISCIPLINE_BAN_ACTIVE", "already_graduated": "ALREADY_GRADUATED"}
STATUS = {"exemption": "免考", "transfer": "转考", "substitution": "顶替"}


@pytest.mark.parametrize("province", ["hubei", "anhui", "chongqing", "shanxi"])
def test_every_demo_case_gets_the_verdict_it_was_made_for(province):
    batch = demo_batch(province)
    seen = set()
    for candidate in generate(province):
        case = candidate["demo_case"]
        result = audit(candidate["majors"][0], candidate, batch, REFERENCE)
        codes = {f["code"] for f in result["findings"]}
        seen.add(case)
        if case in ("eligible", *STATUS):
            assert result["verdict"] == "ELIGIBLE", (case, result["findings"])
            if case in STATUS:
                assert STATUS[case] in result["course_status"].values(), case
        elif case == "missing_courses":
            assert result["verdict"] == "NOT_ELIGIBLE"
            assert codes & {"COURSE_MISSING", "PRACTICE_MISSING", "CHOICE_GROUP_UNMET"}
        else:
            assert result["verdict"] == "NOT_ELIGIBLE" and BLOCKING[case] in codes, (case, codes)
    assert seen == set(CASES)
