"""替代课程 (安徽 未通过课程处理, application.substitution: per_course): a course of the plan not yet passed may be
replaced by one course from the list the plan gives for it (the seed: "在替代课程列表中选择符合此政策的课程").

The list is the plan's candidate-chosen rules that put one course in place of one plan course (a rule table in
data/reference/rules/). The candidate names the two courses, not a rule: `replacement_choice` finds the rule, and
says in words what does not fit, naming the field as the page labels it (未通过课程, 替代课程). A 替代课程 not yet
passed is refused with the course to take: choosing it would promise a 顶替 that the audit cannot apply.
"""

from . import messages
from .audit import run_audit
from .candidate import read_candidate
from .sources import KOfN
from .substitution import refusal

# The fields of the choice (the form's names) and their labels on the audit page, which the refusals say.
LABELS = {"course": "未通过课程", "replacement": "替代课程"}


def _one_for_one(oriented):
    """The rules a 替代课程 list is made of: one named course in place of one plan course."""
    source = oriented.source
    return isinstance(source, KOfN) and len(source.codes) == 1 and source.min_count == 1 \
        and len(oriented.targets) == 1


def _lists(compiled):
    """Plan course code -> [(replacement code, rule)] in the rule table's order."""
    lists = {}
    for oriented in sorted(compiled.application_rules, key=lambda r: r.rule.order):
        if _one_for_one(oriented):
            lists.setdefault(oriented.targets[0], []).append((oriented.source.codes[0], oriented))
    return lists


def _name(compiled, reference, code):
    node = compiled.course(code)
    return (node and node.name) or reference.course_name(code) or ""


def replacement_courses(plan, candidate, batch, reference, exceptions=()) -> list[dict]:
    """Each plan course with a 替代课程 list that the candidate has not passed (or has replaced): the course, its
    options (passed or not), the one chosen, and the whole in words."""
    compiled = reference.compiled(plan)
    candidate = read_candidate(candidate)
    result, ledger = run_audit(compiled, candidate, batch, reference, exceptions)
    outside = compiled.outside(result.get("direction"))      # (another 专业方向's courses need no handling)
    chosen = {p["replace"][0]: p["use"][0] for p in ledger.applied
              if p["rule_id"] in {c["rule_id"] for c in candidate.get("applied_substitutions") or ()}
              and len(p["replace"]) == 1}
    available = ledger.available()
    answer = []
    for target, options in _lists(compiled).items():
        if target in ledger.status and target not in chosen or target in outside:
            continue     # passed, 免考, 转考 or replaced otherwise: nothing to handle
        course = {"code": target, "name": _name(compiled, reference, target), "credits": compiled.credit_of[target]}
        rows = [{"code": code, "name": _name(compiled, reference, code), "credits": ledger.credit_of(code),
                 "passed": code in ledger.status, "free": code in available or chosen.get(target) == code}
                for code, _ in options]
        answer.append({"course": course, "options": rows, "chosen": chosen.get(target),
                       "words": _words(course, rows, chosen.get(target))})
    return answer


def _words(course, rows, chosen):
    named = f"{course['code']}{course['name']}（{course['credits']}学分）"
    if chosen:
        pick = next(r for r in rows if r["code"] == chosen)
        return f"{named}已由替代课程 {pick['code']}{pick['name']} 顶替"
    parts = []
    for r in rows:
        state = "已合格，可以选择" if r["passed"] and r["free"] else "已用于其他课程的顶替" if r["passed"] \
            else f"还没有合格成绩，须先参加 {r['code']}{r['name']} 的考试并合格"
        parts.append(f"{r['code']}{r['name']}（{state}）")
    return f"{named}还没有通过，可以选择下列替代课程之一：{'；'.join(parts)}"


def replacement_choice(plan, candidate, course, replacement, batch, reference, exceptions=()):
    """(the 顶替 choice {rule_id, use, replace}, None, None) when `replacement` may replace `course` for this
    candidate now, else (None, the field's form name, why in words that start with the field's label)."""
    compiled = reference.compiled(plan)
    record = read_candidate(candidate)
    result, ledger = run_audit(compiled, record, batch, reference, exceptions)
    named = f"{course}{_name(compiled, reference, course)}"
    options = _lists(compiled).get(course)
    if course not in compiled.plan_codes:
        return _refused("course", f"{course}不是本专业考试计划的课程")
    if course in compiled.outside(result.get("direction")):
        return _refused("course", messages.other_direction_course(named, compiled.directions[result["direction"]]))
    if course in ledger.status:
        return _refused("course", f"{named}已合格或已顶替，无需替代")
    if not options:
        return _refused("course", f"本专业考试计划没有为{named}列出替代课程")
    rule = next((o for code, o in options if code == replacement), None)
    listed = "、".join(f"{code}{_name(compiled, reference, code)}" for code, _ in options)
    if rule is None:
        return _refused("replacement", f"{replacement}不在本专业为{named}列出的替代课程中（可选：{listed}）")
    if replacement not in ledger.status:
        return _refused("replacement", f"{replacement}{_name(compiled, reference, replacement)}还没有合格"
                                       f"成绩，须先参加该课程的考试并合格，才能替代{named}")
    choice = {"rule_id": rule.rule_id, "use": [replacement], "replace": [course]}
    _, field, why = refusal(compiled, ledger, choice, record["registered_on"], reference)
    if why:
        return _refused("course" if field == "replace" else "replacement", why)
    return choice, None, None


def _refused(field, why):
    return None, field, f"{LABELS[field]}：{why}"
