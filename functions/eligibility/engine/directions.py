"""专业方向: a major with several 方向 (湖北: "如果此专业下有多个方面，请选择专业毕业方向"), each with its own
required courses.

A plan lists them as `directions: [{id, name, requirements}]`; the candidate's choice reaches the engine as the
candidate flag `direction`. The tree the engine judges is the plan's `requirements` plus a chain of the contract's
own `conditional` nodes on that flag, so the tree needs nothing new. Every audit judges one 方向 and says which
(audit.run_audit): the chosen one, and before a choice (what-if, a major not chosen yet) the one the record comes
closest to, so the verdict, the 顶替 suggestions and the rule table all speak of the same 方向.
"""

from .messages import judged_direction

DIRECTION_FLAG = "direction"


def directions_of(plan: dict) -> list[dict]:
    """The plan's 方向 in the order the plan lists them (empty: the major has none to choose)."""
    return list(plan.get("directions") or ())


def requirements_of(plan: dict) -> dict:
    """The requirement tree to judge: the plan's own, and where it has 方向, the chosen one's on top."""
    options = directions_of(plan)
    if not options:
        return plan["requirements"]
    chain = options[-1]["requirements"]
    for option in reversed(options[:-1]):
        chain = {"type": "conditional", "if": {"flag": DIRECTION_FLAG, "equals": option["id"]},
                 "then": option["requirements"], "else": chain}
    return {"id": None, "type": "all_of", "label": plan["requirements"].get("label"),
            "items": [plan["requirements"], chain]}


def with_direction(candidate: dict, direction: str) -> dict:
    """`candidate` judged in `direction` (its other flags kept)."""
    return {**candidate, "flags": {**(candidate.get("flags") or {}), DIRECTION_FLAG: direction}}


def chosen_direction(candidate: dict, directions) -> str | None:
    """The 方向 the candidate chose, when it is one of `directions` (a choice made for another plan is none)."""
    chosen = (candidate.get("flags") or {}).get(DIRECTION_FLAG)
    return chosen if chosen in directions else None


def direction_judged(names: dict[str, str], candidate: dict, direction: str | None) -> dict:
    """{"direction", "judged_for": which 方向 an answer judged, in words} for a plan with 方向 (`names`: id ->
    name, CompiledPlan.directions), else {}: `direction` is the one the audit judged (its answer's `direction`),
    `candidate` the record it was given, which says whether that 方向 was chosen or only the closest."""
    if direction not in names:
        return {}
    chosen = chosen_direction(candidate, names) == direction
    return {"direction": direction, "judged_for": judged_direction(names[direction], chosen)}
