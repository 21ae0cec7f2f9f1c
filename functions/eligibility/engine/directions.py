"""专业方向: a major with several 方向 (湖北: "如果此专业下有多个方面，请选择专业毕业方向"), each with its own
required courses.

A plan lists them as `directions: [{id, name, requirements}]`; the candidate's choice reaches the engine as the
candidate flag `direction`. The tree the engine judges is the plan's `requirements` plus a chain of the contract's
own `conditional` nodes on that flag, so nothing else in the engine changes, and an unset flag (what-if, a major
not chosen yet) takes the 方向 the record already meets, else the closest one.
"""

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
