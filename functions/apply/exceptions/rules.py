"""Staff exceptions as four-eyes requests: who may ask and approve, what may be asked, how each reads. Pure.

A member of staff of the role the profile names (`review.exceptions_by`: the provincial office in every province so far)
asks, with a written reason, to force-complete a requirement of one candidate's plan, to waive one, or to let a
passed course stand for a plan course. Nothing changes until a second, different member of that role approves it;
then the engine applies it in every later audit (eligibility/engine/staff.py). A rejected or withdrawn request
changes nothing. Each step is an audit-log entry.
"""
from __future__ import annotations

from functions.common.errors import BadInput, Conflict, Forbidden, NotFound
from functions.common.jurisdiction import office_name
from functions.common.time import epoch_of
from functions.common.time import shown as beijing_text

KIND_NAMES = {"force_complete": "认定合格", "waive": "免除要求", "substitute": "课程替代"}
PENDING, APPROVED, REJECTED, WITHDRAWN = "pending", "approved", "rejected", "withdrawn"
STATUS_NAMES = {PENDING: "待另一位工作人员批准", APPROVED: "已批准，已生效", REJECTED: "未批准，不生效",
                WITHDRAWN: "已撤回，不生效"}
APPROVE, REJECT, WITHDRAW = "approve", "reject", "withdraw"
DECIDED = {APPROVE: APPROVED, REJECT: REJECTED, WITHDRAW: WITHDRAWN}
# Requirements that are not a course of the plan but may still be waived (the engine's SPECIAL_TARGETS).
SPECIAL_TARGETS = {"total": "总学分要求", "count": "课程门数要求", "prior_education": "前置学历要求"}
# The audit's verdict as staff read it (the staff application page says the same: staff-application.js).
VERDICT_NAMES = {"ELIGIBLE": "符合毕业条件", "ELIGIBLE_CONDITIONAL": "有条件符合（需核实）", "NOT_ELIGIBLE": "暂不符合"}
NOT_YOURS = "找不到该特殊处理"


def decided_by(profile_data: dict) -> str:
    return profile_data["review"]["exceptions_by"]


def check_role(profile_data: dict, role: str | None) -> None:
    by = decided_by(profile_data)
    if role != by:
        raise Forbidden(f"特殊处理由{office_name(profile_data, by)}提出和批准，您的账号无此权限")


def requirements(plan_courses: dict[str, str], thesis: str | None) -> dict[str, str]:
    """What may be force-completed or waived: code -> name (the plan's courses, the thesis, the special ones)."""
    named = dict(plan_courses)
    if thesis:
        named.setdefault(thesis, "毕业论文")
    return {**named, **SPECIAL_TARGETS}


def requirement(code: str, name: str) -> dict:
    """One requirement as the form offers it: a course by name and code, a special one by name."""
    course = code not in SPECIAL_TARGETS
    return {"code": code, "name": f"{name}（{code}）" if course else name, "course": course}


def check_new(wanted: dict, *, named: dict[str, str], earlier: list[dict]) -> dict:
    """The exception asked for, tidied, or BadInput with every problem at once (fields as the page labels them).

    named: requirements(...) of the candidate's plan; earlier: the candidate's requests for this plan so far."""
    kind, reason = wanted["kind"], (wanted.get("reason") or "").strip()
    problems = []
    if not reason:
        problems.append(("reason", "请填写特殊处理的原因（会记入办理记录，考生也能看到）"))
    if kind == "substitute":
        use, replace = wanted.get("use"), wanted.get("replace")
        if not use:
            problems.append(("use", "请填写考生已合格、用来替代的课程代码"))
        if not replace:
            problems.append(("replace", "请选择被替代的课程"))
        elif replace not in named or replace in SPECIAL_TARGETS:
            problems.append(("replace", "被替代的课程不在考生申请专业的考试计划中"))
        elif replace == use:
            problems.append(("use", "用来替代的课程不能是被替代的课程本身"))
        exception = {"kind": kind, "use": use, "replace": replace}
    else:
        target = wanted.get("target")
        if not target:
            problems.append(("target", "请选择要认定或免除的要求"))
        elif target not in named or (kind == "force_complete" and target in SPECIAL_TARGETS):
            problems.append(("target", "所选要求不在考生申请专业的考试计划中" if target not in named
                             else f"“{named[target]}”只能免除，不能认定合格"))
        exception = {"kind": kind, "target": target}
    if any(r["status"] in (PENDING, APPROVED) and subject(r) == subject(exception) for r in earlier):
        problems.append(("target" if kind != "substitute" else "replace",
                         "该要求已有待批准或已生效的特殊处理，请先撤回或等待批准"))
    if problems:
        raise BadInput(problems[0][1], field=problems[0][0],
                       problems=[{"field": f, "message": m} for f, m in problems])
    return {**exception, "reason": reason}


def subject(exception: dict) -> str | None:
    """The requirement an exception settles (two requests for the same one would contradict each other)."""
    return exception.get("target") or exception.get("replace")


def check_decision(profile_data: dict, staff_role: str | None, staff_id: str, request: dict | None,
                   decision: str, reason: str) -> None:
    """Approve or reject: a second, different member of the role; withdraw: the one who asked; once only."""
    if request is None:
        raise NotFound(NOT_YOURS)
    check_role(profile_data, staff_role)
    if request["status"] != PENDING:
        raise Conflict(f"该特殊处理{STATUS_NAMES[request['status']]}，不能再次办理")
    mine = request["requested_by"] == staff_id
    if decision == WITHDRAW and not mine:
        raise Forbidden("只有提出该特殊处理的工作人员可以撤回")
    if decision != WITHDRAW and mine:
        raise Forbidden("不能批准或驳回自己提出的特殊处理：需要另一位工作人员办理")
    if decision == REJECT and not reason.strip():
        raise BadInput("请填写不批准的原因", field="reason")


def described(exception: dict, named: dict[str, str]) -> str:
    """An exception in words: 认定“英语（二）”（00015）合格, 免除总学分要求, 以“…”（…）替代“…”（…）."""
    def course(code: str) -> str:
        name = named.get(code)
        return f"“{name}”（{code}）" if name and code not in SPECIAL_TARGETS else (name or code)
    if exception["kind"] == "substitute":
        return f"以已合格的{course(exception['use'])}替代{course(exception['replace'])}"
    target = exception["target"]
    if exception["kind"] == "force_complete":
        return f"认定{course(target)}合格"
    return f"免除{course(target)}" if target in SPECIAL_TARGETS else f"免除{course(target)}的要求"


def as_exception(request: dict) -> dict:
    """What the engine keeps and applies once approved: who asked (staff_id) and who approved, why, when."""
    fields = ("use", "replace") if request["kind"] == "substitute" else ("target",)
    return {"kind": request["kind"], **{f: request[f] for f in fields}, "reason": request["reason"],
            "what": request["what"],
            "staff_id": request["requested_by"], "at": request["requested_at"],
            **({"approved_by": request["decided_by"], "approved_at": request["decided_at"]}
               if request["status"] == APPROVED else {})}


def shown(request: dict, named: dict[str, str]) -> dict:
    """A request as the pages show it: in words, with who and when in Beijing time."""
    answer = {k: request[k] for k in ("id", "exam_no", "kind", "status", "reason", "requested_by_name",
                                      "requested_at") if k in request}
    answer |= {"kind_name": KIND_NAMES[request["kind"]], "status_name": STATUS_NAMES[request["status"]],
               "what": described(request, named), "requested_at_text": beijing_text(epoch_of(request["requested_at"]))}
    if request.get("decided_at"):
        answer |= {"decided_by_name": request["decided_by_name"], "decision_reason": request.get("decision_reason"),
                   "decided_at_text": beijing_text(epoch_of(request["decided_at"]))}
    return answer
