"""Totals: credits and 门 (theory courses; practice and thesis are not 门).

A shortfall that the unmet requirements already explain (the credits or 门 they still lack
cover it) is `derived`: passing the missing courses closes it, so it is not a second
problem. Only a shortfall beyond that is `unmet`.
"""

from . import messages
from .codes import Code, Severity
from .substitution import add_floating_extras


def check_totals(plan, ledger, result, ctx, suppressed, registered_on):
    """Return (findings, total_credits). `result` is the root's (ok, credits, count, gap_c, gap_n)."""
    need_credits, need_count = plan.min_total_credits, plan.min_course_count
    if need_credits is None and need_count is None:
        return [], _tidy(result[1] + ledger.extra_credits)
    if plan.floating_rules and _short(plan, ledger, result, ctx):
        add_floating_extras(plan, ledger, registered_on)
    credits = result[1] + ledger.extra_credits
    count = result[2] + ledger.extra_count
    findings = []
    if need_credits is not None and "total" not in suppressed:
        need = need_credits - ctx.relief_credits
        if credits < need:
            severity = Severity.DERIVED if result[3] >= need - credits else Severity.UNMET
            findings.append({"code": Code.TOTAL_CREDITS_SHORT, "severity": severity, "subject": "total",
                             "message": messages.total_credits_short(_tidy(need), _tidy(credits)),
                             "need": _tidy(need), "have": _tidy(credits)})
    if need_count is not None and "count" not in suppressed:
        need = need_count - ctx.relief_count
        if count < need:
            severity = Severity.DERIVED if result[4] >= need - count else Severity.UNMET
            findings.append({"code": Code.COURSE_COUNT_SHORT, "severity": severity, "subject": "count",
                             "message": messages.course_count_short(need, count), "need": need, "have": count})
    return findings, _tidy(credits)


def _short(plan, ledger, result, ctx):
    credits = result[1] + ledger.extra_credits
    count = result[2] + ledger.extra_count
    return ((plan.min_total_credits is not None and credits < plan.min_total_credits - ctx.relief_credits)
            or (plan.min_course_count is not None and count < plan.min_course_count - ctx.relief_count))


def _tidy(value):
    return int(value) if float(value).is_integer() else round(value, 2)
