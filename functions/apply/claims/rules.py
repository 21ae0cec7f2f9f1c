"""Claims (免考 with a certificate, …) as review items: what a candidate may claim, and who decides it. Pure.

A claim names one course of the candidate's plan that they have not passed, the certificate an exemption rule of
their province accepts for it, and the evidence they uploaded. It counts at once (the verdict becomes conditional,
so the candidate can submit); the office the profile names verifies it (the course counts) or refuses it with a
reason (the course is missing again, and the candidate reads why).
"""
from __future__ import annotations

from functions.common.errors import BadInput, Conflict, Forbidden, NotFound
from functions.common.jurisdiction import office_name
from functions.common.time import epoch_of
from functions.common.time import shown as beijing_text
from functions.profiles.vocabulary import CLAIM_NAMES, DOCUMENT_NAMES, DocumentKind

PENDING, VERIFIED, REFUSED = "pending", "verified", "refused"
STATUS_NAMES = {PENDING: "待审核", VERIFIED: "已核实通过", REFUSED: "未通过"}
# The certificates exemption rules name, as candidates and staff call them.
CERTIFICATE_NAMES = {"CET-4 certificate": "大学英语四级（CET-4）合格证书",
                     "CET-6 certificate": "大学英语六级（CET-6）合格证书"}
EVIDENCE = DocumentKind.CERTIFICATE.value
MAX_REASON = 200


def offered(profile_data: dict) -> dict:
    """The profile's claims (kinds and who decides), or NotFound where the province offers none."""
    claims = profile_data["application"].get("claims")
    if not claims:
        raise NotFound("本省的毕业申请不办理免考申请")
    return claims


def certificates(exemption_rules: list[dict], province: str, course: str) -> list[str]:
    """The certificates this province's exemption rules accept for `course` (安徽: CET-4/6 for 13000)."""
    return [basis for rule in exemption_rules
            if rule.get("province") == province and isinstance(rule.get("exempts"), list)
            and course in rule["exempts"] for basis in rule.get("basis") or ()]


def certificate_name(basis: str) -> str:
    return CERTIFICATE_NAMES.get(basis, basis)


def check_new(profile_data: dict, wanted: dict, *, plan_courses: dict[str, str], passed: set[str],
              accepted: list[str], earlier: list[dict], evidence_ok: bool) -> None:
    """Every problem of a new claim at once (BadInput), before anything is stored.

    plan_courses: code -> name of the plan's courses; passed: codes already counted; accepted: the certificates
    the rules accept for the course; earlier: the candidate's claims so far."""
    kinds = offered(profile_data)["kinds"]
    problems = []
    if wanted["kind"] not in kinds:
        problems.append(("kind", f"本省不办理“{CLAIM_NAMES.get(wanted['kind'], wanted['kind'])}”申请"))
    course = wanted["course"]
    if course not in plan_courses:
        problems.append(("course", "所选课程不在您申请专业的考试计划中"))
    elif course in passed:
        problems.append(("course", f"{plan_courses[course]}（{course}）您已取得合格成绩，不需要申请免考"))
    elif not accepted:
        problems.append(("course", f"{plan_courses[course]}（{course}）没有可以办理免考的证书"))
    elif wanted["certificate"] not in accepted:
        names = "、".join(certificate_name(c) for c in accepted)
        problems.append(("certificate", f"该课程只接受以下证书免考：{names}"))
    if any(c["course"] == course and c["status"] != REFUSED for c in earlier):
        problems.append(("course", "该课程已经申请过免考，请等待审核结果"))
    if not evidence_ok:
        problems.append(("evidence", f"请先上传{DOCUMENT_NAMES[EVIDENCE]}（JPG 或 PDF 文件）"))
    if problems:
        raise BadInput(problems[0][1], field=problems[0][0],
                       problems=[{"field": f, "message": m} for f, m in problems])


def check_decision(profile_data: dict, role: str | None, claim: dict | None, decision: str, reason: str) -> None:
    """Only the office the profile names decides, once, and a refusal says why."""
    check_review(profile_data, offered(profile_data)["decided_by"], role, claim, decision, reason,
                 what="免考申请", called="申请事项", statuses=STATUS_NAMES)


def check_review(profile_data: dict, decided_by: str, role: str | None, entry: dict | None, decision: str,
                 reason: str, *, what: str, called: str, statuses: dict[str, str]) -> None:
    """What every review item a candidate asks for shares (免考, another 准考证): only the office `decided_by`
    decides, once, and a refusal says why. `what` names the kind in messages, `called` one item of it."""
    if entry is None:
        raise NotFound(f"找不到该{called}")
    if role != decided_by:
        raise Forbidden(f"{what}由{office_name(profile_data, decided_by)}审核")
    if entry["status"] != PENDING:
        raise Conflict(f"该{called}已经审核（{statuses[entry['status']]}），不能再次审核")
    if decision == REFUSED and not reason.strip():
        raise BadInput("请填写不通过的原因，考生会看到这段说明", field="reason")


def decided(entry: dict, decision: str, reason: str, by: str, at: str) -> dict:
    """The review item (免考, another 准考证) as its decision leaves it: the status, the reason the candidate reads
    (none for an empty one), who and when."""
    return {**entry, "status": decision, "reason": reason.strip() or None, "decided_by": by, "decided_at": at}


def shown(claim: dict, course_names: dict[str, str]) -> dict:
    """A claim as pages show it: names, not codes."""
    return {**claim, "kind_name": CLAIM_NAMES.get(claim["kind"], claim["kind"]),
            "course_name": course_names.get(claim["course"], ""),
            "certificate_name": certificate_name(claim["certificate"]),
            "status_name": STATUS_NAMES[claim["status"]],
            "made_at_text": beijing_text(epoch_of(claim["made_at"])),
            **({"decided_at_text": beijing_text(epoch_of(claim["decided_at"]))} if claim.get("decided_at") else {})}
