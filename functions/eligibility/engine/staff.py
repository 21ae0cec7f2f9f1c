"""Staff exceptions as data (degreepath / Degree Works style).

Each exception is a record a member of staff made, kept with the application and replayed
by every audit, so a re-audit after a rule change keeps the human decisions:

  {"kind": "force_complete", "target": "04735" | "<node id>" | "<thesis code>", ...}
  {"kind": "waive", "target": "04735" | "<node id>" | "total" | "count" | "prior_education" | ..., ...}
  {"kind": "substitute", "use": "<passed code>", "replace": "<plan code>", ...}

with "staff_id", "reason" and "at" (an ISO time the caller gives) on every one.
force_complete counts a requirement as met with the credits it has; waive drops it and
lowers the totals by what it lacked; substitute lets one passed course stand for another.
"""

from .checks import Reader
from .substitution import SUBSTITUTED

KINDS = ("force_complete", "waive", "substitute")
STATUS_FORCED = "认定合格"
STATUS_WAIVED = "免除"
# Subjects that are not courses or tree nodes but can still be waived.
SPECIAL_TARGETS = ("total", "count", "prior_education")


def validate_exceptions(exceptions, file="exceptions"):
    r = Reader(file)
    r.items(exceptions, "$", allow_empty=True)
    for i, item in enumerate(exceptions):
        path = f"[{i}]"
        r.obj(item, path)
        kind = r.field(item, "kind", path, "str", choices=KINDS)
        r.field(item, "staff_id", path, "str")
        r.field(item, "reason", path, "str")
        r.field(item, "at", path, "str")
        if kind == "substitute":
            r.field(item, "use", path, "code")
            r.field(item, "replace", path, "code")
        else:
            r.field(item, "target", path, "str")
    return exceptions


class StaffOverrides:
    """The exceptions sorted by what they touch, and the log the result shows."""

    __slots__ = ("forced_nodes", "waived", "suppressed", "log")

    def __init__(self):
        self.forced_nodes = set()
        self.waived = set()        # course codes and node ids the tree treats as not required
        self.suppressed = set()    # subjects whose findings are waived (totals, thesis, 加考, ...)
        self.log = []


def apply_exceptions(exceptions, plan, ledger, extra_codes):
    """Apply staff exceptions before any rule runs, so rules never consume a course for a
    requirement staff already settled."""
    overrides = StaffOverrides()
    thesis_code = plan.thesis["code"] if plan.thesis else None
    for item in exceptions:
        kind = item["kind"]
        target = item.get("target")
        effect = "applied"
        if kind == "substitute":
            effect = _substitute(item, plan, ledger, extra_codes)
        elif target in plan.course_nodes or target in extra_codes:
            if kind == "force_complete":
                ledger.satisfy(target, STATUS_FORCED, plan.credit_of.get(target, 0))
            else:
                ledger.status[target] = STATUS_WAIVED
                ledger.sat.pop(target, None)
                overrides.waived.add(target)
                overrides.suppressed.add(target)
        elif target in plan.groups:
            (overrides.forced_nodes if kind == "force_complete" else overrides.waived).add(target)
        elif target == thesis_code or (kind == "waive" and target in SPECIAL_TARGETS):
            overrides.suppressed.add(target)
        else:
            effect = "not_applicable"
        overrides.log.append({**item, "effect": effect})
    return overrides


def _substitute(item, plan, ledger, extra_codes):
    use, replace = item["use"], item["replace"]
    if replace not in plan.course_nodes and replace not in extra_codes:
        return "not_applicable"
    if use not in ledger.status or use in ledger.consumed:
        return "not_applicable"
    if use in ledger.reserved:
        ledger.sat.pop(use, None)  # staff moved the course from its own requirement to another
        del ledger.status[use]
    ledger.consumed.add(use)
    ledger.satisfy(replace, SUBSTITUTED, plan.credit_of.get(replace, 0))
    return "applied"
