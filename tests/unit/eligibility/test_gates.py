"""Gates block whatever the transcript says; every cut-off is tested on both sides."""

import pytest

from .conftest import JS_BATCH, codes_of, js_candidate, run, sittings

OLD_PLAN_COURSES = ["03708", "03709", "00015", "00023", "02324", "04737", "04738", "02331", "02332", "02325",
                    "02326", "02327", "02333", "02334", "02197", "04735", "04736", "04747", "04748", "04741"]


def old_plan_candidate(registered_on="2023-09-01"):
    record = js_candidate(registered_on=registered_on, flags={"takes_foreign_language": True})
    record["attempts"] = sittings(*OLD_PLAN_COURSES)
    return record


def batch(graduation_date):
    return {"id": "B", "province": "江苏", "graduation_date": graduation_date, "prior_edu_cutoff": graduation_date}


@pytest.mark.parametrize("graduation_date, expired", [("2026-06-30", False), ("2026-07-01", True)])
def test_old_plan_until_its_transition_ends(reference, graduation_date, expired):
    result = run(reference, "JS-080901-2021", old_plan_candidate(), batch(graduation_date))
    assert (("PLAN_VERSION_EXPIRED", "JS-080901-2021") in codes_of(result)) is expired
    assert result["verdict"] == ("NOT_ELIGIBLE" if expired else "ELIGIBLE")


@pytest.mark.parametrize("registered_on, closed", [("2024-06-30", False), ("2024-07-01", True)])
def test_old_plan_closed_to_candidates_registered_on_or_after(reference, registered_on, closed):
    result = run(reference, "JS-080901-2021", old_plan_candidate(registered_on))
    assert (("PLAN_NOT_AVAILABLE_TO_CANDIDATE", "JS-080901-2021") in codes_of(result)) is closed


def test_discontinued_major(reference):
    plan = dict(reference.plan("JS-080901-2024R"), status="discontinued")
    result = run(reference, plan, js_candidate())
    assert codes_of(result) == [("MAJOR_DISCONTINUED", "JS-080901-2024R")]
    assert result["findings"][0]["message"] == "此专业停办且不能申请毕业，需变更专业，以变更后的专业申请毕业"
    assert result["verdict"] == "NOT_ELIGIBLE"


@pytest.mark.parametrize("held, blocked", [
    ({"major_code": "080901", "level": "专升本"}, True),
    ({"major_code": "080901", "level": "本科"}, True),   # 专升本 is the same 层次 as 本科
    ({"major_code": "080901", "level": "专科"}, False),
    ({"major_code": "120203K", "level": "专升本"}, False),
])
def test_already_graduated_in_the_same_major_and_level(reference, held, blocked):
    result = run(reference, "JS-080901-2024R", js_candidate(graduations=[held]))
    assert (("ALREADY_GRADUATED", "080901") in codes_of(result)) is blocked


@pytest.mark.parametrize("ban_until, active", [("2026-06-30", True), ("2026-06-29", False)])
def test_ban_until_is_the_last_banned_day(reference, ban_until, active):
    record = js_candidate(disciplinary=[{"id": "WJ-1", "ban_until": ban_until}])
    result = run(reference, "JS-080901-2024R", record)
    assert (("DISCIPLINE_BAN_ACTIVE", "WJ-1") in codes_of(result)) is active
    if active:
        assert result["findings"][0]["until"] == ban_until


@pytest.mark.parametrize("eligible_on, active, until", [
    ("2024-06-30", False, None),          # 2 years later is 2026-06-30: free on the batch date
    ("2024-07-01", True, "2026-06-30"),
])
def test_delay_years_count_from_eligible_on(reference, eligible_on, active, until):
    record = js_candidate(disciplinary=[{"id": "WJ-2", "delay_years": 2, "eligible_on": eligible_on}])
    result = run(reference, "JS-080901-2024R", record)
    bans = [f for f in result["findings"] if f["code"] == "DISCIPLINE_BAN_ACTIVE"]
    assert bool(bans) is active
    if active:
        assert bans[0]["until"] == until


def test_delay_without_eligible_on_starts_at_this_batch(reference):
    record = js_candidate(disciplinary=[{"id": "WJ-3", "delay_years": 1}])
    result = run(reference, "JS-080901-2024R", record)
    assert result["findings"][0]["until"] == "2027-06-29"


def test_sittings_in_void_sessions_do_not_count(reference):
    record = js_candidate(without=["00023"], disciplinary=[{"id": "WJ-4", "void_sessions": ["2024-10"]}])
    record["attempts"].append({"code": "00023", "session": "2024-10", "score": 90})
    result = run(reference, "JS-080901-2024R", record)
    assert ("COURSE_MISSING", "00023") in codes_of(result)
    assert ("DISCIPLINE_BAN_ACTIVE", "WJ-4") not in codes_of(result)  # void sittings alone are no ban
    record["attempts"].append({"code": "00023", "session": "2025-04", "score": 61})
    assert run(reference, "JS-080901-2024R", record)["verdict"] == "ELIGIBLE"


@pytest.mark.parametrize("void_during_delay, counted", [(True, False), (False, True)])
def test_results_during_an_old_delay_are_void_only_when_the_record_says_so(reference, void_during_delay, counted):
    # The delay (2023-01-01 .. 2025-01-01) is over by the batch, but a pass inside it may be void.
    record = js_candidate(without=["00023"], disciplinary=[
        {"id": "WJ-5", "ban_until": "2025-01-01", "decided_on": "2023-01-01",
         "results_void_during_delay": void_during_delay}])
    record["attempts"].append({"code": "00023", "session": "2024-04", "score": 80})
    result = run(reference, "JS-080901-2024R", record, JS_BATCH)
    assert (result["course_status"].get("00023") == "passed") is counted
