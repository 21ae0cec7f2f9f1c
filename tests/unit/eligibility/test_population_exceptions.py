"""A population re-audit replays staff exceptions, so it agrees with what the API shows each candidate."""
from pathlib import Path

from functions.eligibility.engine import audit, load_reference, reaudit, reaudit_parallel
from infra.demo.generate import demo_batch, generate

REFERENCE = load_reference(Path(__file__).resolve().parents[3] / "data" / "reference")


def test_exceptions_travel_with_the_population():
    batch = demo_batch("hubei")
    short = next(c for c in generate("hubei", count=20) if c["demo_case"] == "missing_courses")
    plan = short["majors"][0]
    missing = [f["subject"] for f in audit(plan, short, batch, REFERENCE)["findings"]
               if f["code"] in ("COURSE_MISSING", "PRACTICE_MISSING")]
    forced = [{"kind": "force_complete", "target": code, "staff_id": "s1", "reason": "成绩漏录", "at": "2026-11-22"}
              for code in missing]
    assert audit(plan, short, batch, REFERENCE, forced)["verdict"] == "ELIGIBLE"
    items = [("a", plan, short), ("b", plan, short, forced)]
    for run in (reaudit, reaudit_parallel):
        summary = run(items, REFERENCE, batch, {"a": "NOT_ELIGIBLE", "b": "NOT_ELIGIBLE"})
        assert summary["changed_ids"] == ["b"] and summary["transitions"] == {"NOT_ELIGIBLE->ELIGIBLE": 1}
