"""How the audit reads a candidate's claims (eligibility/stores/records.claims_as_exemptions): pending counts and
makes the verdict conditional, verified counts as 免考, refused is missing again with the office's reason."""
from __future__ import annotations

from functions.eligibility.stores.records import claims_as_exemptions

from .conftest import js_candidate, run, severities

PLAN = "JS-080901-2024R"


def judged(reference, status, reason=None):
    claim = {"id": "c1", "kind": "exemption", "plan_id": PLAN, "course": "13000", "certificate": "CET-4 certificate",
             "status": status, "reason": reason}
    record = js_candidate(without=["13000"], exemptions=claims_as_exemptions([claim], PLAN))
    return run(reference, PLAN, record)


def test_a_pending_claim_counts_and_makes_the_verdict_conditional(reference):
    result = judged(reference, "pending")
    assert result["verdict"] == "ELIGIBLE_CONDITIONAL"
    assert severities(result) == {("EXEMPTION_PENDING", "13000"): "conditional"}
    assert result["course_status"]["13000"] == "免考"


def test_a_verified_claim_counts_as_exempted(reference):
    result = judged(reference, "verified")
    assert result["verdict"] == "ELIGIBLE" and result["course_status"]["13000"] == "免考"


def test_a_refused_claim_is_missing_again_with_the_reason(reference):
    result = judged(reference, "refused", "证书图片模糊")
    assert result["verdict"] == "NOT_ELIGIBLE"
    assert severities(result)[("COURSE_MISSING", "13000")] == "unmet"
    info = next(f for f in result["findings"] if f["code"] == "EXEMPTION_INVALID")
    assert "证书图片模糊" in info["message"]


def test_a_claim_for_another_plan_is_not_read(reference):
    claim = {"id": "c1", "kind": "exemption", "plan_id": "OTHER", "course": "13000", "status": "verified"}
    assert claims_as_exemptions([claim], PLAN) == []
