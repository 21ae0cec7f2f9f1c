"""安徽's demo candidates for 本、专科专业一并申请 (issue 18 item 7): ten who complete a 专科 and a 本科 and hold no
diploma, so the 本科 is eligible only beside the 专科 applied for in the same batch; make run prints one sign-in
for the path; a province without the pairing has none."""
from __future__ import annotations

from pathlib import Path

import pytest

from functions.eligibility.engine import audit, load_reference
from functions.profiles.loader import load_profile
from infra.demo.generate import demo_batch, demo_candidates
from infra.demo.pairs import ASSOCIATE, BACHELOR, CASE

REFERENCE = load_reference(Path(__file__).resolve().parents[3] / "data" / "reference")


@pytest.mark.parametrize("province, count", [("anhui", 10), ("hubei", 0), ("chongqing", 0), ("shanxi", 0)])
def test_a_province_that_pairs_applications_has_ten_demo_candidates_who_need_it(province, count):
    batch = dict(demo_batch(province), prior_edu_exceptions=["AH-CONCURRENT"])
    people = [c for c in demo_candidates(province) if c["demo_case"] == CASE]
    assert len(people) == count
    for candidate in people:
        assert audit(ASSOCIATE, candidate, batch, REFERENCE)["verdict"] == "ELIGIBLE"
        alone = audit(BACHELOR, candidate, batch, REFERENCE)
        assert alone["verdict"] == "NOT_ELIGIBLE" and [f["code"] for f in alone["findings"]] == ["PRIOR_EDU_MISSING"]
        beside = {**candidate, "concurrent_associate_application": {"batch": batch["id"], "status": "confirmed"}}
        assert audit(BACHELOR, beside, batch, REFERENCE)["verdict"] == "ELIGIBLE"


@pytest.mark.parametrize("province, count", [("anhui", 1), ("hubei", 0)])
def test_make_run_prints_one_sign_in_for_the_path(province, count, monkeypatch):
    from infra.local import demo_accounts

    monkeypatch.setattr(demo_accounts, "_create", lambda *args: None)
    logins = demo_accounts.create_demo_accounts(None, load_profile(province), demo_candidates(province))
    assert len([w for w in logins if w["who"].endswith("（本专科一并申请）")]) == count
