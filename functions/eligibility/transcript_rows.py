"""A candidate's transcript as the seed's 课程考试情况 screen shows it, for the staff application page and for the
candidate's own audit page: one row per sitting, 免考, 转考 and 顶替, each course named, typed (理论课/实践课) and
with its credits as the plan has them (the catalogue's otherwise), failures said in words. Pure."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .engine.values import EXEMPTED, PASS_GRADES, TRANSFERRED, Unreadable, read_score

COURSE_TYPES = {"theory": "理论课", "practice": "实践课"}      # plan course kinds, as the seed's 课程类型 says them


def plan_course(reference, plan) -> Callable[[str], dict]:
    """code → {name, type, credits}: as the plan (a compiled one) has the course, else as the catalogue does."""
    def course(code: str) -> dict:
        node = plan.course_nodes.get(code)
        credits = node.credits if node else reference.catalog_credits(code)
        return {"name": (node.name if node else None) or reference.course_name(code),
                "type": COURSE_TYPES.get(node.kind) if node else "计划外课程", "credits": credits}
    return course


def transcript(record: dict, audit: dict, course: Callable[[str], dict], pass_mark: float) -> dict:
    """The transcript as the seed's 课程考试情况 screen shows it, one row per sitting, 免考, 转考 and 顶替: code, name,
    type (理论课/实践课), credits, score, result in words, how it was obtained, session. Rows of a course stand
    together (by code, then session), so a failed sitting stands beside the 顶替 that replaced it, whose row names
    the courses used."""
    names = audit.get("course_names") or {}
    replaced_by = {code: r["use"] for r in audit.get("applied") or () for code in r.get("replace") or ()}

    def used(code: str) -> str:
        return "、".join(f"「{names.get(c) or course(c)['name'] or c}」" for c in replaced_by[code])

    rows = []
    for a in record.get("attempts") or ():
        code = str(a.get("code", ""))
        result, passed = result_of(a.get("score"), pass_mark)
        note = f"已由{used(code)}顶替" if not passed and code in replaced_by else None
        rows.append({**course(code), "code": code, "score": a.get("score"), "result": result, "passed": passed,
                     "how": "考试", "session": a.get("session"), "note": note,
                     "exam_no": a.get("exam_no")})      # under another 准考证 the office merged (准考证管理)
    for how, entries in (("免考", record.get("exemptions") or ()), ("转考", record.get("transfers") or ())):
        for e in entries:
            refused = e.get("approved", True) is False or e.get("accepted", True) is False
            result = how + ("未获认可" if refused else "（待核实）" if e.get("pending") else "")
            for code in e.get("codes") or [e.get("code")]:
                rows.append({**course(str(code)), "code": str(code), "score": e.get("score"), "result": result,
                             "passed": not refused, "how": how, "session": e.get("session"), "note": e.get("reason"),
                             "exam_no": e.get("exam_no")})      # recorded under a merged 准考证, as sittings are
    for code in replaced_by:
        rows.append({**course(code), "code": code, "score": None, "result": "顶替", "passed": True, "how": "顶替",
                     "session": None, "note": f"以{used(code)}顶替"})
    rows.sort(key=lambda r: (r["code"], r["how"] == "顶替", str(r["session"] or "")))
    return {"rows": [{k: v for k, v in r.items() if v is not None} for r in rows], "thesis": record.get("thesis")}


def result_of(score: Any, pass_mark: float) -> tuple[str, bool]:
    """A sitting's result in words, and whether it passes (as the engine reads the score: numbers against the
    pass mark, 合格/优秀/…, 缺考/违纪/… never)."""
    try:
        read = read_score(score)
    except Unreadable:
        return "成绩无法识别", False
    if read is None:
        return "无成绩", False
    if isinstance(read, int | float):
        return ("合格", True) if read >= pass_mark else ("不及格", False)
    return read, read in PASS_GRADES or read in (EXEMPTED, TRANSFERRED)


