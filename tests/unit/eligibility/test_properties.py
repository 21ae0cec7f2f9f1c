"""Properties that must hold for any transcript (hypothesis)."""

import copy
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from functions.eligibility.engine import audit, load_reference

from .conftest import DATA_DIR, JS_2024_COURSES, JS_BATCH, JS_PRIOR, JS_THESIS

REFERENCE = load_reference(DATA_DIR)
PLANS = ["JS-080901-2024R", "JS-080901-2021", "JS-530601-2024R", "HB-OLDPLAN-FRAGMENT"]
# Plan courses plus the old-plan, political and replacement courses the rules map from.
CODES = sorted(set(JS_2024_COURSES) | {
    "03708", "03709", "00004", "99022", "00015", "27016", "04737", "04738", "02331", "02332", "02325", "02326",
    "02327", "02197", "04741", "04751", "00054", "00321", "27108", "00023", "02324", "13125", "13415", "27015",
    "00341", "55569", "27707", "27869", "27870", "15041", "15042", "13886", "13126", "13124", "00041", "00144",
    "14070", "00058", "00896", "00897", "13675", "13676", "07992", "00018", "00019", "04183", "04184",
    "09092"})
SESSIONS = ["2023-04", "2023-10", "2024-04", "2024-10", "2025-04", "2025-10"]
sitting = st.fixed_dictionaries({"code": st.sampled_from(CODES), "session": st.sampled_from(SESSIONS),
                                 "score": st.integers(0, 100)})
passing = st.fixed_dictionaries({"code": st.sampled_from(CODES), "session": st.sampled_from(SESSIONS),
                                 "score": st.integers(60, 100)})
failing = st.fixed_dictionaries({"code": st.sampled_from(CODES), "session": st.sampled_from(SESSIONS),
                                 "score": st.integers(0, 59)})


COMPLETE = {  # a complete record per plan; the generator drops a few courses and adds random sittings
    "JS-080901-2024R": JS_2024_COURSES,
    "JS-080901-2021": ["03708", "03709", "00015", "00023", "02324", "04737", "04738", "02331", "02332", "02325",
                       "02326", "02327", "02333", "02334", "02197", "04735", "04736", "04747", "04748", "04741"],
    "JS-530601-2024R": ["15040", "15042", "15041", "13886", "13126", "13124", "00041", "00144", "14070", "00058",
                        "00896", "00897", "13675", "13676", "07992", "00018", "00019", "13125", "13415"],
    "HB-OLDPLAN-FRAGMENT": ["00004", "00021", "00077"],
}


@st.composite
def cases(draw):
    """(plan, record): mostly near-complete records, so that ELIGIBLE verdicts are common."""
    plan = draw(st.sampled_from(PLANS))
    dropped = draw(st.sets(st.sampled_from(COMPLETE[plan]), max_size=3))
    attempts = [{"code": c, "session": "2024-10", "score": 70} for c in COMPLETE[plan] if c not in dropped]
    attempts += draw(st.lists(sitting, max_size=12))
    record = {"registered_on": draw(st.sampled_from(["2019-03-01", "2023-03-01", "2024-06-30", "2024-07-01"])),
              "flags": draw(st.sampled_from([{}, {"takes_foreign_language": True}])),
              "prior_education": copy.deepcopy(JS_PRIOR), "thesis": dict(JS_THESIS), "attempts": attempts}
    if draw(st.booleans()):
        record["applied_substitutions"] = [{"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00004"]}]
    return plan, record


def judge(plan, record):
    return audit(plan, record, JS_BATCH, REFERENCE)


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases(), passing)
def test_a_passing_sitting_never_turns_eligible_into_not_eligible(case, extra):
    plan, record = case
    before = judge(plan, record)["verdict"]
    record["attempts"].append(extra)
    after = judge(plan, record)["verdict"]
    if before == "ELIGIBLE":
        assert after == "ELIGIBLE"


@SETTINGS
@given(cases(), failing)
def test_a_failing_sitting_never_changes_the_verdict(case, extra):
    plan, record = case
    before = judge(plan, record)
    record["attempts"].append(extra)
    assert judge(plan, record)["verdict"] == before["verdict"]


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_the_order_of_sittings_never_matters(case, rnd: random.Random):
    plan, record = case
    before = judge(plan, record)
    rnd.shuffle(record["attempts"])
    assert judge(plan, record) == before


@SETTINGS
@given(cases())
def test_no_source_course_is_consumed_twice(case):
    plan, record = case
    result = judge(plan, record)
    used = [code for entry in result["applied"] for code in entry["use"]]
    assert len(used) == len(set(used))
    plan_codes = REFERENCE.compiled(plan).plan_codes
    assert not plan_codes.intersection(used)  # a course the plan counts is never also a source
