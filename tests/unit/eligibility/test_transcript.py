"""Transcript resolution: the best sitting counts, failures and absences never do."""

import pytest

from .conftest import candidate, codes_of, js_candidate, run, sittings


def with_sittings(*extra, without=("00023",)):
    record = js_candidate(without=without)
    record["attempts"] += list(extra)
    return record


@pytest.mark.parametrize("score, passed", [(60, True), (59.5, False), ("合格", True), ("不合格", False)])
def test_pass_mark(reference, score, passed):
    result = run(reference, "JS-080901-2024R", with_sittings({"code": "00023", "session": "2025-04", "score": score}))
    assert (result["course_status"].get("00023") == "passed") is passed


def test_a_later_failure_does_not_undo_a_pass(reference):
    record = with_sittings({"code": "00023", "session": "2024-10", "score": 72},
                           {"code": "00023", "session": "2025-04", "score": 20})
    assert run(reference, "JS-080901-2024R", record)["verdict"] == "ELIGIBLE"


def test_absences_never_count(reference):
    record = with_sittings({"code": "00023", "session": "2025-04", "score": None, "absent": True})
    assert ("COURSE_MISSING", "00023") in codes_of(run(reference, "JS-080901-2024R", record))


def test_accepted_transfer_counts_rejected_is_reported(reference):
    record = js_candidate(without=["00023", "02324"], transfers=[
        {"code": "00023", "accepted": True}, {"code": "02324", "accepted": False}])
    result = run(reference, "JS-080901-2024R", record)
    assert result["course_status"]["00023"] == "转考"
    assert ("TRANSFER_REJECTED", "02324") in codes_of(result)
    assert ("COURSE_MISSING", "02324") in codes_of(result)
    rejected = next(f for f in result["findings"] if f["code"] == "TRANSFER_REJECTED")
    assert rejected["severity"] == "info"


def test_approved_exemption_counts_rejected_is_info(reference):
    record = js_candidate(without=["13000", "00023"], exemptions=[
        {"code": "13000", "approved": True, "certificate_id": "CET6-1"},
        {"code": "00023", "approved": False}])
    result = run(reference, "JS-080901-2024R", record)
    assert result["course_status"]["13000"] == "免考"
    assert [(f["code"], f["subject"], f["severity"]) for f in result["findings"] if f["code"] == "EXEMPTION_INVALID"] \
        == [("EXEMPTION_INVALID", "00023", "info")]
    assert result["total_credits"] == 76 - 10  # the exempted course earns its plan credits


def test_one_certificate_exempts_one_course(reference):
    record = js_candidate(without=["13000", "15040"], exemptions=[
        {"code": "13000", "approved": True, "certificate_id": "CET6-1"},
        {"code": "15040", "approved": True, "certificate_id": "CET6-1"}])
    result = run(reference, "JS-080901-2024R", record)
    assert result["course_status"].get("13000") == "免考"
    assert ("EXEMPTION_INVALID", "15040") in codes_of(result)
    assert ("COURSE_MISSING", "15040") in codes_of(result)


def test_a_computing_certificate_exempts_the_theory_and_practice_pair(reference):
    # 江苏 NCRE: one certificate exempts 00018 and 00019 (JS-NCRE-00018).
    codes = ["15040", "15042", "15041", "13886", "13126", "13124", "00041", "00144", "14070", "00058",
             "00896", "00897", "13675", "13676", "07992", "13125", "13415"]
    record = candidate(codes, prior_education=[], exemptions=[
        {"code": "00018", "approved": True, "certificate_id": "NCRE-1"},
        {"code": "00019", "approved": True, "certificate_id": "NCRE-1"}])
    result = run(reference, "JS-530601-2024R", record)
    assert result["verdict"] == "ELIGIBLE"
    assert result["course_status"]["00019"] == "免考"


def test_an_exam_pass_outranks_an_exemption_label(reference):
    record = js_candidate(exemptions=[{"code": "13000", "approved": True}])
    assert run(reference, "JS-080901-2024R", record)["course_status"]["13000"] == "passed"


def test_practice_passed_with_theory_missing_reports_the_theory(reference):
    result = run(reference, "JS-080901-2024R", js_candidate(without=["04735"]))
    assert codes_of(result, "COURSE_MISSING", "PRACTICE_MISSING") == [("COURSE_MISSING", "04735")]


def test_missing_practice_is_its_own_finding(reference):
    result = run(reference, "JS-080901-2024R", js_candidate(without=["04736"]))
    assert codes_of(result, "COURSE_MISSING", "PRACTICE_MISSING") == [("PRACTICE_MISSING", "04736")]
    # practice is not a 门: the 15 theory courses still meet the count; 74 credits meet 73.
    assert ("COURSE_COUNT_SHORT", "count") not in codes_of(result)
    assert result["total_credits"] == 74 and len(result["findings"]) == 1


def test_sittings_of_courses_outside_the_plan_are_ignored(reference):
    record = js_candidate()
    record["attempts"] += sittings("99999", "00054")
    result = run(reference, "JS-080901-2024R", record)
    assert result["verdict"] == "ELIGIBLE" and "99999" not in result["course_status"]
