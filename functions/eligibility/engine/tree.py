"""The requirement tree of a plan: one small class per node type.

Every node is compiled once per plan and evaluated per candidate against `sat`, the
courses the candidate has satisfied (code -> credits earned). `evaluate` returns
(ok, credits, count, gap_credits, gap_count): whether the node is met, the credits and
门 it contributes, and the least credits and 门 still needed to meet it. The gaps let the
totals tell a shortfall the missing courses already explain (`derived`) from a real one.
Findings carry `path`, the node's address in the tree (degreepath style), so staff
exceptions and the UI can point at exactly one requirement.
"""

from . import messages
from .codes import Code, Severity

_EMPTY = ()


class EvalContext:
    """What a node needs besides `sat`: flags, staff overrides, and what waivers forgave."""

    __slots__ = ("flags", "forced", "waived", "relief_credits", "relief_count")

    def __init__(self, flags, forced=frozenset(), waived=frozenset()):
        self.flags = flags
        self.forced = forced
        self.waived = waived
        self.relief_credits = 0
        self.relief_count = 0


class CourseNode:
    __slots__ = ("code", "name", "credits", "kind", "path", "counts_as_course")

    def __init__(self, raw, path):
        self.code = raw["code"]
        self.name = raw.get("name")
        self.credits = raw.get("credits") or 0
        self.kind = raw.get("kind", "theory")
        self.path = path
        # Practice and thesis are not 门 (NATL-STRUCT); only theory courses count.
        self.counts_as_course = self.kind == "theory"

    def evaluate(self, sat, ctx, out):
        earned = sat.get(self.code)
        if earned is not None:
            return True, earned, self.counts_as_course, 0, 0
        if ctx.waived and self.code in ctx.waived:
            ctx.relief_credits += self.credits
            ctx.relief_count += self.counts_as_course
            return True, 0, 0, 0, 0
        if out is not None:
            out.append(self.finding())
        return False, 0, 0, self.credits, self.counts_as_course

    def finding(self):
        practice = self.kind == "practice"
        return {"code": Code.PRACTICE_MISSING if practice else Code.COURSE_MISSING, "severity": Severity.UNMET,
                "subject": self.code,
                "message": (messages.practice_missing if practice else messages.course_missing)(self.code, self.name),
                "path": self.path}

    def courses(self):
        yield self

    def codes_open(self, sat):
        return _EMPTY if self.code in sat else (self.code,)


class _RequirementGroup:
    """Shared by group nodes: staff exceptions addressed to the node's id.

    forced -> met as it stands (credits stay what was earned); waived -> met and the
    credits/门 it still lacked are forgiven in the totals too.
    """

    __slots__ = ("id", "label", "path")
    code = None  # not a course: AllOfNode's hot path tells the two apart by this

    def evaluate(self, sat, ctx, out):
        if (ctx.forced or ctx.waived) and self.id is not None and (self.id in ctx.forced or self.id in ctx.waived):
            ok, credits, count, gap_c, gap_n = self._evaluate(sat, ctx, None)
            if self.id in ctx.waived:
                ctx.relief_credits += gap_c
                ctx.relief_count += gap_n
            return True, credits, count, 0, 0
        return self._evaluate(sat, ctx, out)


class _GroupNode(_RequirementGroup):
    __slots__ = ("items",)

    def courses(self):
        for item in self.items:
            yield from item.courses()

    def codes_open(self, sat):
        return tuple(code for item in self.items for code in item.codes_open(sat))


class AllOfNode(_GroupNode):
    __slots__ = ()

    def __init__(self, raw, path, build):
        self.id, self.label, self.path = raw.get("id"), raw.get("label"), path
        self.items = [build(item, path, i) for i, item in enumerate(raw["items"])]

    def _evaluate(self, sat, ctx, out):
        ok, credits, count, gap_c, gap_n = True, 0, 0, 0, 0
        for item in self.items:
            # Passed courses are most of any tree: settle them here without a call (hot path).
            earned = sat.get(item.code) if item.code is not None else None
            if earned is not None:
                credits += earned
                count += item.counts_as_course
                continue
            i_ok, i_c, i_n, i_gc, i_gn = item.evaluate(sat, ctx, out)
            ok = ok and i_ok
            credits += i_c
            count += i_n
            gap_c += i_gc
            gap_n += i_gn
        return ok, credits, count, gap_c, gap_n


class ChooseNode(_GroupNode):
    """Pick items: at least min_count and/or min_credits; at most max_count of them count."""

    __slots__ = ("min_count", "min_credits", "max_count")

    def __init__(self, raw, path, build):
        self.id, self.label, self.path = raw.get("id"), raw.get("label"), path
        self.items = [build(item, path, i) for i, item in enumerate(raw["items"])]
        self.min_count = raw.get("min_count") or 0
        self.min_credits = raw.get("min_credits") or 0
        self.max_count = raw.get("max_count")

    def _evaluate(self, sat, ctx, out):
        met, open_items = [], []
        for item in self.items:
            i_ok, i_c, i_n, i_gc, i_gn = item.evaluate(sat, ctx, None)
            if i_ok:
                met.append((i_c, i_n))
            else:
                open_items.append((i_gc + i_c, i_n + i_gn, item))
        if self.max_count is not None and len(met) > self.max_count:
            met = sorted(met, reverse=True)[: self.max_count]
        credits = sum(c for c, _ in met)
        count = sum(n for _, n in met)
        missing_items = max(0, self.min_count - len(met))
        missing_credits = max(0, self.min_credits - credits)
        if not missing_items and not missing_credits:
            return True, credits, count, 0, 0
        gap_c, gap_n = self._cheapest_completion(open_items, missing_items, missing_credits)
        if out is not None:
            options = [code for _, _, item in open_items for code in item.codes_open(sat)]
            out.append({"code": Code.CHOICE_GROUP_UNMET, "severity": Severity.UNMET, "subject": self.id or self.path,
                        "message": messages.choice_unmet(self.label or self.id, self.min_count, len(met),
                                                         self.min_credits, credits, options),
                        "path": self.path, "need_count": self.min_count, "have_count": len(met),
                        "need_credits": self.min_credits, "have_credits": credits, "options": options})
        return False, credits, count, gap_c, gap_n

    @staticmethod
    def _cheapest_completion(open_items, missing_items, missing_credits):
        """Least credits and 门 that would still meet the group: the cheapest open items first."""
        by_cost = sorted(open_items, key=lambda t: t[0])
        taken = by_cost[:missing_items]
        gap_c = sum(c for c, _, _ in taken)
        gap_n = sum(n for _, n, _ in taken)
        if gap_c < missing_credits:
            for c, n, _ in sorted(by_cost[missing_items:], key=lambda t: -t[0]):
                if gap_c >= missing_credits:
                    break
                gap_c, gap_n = gap_c + c, gap_n + n
            gap_c = max(gap_c, missing_credits)
        return gap_c, gap_n


class ConditionalNode(_RequirementGroup):
    """`if: {flag, equals}` on a candidate flag. An unset flag takes the branch the record
    already meets (the transcript shows the choice), else the closer one."""

    __slots__ = ("flag", "equals", "then", "orelse")

    def __init__(self, raw, path, build):
        self.id, self.label, self.path = raw.get("id"), raw.get("label"), path
        self.flag = raw["if"]["flag"]
        self.equals = raw["if"].get("equals", True)
        self.then = build(raw["then"], path, "then")
        self.orelse = build(raw["else"], path, "else") if raw.get("else") else AllOfNode(
            {"id": None, "items": []}, f"{path}/else", build)

    def courses(self):
        yield from self.then.courses()
        yield from self.orelse.courses()

    def codes_open(self, sat):
        return self.then.codes_open(sat)

    def _evaluate(self, sat, ctx, out):
        flag = ctx.flags.get(self.flag)
        if flag is not None:
            return (self.then if flag == self.equals else self.orelse).evaluate(sat, ctx, out)
        # Both branches are tried; only the chosen one's findings and waiver relief are kept.
        before = (ctx.relief_credits, ctx.relief_count)
        first, second = [], []
        a = self.then.evaluate(sat, ctx, first)
        relief_a = (ctx.relief_credits, ctx.relief_count)
        ctx.relief_credits, ctx.relief_count = before
        b = self.orelse.evaluate(sat, ctx, second)
        if a[0] or (not b[0] and (a[3], a[4]) <= (b[3], b[4])):
            chosen, found, relief = a, first, relief_a
        else:
            chosen, found, relief = b, second, (ctx.relief_credits, ctx.relief_count)
        ctx.relief_credits, ctx.relief_count = relief
        if out is not None:
            out.extend(found)
        return chosen


_NODE_TYPES = {"all_of": AllOfNode, "choose": ChooseNode, "conditional": ConditionalNode}


def build_node(raw, parent_path="", index=0):
    segment = raw.get("id") or (raw.get("code") if raw["type"] == "course" else str(index))
    path = f"{parent_path}/{segment}" if parent_path else segment
    if raw["type"] == "course":
        return CourseNode(raw, path)
    return _NODE_TYPES[raw["type"]](raw, path, build_node)


def walk_groups(node):
    """Every group node (for looking nodes up by id)."""
    if isinstance(node, CourseNode):
        return
    yield node
    children = (node.then, node.orelse) if isinstance(node, ConditionalNode) else node.items
    for child in children:
        yield from walk_groups(child)
