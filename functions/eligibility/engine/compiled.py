"""A plan compiled once, with the rule sets that touch it, into an indexed form.

The per-candidate audit then only does dictionary look-ups and short loops: which codes
belong to the plan and with what credits, which rules can fire (already oriented and in
the order they are tried), which thesis codes count, which 加考 track applies.
"""

from functions.profiles.vocabulary import is_bachelor

from .directions import directions_of, requirements_of
from .rules import orient
from .tree import CourseNode, build_node, walk_groups


class CompiledPlan:
    def __init__(self, plan, rule_sets=(), successor_ids=(), catalog=None):
        self.raw = plan
        self.plan_id = plan["plan_id"]
        self.province = plan.get("province")
        self.level = plan["level"]
        self.major_code = str(plan.get("major_code") or "").split(" ")[0]
        self.version = plan.get("version")
        self.status = plan["status"]
        self.old_plan_rules = plan.get("old_plan_rules") or {}
        self.pass_mark = plan.get("pass_mark", 60)
        self.min_total_credits = plan.get("min_total_credits")
        self.min_course_count = plan.get("min_course_count")
        self.requires_prior_education = bool(plan.get("requires_prior_education"))
        self.hosts = tuple(plan.get("host_universities") or ())
        self.thesis = plan.get("thesis")
        self.tracks = plan.get("additional_tracks")
        self.root = build_node(requirements_of(plan))
        self.course_nodes = {}
        for node in self.root.courses():
            self.course_nodes.setdefault(node.code, node)
        self.plan_codes = frozenset(self.course_nodes)
        self.credit_of = {code: node.credits for code, node in self.course_nodes.items()}
        self.groups = {g.id: g for g in walk_groups(self.root) if g.id}
        # 专业方向: id -> name, and the courses each requires beyond the shared ones
        self.directions = {d["id"]: d["name"] for d in directions_of(plan)}
        self._direction_codes = {d["id"]: _codes(d["requirements"]) for d in directions_of(plan)}
        self._shared_codes = _codes(plan["requirements"]) if self.directions else frozenset()
        catalog = catalog or {}
        self._orient_rules(rule_sets, tuple(successor_ids), catalog)

    # -- rules ---------------------------------------------------------------------------

    def _orient_rules(self, rule_sets, successor_ids, catalog):
        def kind_of(code):
            node = self.course_nodes.get(code)
            return node.kind if node else (catalog.get(code) or {}).get("kind", "theory")

        def choice_codes(node_id):
            group = self.groups.get(node_id)
            return frozenset(c.code for c in group.courses()) if group else frozenset()

        self.auto_rules, self.floating_rules, self.application_rules = [], [], []
        self.thesis_codes = {self.thesis["code"]} if self.thesis else set()
        for rule_set in rule_sets:
            if rule_set.province and self.province and rule_set.province != self.province:
                continue
            for rule in rule_set.rules:
                if rule.kind == "thesis":
                    self._accept_thesis_rule(rule, successor_ids)
                    continue
                oriented = orient(rule, self.plan_id, self.level, self.plan_codes, kind_of, successor_ids,
                                  choice_codes)
                if oriented is None:
                    continue
                if rule.kind == "floating":
                    if rule.mode == "auto":
                        self.floating_rules.append(oriented)
                elif rule.mode == "auto":
                    self.auto_rules.append(oriented)
                else:
                    self.application_rules.append(oriented)
        # 江苏: the rule covering most targets is tried first, then the tables' own order.
        self.auto_rules.sort(key=lambda r: (-len(r.targets), r.rule.order))
        self.application_by_id = {r.rule_id: r for r in self.application_rules}
        self.thesis_codes = frozenset(self.thesis_codes)

    def _accept_thesis_rule(self, rule, successor_ids):
        if not self.thesis or rule.reference_only:
            return
        if rule.matches_plan(self.plan_id, self.level) and self.thesis["code"] in rule.targets:
            self.thesis_codes.update(rule.source.code_set)
        elif rule.bidirectional and any(rule.matches_plan(s, self.level) for s in successor_ids) \
                and self.thesis["code"] in rule.source.code_set:
            self.thesis_codes.update(rule.targets)

    # -- look-ups ------------------------------------------------------------------------

    def outside(self, direction) -> frozenset:
        """The plan courses that only the other 方向 require (empty for a plan without 方向)."""
        if direction not in self._direction_codes:
            return frozenset()
        return self.plan_codes - self._shared_codes - self._direction_codes[direction]

    def course(self, code) -> CourseNode | None:
        return self.course_nodes.get(code)

    def name_of(self, code, catalog):
        node = self.course_nodes.get(code)
        if node and node.name:
            return node.name
        return (catalog.get(code) or {}).get("name")

    def track_for(self, category):
        """The 加考 track for a prior major category; '其他' catches the categories not listed."""
        if not self.tracks:
            return None
        tracks = self.tracks.get("tracks") or ()
        for track in tracks:
            if track["when"]["prior_major_category"] == category:
                return track
        return next((t for t in tracks if t["when"]["prior_major_category"] == "其他"), None)

    @property
    def is_bachelor(self):
        return is_bachelor(self.level)


def _codes(requirements) -> frozenset:
    return frozenset(node.code for node in build_node(requirements).courses())
