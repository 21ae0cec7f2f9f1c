"""The engine's closed vocabularies, defined once: finding codes, severities and verdicts.

They are `StrEnum`s, so a member is its JSON value: answers, stored audits and comparisons with the
strings already in the table stay exactly as they were ("ELIGIBLE", "blocking", "COURSE_MISSING").
Code outside the engine compares against these members, never against string literals.
"""

from enum import StrEnum


class Verdict(StrEnum):
    ELIGIBLE = "ELIGIBLE"
    ELIGIBLE_CONDITIONAL = "ELIGIBLE_CONDITIONAL"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"


# The verdicts an application may be submitted with (a preliminary judgement: staff decide).
SUBMITTABLE = frozenset({Verdict.ELIGIBLE, Verdict.ELIGIBLE_CONDITIONAL})


class Severity(StrEnum):
    BLOCKING = "blocking"        # no transcript fixes it: a gate, or prior education
    UNMET = "unmet"              # something still to pass or to choose
    CONDITIONAL = "conditional"  # submittable, staff decide (安徽 exceptions, a diploma checked by hand)
    DERIVED = "derived"          # a shortfall other unmet findings already explain
    INFO = "info"                # a refused 顶替, 免考 or 转考: shown, changes nothing

    @property
    def rank(self) -> int:
        return SEVERITY_RANK.get(self, 0)


# How much a severity weighs in the verdict: 3 and 2 make NOT_ELIGIBLE, 1 ELIGIBLE_CONDITIONAL, others nothing.
# Keyed by members, so the plain strings of a stored audit find their rank too.
SEVERITY_RANK = {Severity.BLOCKING: 3, Severity.UNMET: 2, Severity.CONDITIONAL: 1}
# What keeps a candidate from graduating in this batch.
NOT_MET = frozenset({Severity.BLOCKING, Severity.UNMET})


def verdict_for(worst_rank: int) -> Verdict:
    return Verdict.NOT_ELIGIBLE if worst_rank >= 2 else Verdict.ELIGIBLE_CONDITIONAL if worst_rank == 1 \
        else Verdict.ELIGIBLE


class Code(StrEnum):
    """Finding codes (spec/eligibility.md, Output)."""

    COURSE_MISSING = "COURSE_MISSING"
    PRACTICE_MISSING = "PRACTICE_MISSING"
    CHOICE_GROUP_UNMET = "CHOICE_GROUP_UNMET"
    TOTAL_CREDITS_SHORT = "TOTAL_CREDITS_SHORT"
    COURSE_COUNT_SHORT = "COURSE_COUNT_SHORT"
    THESIS_MISSING = "THESIS_MISSING"
    THESIS_FAILED = "THESIS_FAILED"
    THESIS_HOST_MISMATCH = "THESIS_HOST_MISMATCH"
    ADDITIONAL_COURSE_MISSING = "ADDITIONAL_COURSE_MISSING"
    PRIOR_EDU_MISSING = "PRIOR_EDU_MISSING"
    PRIOR_EDU_AFTER_CUTOFF = "PRIOR_EDU_AFTER_CUTOFF"
    PRIOR_EDU_UNVERIFIED = "PRIOR_EDU_UNVERIFIED"
    PRIOR_EDU_PENDING_VERIFICATION = "PRIOR_EDU_PENDING_VERIFICATION"
    PRIOR_EDU_CONCURRENT_ASSOCIATE = "PRIOR_EDU_CONCURRENT_ASSOCIATE"
    MAJOR_DISCONTINUED = "MAJOR_DISCONTINUED"
    PLAN_VERSION_EXPIRED = "PLAN_VERSION_EXPIRED"
    PLAN_NOT_AVAILABLE_TO_CANDIDATE = "PLAN_NOT_AVAILABLE_TO_CANDIDATE"
    DISCIPLINE_BAN_ACTIVE = "DISCIPLINE_BAN_ACTIVE"
    ALREADY_GRADUATED = "ALREADY_GRADUATED"
    SUBSTITUTION_INVALID = "SUBSTITUTION_INVALID"
    EXEMPTION_INVALID = "EXEMPTION_INVALID"
    EXEMPTION_PENDING = "EXEMPTION_PENDING"
    TRANSFER_REJECTED = "TRANSFER_REJECTED"


# What no 顶替, upload or staff exception fixes in this batch: the application cannot even be started.
GATE_CODES = frozenset({Code.MAJOR_DISCONTINUED, Code.PLAN_VERSION_EXPIRED, Code.PLAN_NOT_AVAILABLE_TO_CANDIDATE,
                        Code.ALREADY_GRADUATED, Code.DISCIPLINE_BAN_ACTIVE})
# A course still to pass: what 顶替 suggestions look for.
MISSING_COURSE = frozenset({Code.COURSE_MISSING, Code.PRACTICE_MISSING, Code.ADDITIONAL_COURSE_MISSING})
THESIS_CODES = frozenset({Code.THESIS_MISSING, Code.THESIS_FAILED})
