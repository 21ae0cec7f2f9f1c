"""Substitutions (课程顶替): by the authority (auto), by the candidate, and floating credits.

`Ledger` is the running account of one audit: which codes are satisfied and how, the
credits each plan course earns, and which passed courses a substitution has consumed.
Each passed source course is consumed at most once, whoever applies the substitution.
"""

from . import messages
from .codes import Code, Severity

SUBSTITUTED = "顶替"
FLOATING = "顶替(计门数学分)"  # counts toward 门数 and 学分 (江苏 floating credits)


class Ledger:
    __slots__ = ("status", "sat", "consumed", "applied", "reserved", "credit_of", "extra_credits", "extra_count")

    def __init__(self, status, sat, reserved, credit_of):
        self.status = status          # code -> passed | 转考 | 免考 | 顶替 | 顶替(计门数学分) | staff labels
        self.sat = sat                # plan code -> credits it earns
        self.consumed = set()
        self.applied = []
        self.reserved = reserved      # codes the plan itself counts: never a substitution source
        self.credit_of = credit_of    # credits of any code (plan, recorded on the sitting, catalog)
        self.extra_credits = 0        # floating courses counted beyond the plan's own courses
        self.extra_count = 0

    def available(self):
        """Passed courses free to serve as a substitution source."""
        return self.status.keys() - self.reserved - self.consumed

    def satisfy(self, code, label, credits):
        self.status[code] = label
        if code in self.reserved:
            self.sat[code] = credits

    def apply(self, oriented, use, targets, plan_credit_of):
        self.consumed.update(use)
        by_source = oriented.rule.credit_basis == "source"
        for i, target in enumerate(targets):
            credits = (self.credit_of(use[i]) if i < len(use) else 0) if by_source else plan_credit_of.get(target, 0)
            self.satisfy(target, SUBSTITUTED, credits)
        self.applied.append({"rule_id": oriented.rule_id, "use": list(use), "replace": list(targets),
                             "direction": oriented.direction})


def apply_auto(plan, ledger, registered_on):
    """Authority rules, the rule covering most targets first (the plan keeps them sorted)."""
    available = ledger.available()
    if not available:
        return  # nothing outside the plan passed: no rule can fire (most new-plan candidates)
    for rule in plan.auto_rules:
        if rule.source_codes.isdisjoint(available):
            continue
        targets = rule.open_targets(ledger.status)
        if not targets or not rule.rule.open_to(registered_on):
            continue
        use = rule.source.pick(available, ledger.status, ledger.credit_of)
        if use is not None:
            ledger.apply(rule, use, targets, plan.credit_of)
            available.difference_update(use)
            if not available:
                return


def apply_choices(plan, ledger, choices, registered_on, reference):
    """The candidate's own 课程顶替; a choice that does not fit its rule changes nothing."""
    findings = []
    for choice in choices:
        rule_id = choice["rule_id"]
        oriented, _, reason = refusal(plan, ledger, choice, registered_on, reference)
        if reason:
            findings.append({"code": Code.SUBSTITUTION_INVALID, "severity": Severity.INFO, "subject": rule_id,
                             "message": messages.substitution_invalid(reason),
                             "use": list(choice["use"]), "replace": list(choice["replace"])})
        else:
            ledger.apply(oriented, tuple(choice["use"]), _in_rule_order(oriented, choice["replace"]),
                         plan.credit_of)
    return findings


def _in_rule_order(oriented, replace):
    return tuple(t for t in oriented.targets if t in replace)


def refusal(plan, ledger, choice, registered_on, reference):
    """(the oriented rule, None, None) when the choice fits its rule, else (None, the part of the choice that does not
    fit: rule_id | use | replace, why in words)."""
    rule_id, use, replace = choice["rule_id"], choice["use"], choice["replace"]
    rule = reference.rules_by_id.get(rule_id)
    if rule is None:
        return None, "rule_id", "没有该顶替规则"
    oriented = plan.application_by_id.get(rule_id)
    if oriented is None:
        if rule.mode == "auto":
            return None, "rule_id", "该规则由考试机构在审核时自动执行，无需申请"
        return None, "rule_id", "该规则不适用于本专业考试计划"
    if not rule.open_to(registered_on):
        return None, "rule_id", f"该规则仅适用于{rule.registered_before}前注册的考生"
    if len(set(use)) < len(use):
        return None, "use", "同一课程不能重复使用"
    for code in use:
        if code in ledger.reserved:
            return None, "use", f"{code}已计入本专业，不能用于顶替"
        if code in ledger.consumed:
            return None, "use", f"{code}已用于其他课程顶替"
        if code not in ledger.status:
            return None, "use", f"{code}没有合格成绩"
    reason = oriented.source.refuse(use, ledger.available(), ledger.status, ledger.credit_of)
    if reason:
        return None, "use", reason
    strangers = [c for c in replace if c not in oriented.targets]
    if strangers:
        return None, "replace", f"{'、'.join(strangers)}不是该规则可顶替的课程"
    done = [c for c in replace if c in ledger.status]
    if done:
        return None, "replace", f"{'、'.join(done)}已合格，无需顶替"
    expected = oriented.open_targets(ledger.status)
    if set(replace) != set(expected):
        return None, "replace", f"须同时顶替{'、'.join(expected)}"
    return oriented, None, None


def apply_floating(plan, ledger, missing_theory, registered_on):
    """江苏 floating credits: a passed course without a mapping stands in for a missing plan
    course (never the excluded ones, e.g. 15040), earning its own credits. Returns whether
    anything was filled."""
    filled = False
    todo = list(missing_theory)
    for rule in plan.floating_rules:
        if not todo or not rule.rule.open_to(registered_on):
            continue
        sources = _free_sources(rule, ledger)
        for target in [t for t in todo if t not in rule.rule.floating_except]:
            if not sources:
                break
            source = sources.pop(0)
            ledger.consumed.add(source)
            ledger.satisfy(target, FLOATING, ledger.credit_of(source))
            ledger.applied.append({"rule_id": rule.rule_id, "use": [source], "replace": [target],
                                   "direction": "forward"})
            todo.remove(target)
            filled = True
    return filled


def add_floating_extras(plan, ledger, registered_on):
    """Floating courses left over count toward 门数 and 学分 when the totals fall short."""
    for rule in plan.floating_rules:
        if not rule.rule.open_to(registered_on):
            continue
        for source in _free_sources(rule, ledger):
            ledger.consumed.add(source)
            ledger.status[source] = FLOATING
            ledger.extra_credits += ledger.credit_of(source)
            ledger.extra_count += 1
            ledger.applied.append({"rule_id": rule.rule_id, "use": [source], "replace": [], "direction": "forward"})


def _free_sources(rule, ledger):
    """A floating rule's passed source courses that nothing has consumed yet, in rule order."""
    free = ledger.available()
    return [c for c in rule.source.codes if c in free]
