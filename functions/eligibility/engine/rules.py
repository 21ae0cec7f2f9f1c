"""Substitution rules (课程顶替), as read from the rule tables and as oriented for one plan.

A `Rule` is a row of a rule set. Compiling a plan turns every rule that can touch it into an
`OrientedRule`: the direction it runs for this plan (江苏 row rules marked `bidirectional`
run backwards for a candidate graduating under the old plan), the sources it needs and the
targets in this plan it satisfies, so the per-candidate audit never re-reads the tables.
"""

from fnmatch import fnmatchcase

from functions.profiles.vocabulary import level_name

from .plan_schema import credit_basis
from .sources import KOfN, source_from


class Rule:
    __slots__ = ("rule_id", "ruleset_id", "province", "order", "mode", "source", "targets", "floating_except",
                 "credit_basis", "bidirectional", "registered_before", "kind", "plans", "applies_to_new_only",
                 "reference_only", "or_choice_node", "wording", "raw")

    def __init__(self, raw, ruleset_id, province, order):
        self.raw = raw
        self.rule_id = raw["rule_id"]
        self.ruleset_id = ruleset_id
        self.province = raw.get("province", province)
        self.order = order
        self.mode = raw["mode"]
        self.source = source_from(raw["from"])
        replaces = raw["replaces"]
        self.targets = tuple(replaces.get("courses") or ())
        self.floating_except = frozenset(replaces.get("any_plan_course_except") or ())
        self.or_choice_node = replaces.get("or_choice_node")
        self.kind = raw.get("kind")
        if "any_plan_course_except" in replaces:
            self.kind = "floating"
        self.credit_basis = credit_basis(raw.get("credit_basis") or ("source" if self.kind == "floating" else "target"))
        self.bidirectional = bool(raw.get("bidirectional"))
        self.registered_before = raw.get("registered_before")
        self.plans = tuple(raw.get("plans") or ())
        self.applies_to_new_only = raw.get("applies") == "graduate_under_new"
        self.reference_only = bool(raw.get("reference_only"))
        self.wording = raw.get("wording_zh")

    def open_to(self, registered_on: str) -> bool:
        """Registered before the rule's date (a month-only registration compares by month, as dates.earlier: this
        runs for every rule of every audit, so it is written out)."""
        before = self.registered_before
        if not before:
            return True
        if not registered_on:
            return False
        return registered_on < before if len(registered_on) == len(before) else registered_on[:7] < before[:7]

    def matches_plan(self, plan_id: str, level: str) -> bool:
        # "*本科*" names a level: 江苏's 本科专业 include 专升本, so 专升本 plans match it too.
        tag = level_name(level)
        return any(fnmatchcase(plan_id, p) or fnmatchcase(tag, p) or fnmatchcase(level or "", p) for p in self.plans)


class OrientedRule:
    """A rule as it runs for one plan: sources -> targets, in one direction."""

    __slots__ = ("rule", "rule_id", "direction", "source", "targets", "need", "choice_codes", "source_codes")

    def __init__(self, rule, direction, source, targets, need, choice_codes=frozenset()):
        self.rule = rule
        self.rule_id = rule.rule_id
        self.direction = direction
        self.source = source
        self.targets = targets
        self.need = need  # how many of `targets` the rule makes good (all, or k of them backwards)
        self.choice_codes = choice_codes
        self.source_codes = source.code_set

    @property
    def mode(self):
        return self.rule.mode

    def open_targets(self, status):
        """Targets still unmet, or () when the rule has nothing left to do."""
        if self.choice_codes and any(c in status for c in self.choice_codes):
            return ()  # the 二选一 group it would fill is already met by its other option
        missing = tuple(t for t in self.targets if t not in status)
        if not missing:
            return ()
        have = len(self.targets) - len(missing)
        return missing[: self.need - have] if have < self.need else ()


def orient(rule, plan_id, level, plan_codes, credit_kind, successor_ids, choice_codes_of):
    """The OrientedRule for this plan, or None when the rule cannot touch it."""
    if rule.reference_only or rule.kind == "thesis":
        return None
    if rule.kind == "floating":
        if rule.matches_plan(plan_id, level) or not rule.plans:
            return OrientedRule(rule, "forward", rule.source, (), 0)
        return None
    forward = (not rule.plans or rule.matches_plan(plan_id, level))
    if forward and rule.applies_to_new_only and successor_ids:
        forward = False  # an old plan (it has a successor) is not what "graduate_under_new" means
    if forward:
        targets = tuple(t for t in rule.targets if t in plan_codes)
        if not targets:
            return None
        choice = choice_codes_of(rule.or_choice_node) - {*targets} if rule.or_choice_node else frozenset()
        return OrientedRule(rule, "forward", rule.source, targets, len(targets), choice)
    if rule.bidirectional and isinstance(rule.source, KOfN) and any(rule.matches_plan(s, level) for s in successor_ids):
        return _backwards(rule, plan_codes, credit_kind)
    return None


def _backwards(rule, plan_codes, credit_kind):
    """Run a row rule from the new plan's side: its targets become what must be passed.

    A practice course on the new side is not required when the row also has its theory
    course and the old side has no practice of its own (江苏 三.四.2.(1)).
    """
    sources = [c for c in rule.targets]
    if any(credit_kind(c) == "theory" for c in sources):
        sources = [c for c in sources if credit_kind(c) != "practice"] or sources
    targets = tuple(c for c in rule.source.codes if c in plan_codes)
    if not targets:
        return None
    need = min(rule.source.min_count, len(targets))
    return OrientedRule(rule, "backward", KOfN(sources, len(sources)), targets, need)
