"""The `from` side of a substitution rule: which passed courses a rule needs.

One class per grammar in the rule tables:
- KOfN      `{courses, min_count}`: any k of n courses (湖北 "新计划的n门课程中的任意k门").
- Slots     `{slots, min_slots, max_slots_total}`: 江苏 political-course 序号 rows, each row a
            set of alternative codes; "only one of rows 1-5" is a cap over `max_slots_over`.
- CreditPool `{pool, min_credits}`: courses the candidate picks, totalling enough credits
            (山西 英语(二): 顶替课程总学分不能小于14分).

All work on `available`: passed courses that no plan requirement counts and that no other
substitution has consumed yet, so each passed course serves at most one substitution.
"""

from itertools import combinations, islice, product

from .messages import number

# Enough alternatives for the automatic 顶替 search without exploding on wide rules.
MAX_OPTIONS = 64


class KOfN:
    __slots__ = ("codes", "min_count", "max_matched", "code_set")

    def __init__(self, codes, min_count, max_matched=None):
        self.codes = tuple(codes)
        self.min_count = min_count
        self.max_matched = max_matched
        self.code_set = frozenset(self.codes)

    def capped(self, passed):
        # JS-081301-N5b: "通过其中一门，仅可替代…" applies only while at most that many are passed.
        return self.max_matched is not None and sum(c in passed for c in self.codes) > self.max_matched

    def pick(self, available, passed, credit_of):
        if self.capped(passed):
            return None
        chosen = tuple(c for c in self.codes if c in available)[: self.min_count]
        return chosen if len(chosen) == self.min_count else None

    def refuse(self, use, available, passed, credit_of):
        """Why the candidate's chosen courses do not fit, or None when they do."""
        strangers = [c for c in use if c not in self.code_set]
        if strangers:
            return f"课程{'、'.join(strangers)}不在规则可用课程{'、'.join(self.codes)}之中"
        if len(use) < self.min_count:
            return f"须选择{len(self.codes)}门课程中的{self.min_count}门"
        if self.capped(passed):
            return f"已通过的课程超过{self.max_matched}门，应适用其他规则"
        return None

    def progress(self, available, credit_of):
        """(use if complete else partial, still-needed codes, how many more)."""
        have = [c for c in self.codes if c in available]
        more = max(0, self.min_count - len(have))
        return tuple(have[: self.min_count]), [c for c in self.codes if c not in available] if more else [], more

    def options(self, available, credit_of):
        have = [c for c in self.codes if c in available]
        return list(islice(combinations(have, self.min_count), MAX_OPTIONS))


class Slots:
    __slots__ = ("slots", "min_slots", "max_total", "max_over", "code_set")

    def __init__(self, slots, min_slots, max_total=None, max_over=None):
        self.slots = tuple(tuple(s) for s in slots)
        self.min_slots = min_slots
        self.max_total = max_total
        self.max_over = tuple(tuple(s) for s in (max_over or slots))
        self.code_set = frozenset(c for s in self.slots for c in s)

    def capped(self, passed):
        if self.max_total is None:
            return False
        return sum(any(c in passed for c in slot) for slot in self.max_over) > self.max_total

    def _firsts(self, available):
        return [next(c for c in slot if c in available) for slot in self.slots if any(c in available for c in slot)]

    def pick(self, available, passed, credit_of):
        if self.capped(passed):
            return None
        firsts = self._firsts(available)
        return tuple(firsts[: self.min_slots]) if len(firsts) >= self.min_slots else None

    def refuse(self, use, available, passed, credit_of):
        strangers = [c for c in use if c not in self.code_set]
        if strangers:
            return f"课程{'、'.join(strangers)}不在规则的任何序号中"
        rows = {i for i, slot in enumerate(self.slots) for c in use if c in slot}
        if len(rows) < len(use):
            return "同一序号的课程只能选一门"
        if len(rows) < self.min_slots:
            return f"须通过至少{self.min_slots}个序号的课程"
        if self.capped(passed):
            return f"已通过的序号超过{self.max_total}个，应适用其他规则"
        return None

    def progress(self, available, credit_of):
        firsts = self._firsts(available)
        more = max(0, self.min_slots - len(firsts))
        open_rows = [slot[0] for slot in self.slots if not any(c in available for c in slot)]
        return tuple(firsts[: self.min_slots]), open_rows if more else [], more

    def options(self, available, credit_of):
        rows = [[c for c in slot if c in available] for slot in self.slots]
        rows = [r for r in rows if r]
        found = []
        for chosen_rows in combinations(rows, self.min_slots):
            found.extend(islice(product(*chosen_rows), MAX_OPTIONS - len(found)))
            if len(found) >= MAX_OPTIONS:
                break
        return found


class CreditPool:
    __slots__ = ("min_credits", "allowed", "code_set")

    def __init__(self, min_credits, allowed=None):
        self.min_credits = min_credits
        self.allowed = frozenset(allowed) if allowed else None
        self.code_set = self.allowed or frozenset()

    def pick(self, available, passed, credit_of):
        return None  # the candidate chooses the pool; the authority never applies it on its own

    def refuse(self, use, available, passed, credit_of):
        if self.allowed is not None:
            strangers = [c for c in use if c not in self.allowed]
            if strangers:
                return f"课程{'、'.join(strangers)}不在可用于顶替的课程之列"
        total = sum(credit_of(c) for c in use)
        if total < self.min_credits:
            return f"顶替课程总学分不能小于{number(self.min_credits)}分（所选课程共{number(total)}分）"
        return None

    def _greedy(self, available, credit_of):
        usable = [c for c in sorted(available) if self.allowed is None or c in self.allowed]
        chosen, total = [], 0
        for code in sorted(usable, key=lambda c: -credit_of(c)):
            if total >= self.min_credits:
                break
            chosen.append(code)
            total += credit_of(code)
        return tuple(chosen), total

    def progress(self, available, credit_of):
        chosen, total = self._greedy(available, credit_of)
        return chosen, [], 0 if total >= self.min_credits else 1

    def options(self, available, credit_of):
        chosen, total = self._greedy(available, credit_of)
        return [chosen] if total >= self.min_credits else []


def source_from(raw):
    if "courses" in raw:
        return KOfN(raw["courses"], raw.get("min_count", len(raw["courses"])), raw.get("max_count_matched"))
    if "slots" in raw:
        return Slots(raw["slots"], raw.get("min_slots", 1), raw.get("max_slots_total"), raw.get("max_slots_over"))
    allowed = raw.get("allowed")
    return CreditPool(raw["min_credits"], allowed if isinstance(allowed, list) else None)
