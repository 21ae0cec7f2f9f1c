"""The 课程顶替 rule table of one plan as one candidate meets it (湖北 step 11: "选择一条顶替规则 → 选择已考合格
课程 → 选择此专业下不合格/未考课程"; 山西: courses of ≥ 14 credits replace 英语(二)).

Each rule the candidate may apply is told in words (which courses replace which, how many of how many, credit
totals), marked usable only when it can apply to this candidate now, and otherwise says why not: registered
after the cut-off, a source course not passed, a source already used, nothing left to replace, or (专业方向) only
courses another 方向 requires. The audit behind it is the candidate's own, with the 顶替 they already chose, so a
source one choice consumed is used for the next, and it is judged in the same 方向 as the audit page's verdict.
"""

from . import messages
from .audit import run_audit
from .candidate import read_candidate
from .sources import CreditPool
from .substitution import refusal

# How a rule's source course stands for this candidate (the page marks each one).
FREE, USED, IN_PLAN, NOT_PASSED = "free", "used", "in_plan", "not_passed"


def rule_table(plan, candidate, batch, reference, exceptions=()) -> list[dict]:
    """A row per rule the plan lets candidates apply, in the table's order: rule_id, words, sources (with their
    state), targets (met or not), min_count or min_credits, chosen, usable, why_not."""
    return judged_rule_table(plan, candidate, batch, reference, exceptions)[0]


def judged_rule_table(plan, candidate, batch, reference, exceptions=()) -> tuple[list[dict], str | None]:
    """(rule_table's rows, the 专业方向 they were judged in: the audit's, None for a plan without 方向)."""
    compiled = reference.compiled(plan)
    candidate = read_candidate(candidate)
    result, ledger = run_audit(compiled, candidate, batch, reference, exceptions)
    mine = {c["rule_id"] for c in candidate.get("applied_substitutions") or ()}
    course = _describer(compiled, reference)
    available = ledger.available()
    direction = result.get("direction")
    outside = compiled.outside(direction), compiled.directions.get(direction)
    rows = [_row(oriented, ledger, available, candidate["registered_on"], oriented.rule_id in mine, course, outside)
            for oriented in sorted(compiled.application_rules, key=lambda r: r.rule.order)]
    return rows, direction


def choice_refusal(plan, candidate, choice, batch, reference, exceptions=()):
    """(field, why in words) when `choice` does not fit its rule for this candidate (with the 顶替 they chose
    before), else None: the seed's "与规则不一致则提交失败", checked before the choice is stored."""
    compiled = reference.compiled(plan)
    candidate = read_candidate(candidate)
    result, ledger = run_audit(compiled, candidate, batch, reference, exceptions)
    if any(c["rule_id"] == choice["rule_id"] for c in candidate.get("applied_substitutions") or ()):
        return "rule_id", "您已经应用过这条顶替规则"
    _, field, why = refusal(compiled, ledger, choice, candidate["registered_on"], reference)
    direction = result.get("direction")
    if not why and choice["replace"] and set(choice["replace"]) <= compiled.outside(direction):
        # (a 顶替 of a course the chosen 方向 does not require would change nothing)
        return "replace", messages.other_direction_only(compiled.directions[direction])
    return (field, why) if why else None


def _describer(compiled, reference):
    """A course as the table shows it: code, name (the plan's, else the catalog's) and credits."""
    def course(code, credits):
        node = compiled.course(code)
        return {"code": code, "name": (node and node.name) or reference.course_name(code) or "", "credits": credits}
    return course


def _row(oriented, ledger, available, registered_on, chosen, course, outside):
    source, rule = oriented.source, oriented.rule
    pool = isinstance(source, CreditPool)
    codes = sorted(c for c in available if c in source.code_set or not source.code_set) if pool \
        else list(getattr(source, "codes", None) or sorted(source.code_set))
    sources = [{**course(c, ledger.credit_of(c)), "state": _state(c, ledger, available)} for c in codes]
    # (credits as the plan counts the replaced course: credit_basis target, the seeds' assumption)
    targets = [{**course(t, ledger.credit_of(t)), "met": t in ledger.status} for t in oriented.targets]
    need = getattr(source, "min_count", None) or getattr(source, "min_slots", None)
    row = {"rule_id": oriented.rule_id, "sources": sources, "targets": targets,
           "min_count": None if pool else need, "min_credits": source.min_credits if pool else None,
           "words": messages.rule_words(sources, targets, need, source.min_credits if pool else None),
           "chosen": chosen, "usable": False, "why_not": None}
    if chosen:
        row["why_not"] = "您已应用这条顶替"
    elif not rule.open_to(registered_on):
        row["why_not"] = messages.rule_registered_after(rule.registered_before, registered_on)
    elif not oriented.open_targets(ledger.status):
        row["why_not"] = "所顶替的课程已经合格或已顶替，不需要这条规则"
    elif set(oriented.open_targets(ledger.status)) <= outside[0]:
        row["why_not"] = messages.other_direction_only(outside[1])
    elif pool:
        total = sum(s["credits"] for s in sources)
        if total < source.min_credits:
            row["why_not"] = messages.pool_short(source.min_credits, total)
    elif source.pick(available, ledger.status, ledger.credit_of) is None:
        row["why_not"] = messages.sources_short(need, sources, source.capped(ledger.status))
    row["usable"] = row["why_not"] is None
    return row


def _state(code, ledger, available):
    if code in available:
        return FREE
    if code in ledger.consumed:
        return USED
    if code in ledger.reserved and code in ledger.status:
        return IN_PLAN
    return NOT_PASSED

