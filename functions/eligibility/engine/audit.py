"""The audit: one candidate, one plan, one batch -> the judgement of spec/eligibility.md.

The order of judgement follows the spec: gates, transcript, authority substitutions,
candidate substitutions, the requirement tree, floating credits, totals, thesis, 加考,
prior education, suggestions, verdict. The engine reads no clock and no environment:
every date comes from the batch or the record.
"""

from .candidate import check_canonical, validate_batch
from .codes import MISSING_COURSE, SEVERITY_RANK, THESIS_CODES, Code, verdict_for
from .completion import additional_courses, check_additional, check_thesis, dropped_courses
from .directions import chosen_direction, with_direction
from .gates import discipline, plan_gates
from .prior_education import check_prior_education
from .record import canonical_candidate
from .staff import apply_exceptions, validate_exceptions
from .substitution import FLOATING, Ledger, apply_auto, apply_choices, apply_floating
from .suggest import suggestions
from .totals import check_totals
from .transcript import NotCanonical, resolve
from .tree import EvalContext


def audit(plan, candidate, batch, reference, exceptions=()) -> dict:
    """Judge `candidate` against `plan` (a plan id or an inline plan dict) in `batch`.

    `exceptions` are staff exceptions (see staff.py). Raises EngineInputError for input it
    cannot read; any verdict is a normal return.
    """
    return run_audit(plan, candidate, batch, reference, exceptions)[0]


def run_audit(plan, candidate, batch, reference, exceptions=(), validate=True):
    """The audit result and the Ledger behind it (for suggestion searches).

    validate=False: the caller hands a record read_candidate already returned and a checked batch.
    """
    if validate:
        validate_batch(batch)
        if exceptions:
            validate_exceptions(exceptions)
        try:
            check_canonical(candidate)
            return _judge(plan, candidate, batch, reference, exceptions)  # resolve() checks each sitting
        except NotCanonical:
            candidate = canonical_candidate(candidate)
    return _judge(plan, candidate, batch, reference, exceptions)


def _judge(plan, candidate, batch, reference, exceptions):
    """A plan with 专业方向 is judged in one 方向, named in the result's `direction`: the chosen one, else each in
    turn and the one with the least still missing kept (the plan's order breaks ties), so whatever is built on the
    audit (suggestions, the rule table) is built on the same 方向 the verdict speaks of."""
    plan = reference.compiled(plan)
    if not plan.directions:
        return _judge_one(plan, candidate, batch, reference, exceptions)
    chosen = chosen_direction(candidate, plan.directions)
    best = None
    for direction in [chosen] if chosen else plan.directions:
        judged = _judge_one(plan, with_direction(candidate, direction), batch, reference, exceptions)
        gap = shortfall(plan, judged[0]["findings"])
        if best is None or gap < best[0]:
            best = gap, direction, judged
    _, direction, (result, ledger) = best
    result["direction"] = direction
    return result, ledger


def _judge_one(plan, candidate, batch, reference, exceptions):
    registered_on = candidate["registered_on"]
    catalog_name = reference.course_name

    def name_of(code):
        node = plan.course_nodes.get(code)
        return node.name if node and node.name else catalog_name(code)

    findings = plan_gates(plan, candidate, batch)
    ban_findings, is_void = discipline(candidate, batch)
    findings += ban_findings
    status, carried, info = resolve(candidate, plan.pass_mark, is_void, reference, name_of)
    findings += info

    def credit_of(code):
        credits = carried.get(code)
        if credits is None:
            credits = plan.credit_of.get(code)
        if credits is None:
            credits = reference.catalog_credits(code)
        return credits or 0

    category, extra_codes = additional_courses(plan, candidate)
    reserved = plan.plan_codes | set(extra_codes) if extra_codes else plan.plan_codes
    plan_credit = plan.credit_of
    ledger = Ledger(status, {c: plan_credit[c] for c in status if c in plan_credit}, reserved, credit_of)
    overrides = apply_exceptions(exceptions, plan, ledger, extra_codes) if exceptions else None

    if plan.auto_rules:
        apply_auto(plan, ledger, registered_on)
    choices = candidate.get("applied_substitutions")
    if choices:
        findings += apply_choices(plan, ledger, choices, registered_on, reference)

    forced, waived = (overrides.forced_nodes, overrides.waived) if overrides else (frozenset(), frozenset())
    if extra_codes:
        waived = waived | dropped_courses(plan, candidate)
    ctx = EvalContext(candidate.get("flags") or {}, forced, waived)
    tree_findings = []
    result = plan.root.evaluate(ledger.sat, ctx, tree_findings)
    if tree_findings and plan.floating_rules:
        missing = [f["subject"] for f in tree_findings if f["code"] == Code.COURSE_MISSING]
        if missing and apply_floating(plan, ledger, missing, registered_on):
            ctx.relief_credits = ctx.relief_count = 0
            tree_findings = []
            result = plan.root.evaluate(ledger.sat, ctx, tree_findings)
    findings += tree_findings
    suppressed = overrides.suppressed if overrides else ()
    totals, total_credits = check_totals(plan, ledger, result, ctx, suppressed, registered_on)
    findings += totals
    findings += check_thesis(plan, candidate, status, suppressed, name_of)
    if extra_codes:
        findings += check_additional(category, extra_codes, status, suppressed, name_of)
    if "prior_education" not in suppressed:
        findings += check_prior_education(plan, candidate, batch)

    worst = max((SEVERITY_RANK.get(f["severity"], 0) for f in findings), default=0)
    missing = missing_courses(findings)
    output = {
        "verdict": verdict_for(worst),
        "findings": findings,
        "applied": ledger.applied,
        "suggested": suggestions(plan, ledger, missing, registered_on) if missing and plan.application_rules else [],
        "course_status": _course_status(plan, status, extra_codes),
        "total_credits": total_credits,
    }
    if overrides:
        output["exceptions_applied"] = overrides.log
    return output, ledger


def missing_courses(findings):
    """Codes still missing: missing courses, then the open options of unmet choice groups."""
    missing = [f["subject"] for f in findings if f["code"] in MISSING_COURSE]
    missing += [code for f in findings if f["code"] == Code.CHOICE_GROUP_UNMET for code in f["options"]]
    return missing


def shortfall(plan, findings):
    """(门 still missing, credits still missing) of a compiled plan's findings: the one count every page and answer
    shows ("还缺 N 门课程"; kept out of the audit's output, whose shape the spec fixes).
    A choice group counts the courses it still needs, not every option left; a missing thesis counts as one."""
    courses, credits = 0, 0
    for f in findings:
        code = f["code"]
        if code in MISSING_COURSE:
            courses += 1
            credits += plan.credit_of.get(f["subject"], 0)
        elif code == Code.CHOICE_GROUP_UNMET:
            courses += max(0, f["need_count"] - f["have_count"])
            credits += max(0, f["need_credits"] - f["have_credits"])
        elif code in THESIS_CODES:
            courses += 1
    short = next((f["need"] - f["have"] for f in findings if f["code"] == Code.TOTAL_CREDITS_SHORT), 0)
    return courses, max(credits, short)


def _course_status(plan, status, extra_codes):
    """Plan courses in plan order, then 加考 courses, then floating courses counted beyond the plan."""
    shown = {c: status[c] for c in plan.course_nodes if c in status}
    shown.update((c, status[c]) for c in extra_codes if c in status)
    shown.update((c, s) for c, s in status.items() if s == FLOATING and c not in shown)
    return shown
