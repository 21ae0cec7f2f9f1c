"""Staff exceptions are data: applied by the engine and shown in the result."""

import pytest

from functions.eligibility.engine import EngineInputError, validate_exceptions

from .conftest import codes_of, js_candidate, run

WHO = {"staff_id": "nj-042", "reason": "2019年纸质档案核实", "at": "2026-05-20T10:00:00+08:00"}


def exception(**fields):
    return {**WHO, **fields}


def test_force_complete_a_course(reference):
    result = run(reference, "JS-080901-2024R", js_candidate(without=["04735"]),
                 exceptions=[exception(kind="force_complete", target="04735")])
    assert result["verdict"] == "ELIGIBLE"
    assert result["course_status"]["04735"] == "认定合格"
    assert result["total_credits"] == 76
    assert result["exceptions_applied"] == [exception(kind="force_complete", target="04735", effect="applied")]


def test_force_complete_a_group_keeps_the_credit_shortfall_visible(reference):
    record = js_candidate(without=["13017"])
    forced = run(reference, "JS-080901-2024R", record, exceptions=[exception(kind="force_complete", target="r15")])
    assert codes_of(forced) == [("TOTAL_CREDITS_SHORT", "total"), ("COURSE_COUNT_SHORT", "count")]
    assert {f["severity"] for f in forced["findings"]} == {"unmet"}  # nothing else explains them any more
    both = run(reference, "JS-080901-2024R", record, exceptions=[
        exception(kind="force_complete", target="r15"), exception(kind="waive", target="total"),
        exception(kind="waive", target="count")])
    assert both["verdict"] == "ELIGIBLE"


def test_waive_a_course_lowers_the_totals_with_it(reference):
    result = run(reference, "JS-080901-2024R", js_candidate(without=["00023"]),
                 exceptions=[exception(kind="waive", target="00023")])
    assert result["verdict"] == "ELIGIBLE"
    assert result["course_status"]["00023"] == "免除"
    assert result["total_credits"] == 66


def test_substitute_one_course_for_another(reference):
    record = js_candidate(without=["13017"], add=["04741"])
    result = run(reference, "JS-080901-2024R", record, exceptions=[exception(kind="substitute", use="04741",
                                                                             replace="13017")])
    assert result["course_status"]["13017"] == "顶替"
    assert result["applied"] == []  # staff did it, no rule: the log shows it
    assert result["exceptions_applied"][0]["effect"] == "applied"


def test_an_exception_that_matches_nothing_is_logged_and_changes_nothing(reference):
    record = js_candidate(without=["00023"])
    result = run(reference, "JS-080901-2024R", record, exceptions=[exception(kind="waive", target="99999")])
    assert result["exceptions_applied"][0]["effect"] == "not_applicable"
    assert result["verdict"] == "NOT_ELIGIBLE"


def test_waive_prior_education_and_thesis(reference):
    record = js_candidate(prior_education=[])
    del record["thesis"]
    result = run(reference, "JS-080901-2024R", record, exceptions=[
        exception(kind="waive", target="prior_education"), exception(kind="force_complete", target="14976")])
    assert result["verdict"] == "ELIGIBLE"


def test_no_exceptions_no_log(reference):
    assert "exceptions_applied" not in run(reference, "JS-080901-2024R", js_candidate())


@pytest.mark.parametrize("bad, path", [
    ([{"kind": "waive", "target": "00023", "reason": "x", "at": "t"}], "[0].staff_id"),
    ([{"kind": "forgive", "target": "00023", **WHO}], "[0].kind"),
    ([{"kind": "substitute", "use": "04741", **WHO}], "[0].replace"),
    ({"kind": "waive"}, "$"),
])
def test_malformed_exceptions_are_input_errors(bad, path):
    with pytest.raises(EngineInputError) as caught:
        validate_exceptions(bad)
    assert caught.value.path == path
