"""系统审核通过 (山西, seed 004 step 5): the one rule that says an application is clean (rules.system_approves), and the
lifecycle passing a system_approval stage with it, at submit or later (SystemApprove); everything else waits for
the county as before."""
from __future__ import annotations

import pytest
from support.rule_checks import profile

from functions.apply.application.events import CreateOrder, Notice, Notify, Submit, SystemApprove
from functions.apply.application.lifecycle import (
    APPROVED,
    IN_REVIEW,
    Approve,
    Lifecycle,
    TransitionRefused,
    Withdraw,
    transition,
)
from functions.apply.application.rules import system_approves
from functions.apply.application.status import describe

SHANXI = profile("shanxi")
CLEAN = {"verdict": "ELIGIBLE", "findings": [], "exceptions": []}


@pytest.mark.parametrize("audit,photo,identity", [
    ({**CLEAN, "verdict": "ELIGIBLE_CONDITIONAL"}, "approved", "verified"),
    ({**CLEAN, "findings": [{"code": "PRIOR_EDU_MANUAL", "severity": "conditional", "message": "…"}]}, "approved",
     "verified"),
    ({**CLEAN, "exceptions": [{"kind": "waive"}]}, "approved", "verified"),     # a person looks at every exception
    ({**CLEAN, "verdict": "NOT_ELIGIBLE"}, "approved", "verified"),
    (CLEAN, "pending_review", "verified"),
    (CLEAN, "rejected", "verified"),
    (CLEAN, None, "verified"),
    (CLEAN, "approved", "manual_pending"),
    (CLEAN, "approved", "failed"),
    (CLEAN, "approved", "not_started"),
])
def test_anything_short_of_clean_audit_identity_and_photo_is_left_to_the_county(audit, photo, identity):
    assert system_approves(audit, photo, identity, SHANXI) is False


def test_a_clean_audit_with_identity_verified_and_photo_passed_is_clean():
    assert system_approves(CLEAN, "approved", "verified", SHANXI) is True
    assert system_approves(CLEAN, "ok", "verified", SHANXI) is True           # checked, where nobody reviews photos
    # a province without an identity check by photos asks no identity
    assert system_approves(CLEAN, "approved", "not_started", profile("chongqing")) is True


def test_a_clean_submit_passes_the_county_review_and_the_fee_is_due_at_once():
    outcome = transition(Lifecycle(), Submit(at=100, clean=True), SHANXI)
    state = outcome.state
    assert (state.status, state.stage, state.system_approved) == (IN_REVIEW, "fee", "county_review")
    assert CreateOrder(5000, 1) in outcome.effects
    assert [e for e in outcome.effects if isinstance(e, Notify)] == [Notify(Notice.SUBMITTED, "fee")]  # one message
    seen = describe(state, SHANXI)
    assert seen["status_text"] == "系统审核通过，待网上缴费" and seen["actions"] == ["pay"]


def test_a_submit_that_is_not_clean_waits_for_the_county_as_before():
    state = transition(Lifecycle(), Submit(at=100), SHANXI).state
    assert (state.stage, state.system_approved) == ("county_review", None)
    assert describe(state, SHANXI)["status_text"] == "待县(市、区)招办审核"
    # a county approval is the county's: not said to be the system's
    after = transition(state, Approve("county_review", "county", at=200), SHANXI).state
    assert after.system_approved is None and describe(after, SHANXI)["status_text"] == "待网上缴费"


@pytest.mark.parametrize("code", ["hubei", "anhui", "chongqing"])
def test_where_no_stage_lets_the_system_pass_a_clean_submit_waits_for_people(code):
    state = transition(Lifecycle(), Submit(at=100, clean=True), profile(code)).state
    assert state.stage == profile(code)["review"]["stages"][0]["id"] and state.system_approved is None


def test_later_when_the_last_condition_holds_the_system_passes_the_waiting_stage():
    waiting = transition(Lifecycle(), Submit(at=100), SHANXI).state
    outcome = transition(waiting, SystemApprove(at=300), SHANXI)
    assert (outcome.state.stage, outcome.state.system_approved, outcome.state.since) == ("fee", "county_review", 300)
    assert CreateOrder(5000, 1) in outcome.effects and Notify(Notice.ADVANCED, "fee") in outcome.effects


@pytest.mark.parametrize("code,at", [("shanxi", "fee"), ("chongqing", "university_review")])
def test_the_system_passes_no_stage_the_profile_keeps_for_people(code, at):
    state = Lifecycle(status=IN_REVIEW, stage=at, submissions=1)
    with pytest.raises(TransitionRefused) as refused:
        transition(state, SystemApprove(at=300), profile(code))
    assert refused.value.why == "not_now"
    with pytest.raises(TransitionRefused):
        transition(Lifecycle(status=APPROVED, submissions=1), SystemApprove(at=300), SHANXI)


def test_a_system_approved_application_cannot_be_withdrawn_and_says_so():
    state = transition(Lifecycle(), Submit(at=100, clean=True), SHANXI).state
    with pytest.raises(TransitionRefused) as refused:
        transition(state, Withdraw(at=200), SHANXI)
    assert "系统审核通过" in refused.value.message and "县(市、区)" in refused.value.message


def test_a_resubmission_starts_without_the_earlier_system_approval():
    state = Lifecycle(status="rejected", stage="county_final", submissions=1, system_approved="county_review")
    again = transition(state, Submit(at=500), SHANXI).state
    assert again.system_approved is None and again.stage == "county_review"
