"""Helping a candidate who is not (yet) eligible: automatic 顶替 search and What-If."""

from .audit import missing_courses, run_audit, shortfall
from .candidate import read_candidate
from .codes import Severity
from .directions import with_direction
from .suggest import best_combination
from .transcript import resolve


def suggest_substitutions(plan, candidate, batch, reference, exceptions=()) -> dict:
    """The on_application rules to apply in one step, and what would still be missing.

    Returns {"applied_substitutions": [...], "covers": [...], "still_missing": [...],
    "verdict_after": ...}; `applied_substitutions` is ready to append to the candidate's own.
    """
    compiled = reference.compiled(plan)
    candidate = read_candidate(candidate)
    result, ledger = run_audit(compiled, candidate, batch, reference, exceptions)
    missing = missing_courses(result["findings"])
    picks = best_combination(compiled, ledger, missing, candidate["registered_on"]) if missing else []
    after = result
    if picks:
        # (judged in the same 方向: the picks are for its missing courses)
        trial = with_direction(candidate, result["direction"]) if "direction" in result else dict(candidate)
        trial["applied_substitutions"] = list(candidate.get("applied_substitutions") or ()) + picks
        after = run_audit(compiled, trial, batch, reference, exceptions, validate=False)[0]
    answer = {"applied_substitutions": picks,
              "covers": [code for pick in picks for code in pick["replace"]],
              "still_missing": missing_courses(after["findings"]),
              "verdict_after": after["verdict"]}
    return answer | ({"direction": result["direction"]} if "direction" in result else {})


def what_if(candidate, batch, reference, directions=None) -> list[dict]:
    """Every plan (of the batch's province, when it names one) the candidate has passed courses
    in, audited and ranked by what is still missing: courses, then credits.

    `directions`: plan id -> the 专业方向 chosen for it (an application's); the other plans are judged in the 方向
    the candidate comes closest to (audit._judge)."""
    directions = directions or {}
    candidate = read_candidate(candidate)
    passed, _, _ = resolve(candidate, 60, None, reference, reference.course_name)
    province = batch.get("province")
    ranked = []
    for plan_id, raw in sorted(reference.plans.items()):
        if province and raw.get("province") != province:
            continue
        plan = reference.compiled(plan_id)
        if plan.plan_codes.isdisjoint(passed):
            continue
        judged = with_direction(candidate, directions[plan_id]) if plan_id in directions else candidate
        result = run_audit(plan, judged, batch, reference)[0]
        courses, credits = shortfall(plan, result["findings"])
        blocked = [f["code"] for f in result["findings"] if f["severity"] == Severity.BLOCKING]
        ranked.append({"plan_id": plan_id, "major_name": raw.get("major_name"), "level": plan.level,
                       "verdict": result["verdict"], "missing_courses": courses, "missing_credits": credits,
                       "missing": missing_courses(result["findings"]), "blocking": blocked,
                       "total_credits": result["total_credits"], "result": result}
                      | ({"direction": result["direction"]} if "direction" in result else {}))
    ranked.sort(key=lambda r: (bool(r["blocking"]), r["missing_courses"], r["missing_credits"], r["plan_id"]))
    for rank, row in enumerate(ranked, 1):
        row["rank"] = rank
    return ranked

