"""Reference data: plans, substitution rule sets, exemption rules and the course catalog.

Loaded and validated once (`load_reference`); plans are compiled on first use and kept, so
a population re-audit compiles each plan once however many candidates it holds.
"""

import json
from pathlib import Path

from .compiled import CompiledPlan
from .errors import EngineInputError
from .plan_schema import check_courses, check_exemptions, check_plan, check_ruleset, is_manual_rule
from .rules import Rule

EXEMPTIONS_ID = "EXEMPTIONS"
POLICIES_ID = "POLICIES"


class RuleSet:
    __slots__ = ("ruleset_id", "province", "rules", "manual")

    def __init__(self, doc, first_order=0):
        self.ruleset_id = doc["ruleset_id"]
        self.province = doc.get("province")
        self.rules, self.manual = [], []
        for i, raw in enumerate(doc["rules"]):
            if is_manual_rule(raw):
                self.manual.append(raw)  # shown to staff, never applied by the machine
            else:
                self.rules.append(Rule(raw, self.ruleset_id, self.province, first_order + i))


class Reference:
    def __init__(self, plans=None, rule_sets=(), exemption_rules=(), courses=None, policies=None):
        self.plans = dict(plans or {})
        self.rule_sets = list(rule_sets)
        self.exemption_rules = list(exemption_rules)
        self.courses = dict(courses or {})
        self.policies = policies or {}
        self.rules_by_id = {rule.rule_id: rule for rs in self.rule_sets for rule in rs.rules}
        self.manual_rule_ids = {raw["rule_id"] for rs in self.rule_sets for raw in rs.manual}
        # A certificate exempts one course, except where a rule exempts a pair with one certificate
        # (江苏 NCRE: 00018 + 00019).
        self.certificate_bundles = [frozenset(r["exempts"]) for r in self.exemption_rules
                                    if isinstance(r.get("exempts"), list) and len(r["exempts"]) > 1]
        self._compiled = {}

    def plan(self, plan_id: str) -> dict:
        try:
            return self.plans[plan_id]
        except KeyError:
            raise EngineInputError("参考数据", f"plans.{plan_id}", "已知的考试计划编号") from None

    def compiled(self, plan) -> CompiledPlan:
        """The compiled form of a plan id or of an inline plan dict (inline plans are validated)."""
        if isinstance(plan, CompiledPlan):
            return plan
        if isinstance(plan, str):
            cached = self._compiled.get(plan)
            if cached is None:
                cached = self._compiled[plan] = self._compile(self.plan(plan))
            return cached
        check_plan(plan, "plan_inline")
        return self._compile(plan)

    def _compile(self, plan):
        return CompiledPlan(plan, self.rule_sets, self.successors_of(plan), self.courses)

    def successors_of(self, plan):
        found = {plan["successor_plan_id"]} if plan.get("successor_plan_id") else set()
        found.update(pid for pid, p in self.plans.items() if p.get("predecessor_plan_id") == plan["plan_id"])
        return sorted(found)

    def course_name(self, code):
        return (self.courses.get(code) or {}).get("name")

    def catalog_credits(self, code):
        seen = (self.courses.get(code) or {}).get("credits_observed") or ()
        return next((s["credits"] for s in seen if s.get("credits") is not None), None)

    def __getstate__(self):
        # Compiled plans are cheap to rebuild; workers of a population run compile their own.
        state = dict(self.__dict__)
        state["_compiled"] = {}
        return state


def load_reference(data_dir) -> Reference:
    """Read and validate `plans/*.json`, `rules/*.json` and `courses.json` under data_dir."""
    root = Path(data_dir)
    if not (root / "plans").is_dir():
        raise EngineInputError(str(root), "plans/", "含 plans/、rules/ 和 courses.json 的参考数据目录")
    plans = [(_rel(p, root), _read(p, root)) for p in sorted((root / "plans").glob("*.json"))]
    rules = [(_rel(p, root), _read(p, root)) for p in sorted((root / "rules").glob("*.json"))] \
        if (root / "rules").is_dir() else []
    courses_path = root / "courses.json"
    courses = ("courses.json", _read(courses_path, root)) if courses_path.exists() else None
    return reference_from_documents(plans, rules, courses)


def reference_from_documents(plans, rule_docs, courses=None) -> Reference:
    """Validate and assemble (file label, document) pairs, wherever they were stored (files or the table).

    Rule sets are ordered by ruleset_id, so ties between rules break the same way however they were read;
    the rule sets EXEMPTIONS and POLICIES hold exemption rules and national policies.
    """
    checked_plans = {}
    for label, doc in plans:
        plan = check_plan(doc, label)
        if plan["plan_id"] in checked_plans:
            raise EngineInputError(label, "plan_id", f"唯一的计划编号（{plan['plan_id']} 重复）")
        checked_plans[plan["plan_id"]] = plan
    rule_sets, exemption_rules, policies, order = [], [], {}, 0
    for label, doc in sorted(rule_docs, key=_ruleset_order):
        ruleset_id = doc.get("ruleset_id") if isinstance(doc, dict) else None
        if ruleset_id == EXEMPTIONS_ID:
            exemption_rules = check_exemptions(doc, label)["rules"]
        elif ruleset_id == POLICIES_ID:
            policies = doc
        else:
            rule_sets.append(RuleSet(check_ruleset(doc, label), order))
            order += len(doc["rules"])
    _no_duplicate_rule_ids(rule_sets)
    catalog = {}
    if courses is not None:
        catalog = {c["code"]: c for c in check_courses(courses[1], courses[0])["courses"]}
    return Reference(checked_plans, rule_sets, exemption_rules, catalog, policies)


def _ruleset_order(pair):
    label, doc = pair  # not validated yet: a malformed document sorts by its label and is refused below
    return str(doc.get("ruleset_id", label)) if isinstance(doc, dict) else label


def _no_duplicate_rule_ids(rule_sets):
    seen = {}
    for rs in rule_sets:
        for rule_id in [r.rule_id for r in rs.rules] + [m["rule_id"] for m in rs.manual]:
            if rule_id in seen:
                raise EngineInputError(f"rules/{rs.ruleset_id}", "rules[].rule_id",
                                       f"在所有规则表中唯一的规则编号（{rule_id} 与 {seen[rule_id]} 重复）")
            seen[rule_id] = rs.ruleset_id


def _read(path, root):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EngineInputError(_rel(path, root), f"第{exc.lineno}行第{exc.colno}列", "合法的 JSON") from None
    except (OSError, UnicodeDecodeError):
        raise EngineInputError(_rel(path, root), "$", "可读取的 UTF-8 文本文件") from None


def _rel(path, root):
    return str(path.relative_to(root))
