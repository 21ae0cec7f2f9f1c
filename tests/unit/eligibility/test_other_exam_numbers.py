"""Another 准考证's sittings in the audit (eligibility/other_exam_numbers.merged): only a merge the office confirmed
counts, each sitting keeps the 准考证号 it was taken under, and the record itself is left as it was."""
from __future__ import annotations

from functions.eligibility.other_exam_numbers import merged

from .conftest import js_candidate, run, severities, sittings

PLAN = "JS-080901-2024R"
OTHER = "420197700001"


def other(status: str) -> dict:
    return {"id": "e1", "exam_no": OTHER, "status": status, "sittings": sittings("13000")}


def test_a_confirmed_merge_brings_its_sittings_each_with_its_exam_no(reference):
    record = js_candidate(without=["13000"])
    assert run(reference, PLAN, record)["verdict"] == "NOT_ELIGIBLE"
    result = run(reference, PLAN, merged(record, [other("verified")]))
    assert result["verdict"] == "ELIGIBLE" and result["course_status"]["13000"] == "passed"
    brought = [a for a in merged(record, [other("verified")])["attempts"] if a["code"] == "13000"]
    assert [a["exam_no"] for a in brought] == [OTHER]
    assert all("exam_no" not in a for a in record["attempts"])


def test_a_merge_waiting_for_the_office_or_refused_counts_for_nothing(reference):
    record = js_candidate(without=["13000"])
    for status in ("pending", "refused"):
        assert merged(record, [other(status)]) is record
        result = run(reference, PLAN, merged(record, [other(status)]))
        assert severities(result)[("COURSE_MISSING", "13000")] == "unmet"
