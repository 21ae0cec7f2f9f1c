"""本、专科专业一并申请 (安徽 AH-CONCURRENT): the 本科's prior education follows the 专科 of the same batch."""

import pytest

from functions.eligibility.engine import EngineInputError

from .conftest import js_candidate, run
from .test_completion import AH_BATCH, AH_PLAN


def concurrent(reference, **associate):
    record = js_candidate(prior_education=[])
    record["attempts"] = [{"code": "00023", "session": "2025-04", "score": 70}]
    record["concurrent_associate_application"] = {"batch": AH_BATCH["id"], "major": "会计", **associate}
    return run(reference, AH_PLAN, record, AH_BATCH)


@pytest.mark.parametrize("status, verdict, severity", [
    ("pending", "ELIGIBLE_CONDITIONAL", "conditional"),     # submittable, the city has not confirmed the 专科 yet
    ("confirmed", "ELIGIBLE", None),                         # the city confirmed the 专科: nothing left to prove
    ("rejected", "NOT_ELIGIBLE", "blocking"),                # the 专科 was rejected: the 本科 cannot rest on it
])
def test_the_bachelor_follows_the_associate_of_the_same_batch(reference, status, verdict, severity):
    result = concurrent(reference, status=status, reason="成绩不符合毕业条件")
    assert result["verdict"] == verdict
    assert [f["severity"] for f in result["findings"] if f["subject"] == "prior_education"] == \
        ([severity] if severity else [])


def test_pending_names_the_associate_major_and_who_confirms_it(reference):
    [finding] = concurrent(reference)["findings"]          # no status yet: pending, as before
    assert finding["severity"] == "conditional"
    assert finding["message"].startswith("当次一并申请的专科专业（会计）待市级教育考试机构确认")


def test_a_rejected_associate_shows_its_reason(reference):
    [finding] = concurrent(reference, status="rejected", reason="成绩不符合毕业条件")["findings"]
    assert "会计" in finding["message"] and "成绩不符合毕业条件" in finding["message"]
    assert "不能申请本科专业毕业" in finding["message"]


def test_an_unknown_status_is_refused_by_name(reference):
    with pytest.raises(EngineInputError) as refused:
        concurrent(reference, status="maybe")
    assert "concurrent_associate_application.status" in str(refused.value.problems)
