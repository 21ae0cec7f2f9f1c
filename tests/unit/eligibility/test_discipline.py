"""Discipline delays (粤考委〔2014〕1号: 从符合毕业条件时间起，延迟毕业时间1年，延迟期间考试成绩无效).

The sitting in which the conditions were met counts; only later sittings inside the delay are void. Each boundary
is tested on both sides, with the start given as a day and as a sitting (a session: compared as a sitting).
"""

import pytest

from .conftest import codes_of, js_candidate, run

LATE_BATCH = {"id": "B", "province": "江苏", "graduation_date": "2030-06-30", "prior_edu_cutoff": "2030-06-30"}


def passed_00023_in(session, discipline, batch=LATE_BATCH, reference=None):
    """Whether 00023, passed only in `session`, counts for a candidate with this discipline record."""
    record = js_candidate(without=["00023"], disciplinary=[discipline])
    record["attempts"].append({"code": "00023", "session": session, "score": 80})
    return run(reference, "JS-080901-2024R", record, batch)["course_status"].get("00023") == "passed"


@pytest.mark.parametrize("session, counts", [
    ("2024-10", True),    # before the conditions were met
    ("2025-04", True),    # the qualifying sitting itself
    ("2025-10", False),   # the first sitting inside the delay
    ("2026-04", True),    # the same sitting a year later: the delay is over
])
def test_a_delay_from_a_sitting_voids_only_the_later_sittings_inside_it(reference, session, counts):
    delay = {"id": "WJ-S", "delay_years": 1, "eligible_on": "2025-04", "results_void_during_delay": True}
    assert passed_00023_in(session, delay, reference=reference) is counts


@pytest.mark.parametrize("session, counts", [
    ("2025-04", True),    # eligible_on falls in the April sitting's month: that sitting is the qualifying one
    ("2025-10", False),
    ("2026-04", False),   # the last day, 2026-04-19, is in April 2026: that sitting is inside
    ("2026-10", True),
])
def test_a_delay_from_a_day_voids_the_sittings_after_its_sitting_up_to_its_last_day(reference, session, counts):
    delay = {"id": "WJ-D", "delay_years": 1, "eligible_on": "2025-04-20", "results_void_during_delay": True}
    assert passed_00023_in(session, delay, reference=reference) is counts


@pytest.mark.parametrize("session, counts", [
    ("2023-04", True),    # the sitting of the decision
    ("2023-10", False),
    ("2025-01", False),   # ban_until is the last banned day: its month's sitting is inside
    ("2025-04", True),
])
def test_a_ban_voids_the_sittings_after_the_decision_up_to_ban_until(reference, session, counts):
    ban = {"id": "WJ-B", "ban_until": "2025-01-31", "decided_on": "2023-04-15", "results_void_during_delay": True}
    assert passed_00023_in(session, ban, reference=reference) is counts


def test_without_the_flag_nothing_in_the_delay_is_void(reference):
    delay = {"id": "WJ-S", "delay_years": 1, "eligible_on": "2025-04"}
    assert passed_00023_in("2025-10", delay, reference=reference)


def batch_on(day):
    return {"id": "B", "province": "江苏", "graduation_date": day, "prior_edu_cutoff": day}


@pytest.mark.parametrize("graduation_date, active", [("2026-03-31", True), ("2026-04-01", False)])
def test_a_delay_from_a_sitting_ends_before_the_same_sitting_a_year_later(reference, graduation_date, active):
    record = js_candidate(disciplinary=[{"id": "WJ-S", "delay_years": 1, "eligible_on": "2025-04"}])
    result = run(reference, "JS-080901-2024R", record, batch_on(graduation_date))
    bans = [f for f in result["findings"] if f["code"] == "DISCIPLINE_BAN_ACTIVE"]
    assert bool(bans) is active
    if active:
        assert bans[0]["until"] == "2026-03-31" and "2026-03-31（含）前不能申请毕业" in bans[0]["message"]


@pytest.mark.parametrize("graduation_date, active", [("2026-10-31", True), ("2026-11-01", False)])
def test_a_ban_until_a_sitting_holds_through_that_sittings_month(reference, graduation_date, active):
    record = js_candidate(disciplinary=[{"id": "WJ-M", "ban_until": "2026-10"}])
    result = run(reference, "JS-080901-2024R", record, batch_on(graduation_date))
    assert (("DISCIPLINE_BAN_ACTIVE", "WJ-M") in codes_of(result)) is active


def test_the_case_file_delay_keeps_its_qualifying_sitting_and_voids_the_january_pass(reference):
    # cases/discipline_delay_voids_results.json: conditions met by 2025-06-30 (the April sitting), 13017 passed
    # in January 2026, inside the two-year delay.
    delay = {"id": "WJ-2025-0031", "delay_years": 2, "eligible_on": "2025-06-30", "results_void_during_delay": True}
    assert passed_00023_in("2025-04", delay, reference=reference)
    assert not passed_00023_in("2026-01", delay, reference=reference)
