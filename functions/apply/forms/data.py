"""What a printed form shows, assembled from the application, the exam record and the audit. Pure: the caller
reads storage (photo and signature bytes included) and passes plain values in.

The course table lists the courses the audit counted, in plan order, each with how it was passed: 考试 (the
best passing sitting's score and session), 免考, 转入 (转考), or 顶替 (the score and session of the course used).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from functions.common.ids import birth_date
from functions.eligibility.engine.transcript import PASS_GRADES, is_pass

from . import Candidate, CourseRow, FormData, PriorEducation, ResumeEntry
from .model import LEVELS

_BY = {"passed": "考试", "免考": "免考", "转考": "转入", "顶替": "顶替", "顶替(计门数学分)": "顶替"}


@dataclass(frozen=True)
class Course:
    """A course as the plan (or the catalogue) names it."""
    name: str
    credits: object   # as the plan gives it: 4, 2.5, or None


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def best_sittings(record: dict, pass_mark) -> dict[str, tuple[str, str]]:
    """code → (score, session) of the best passing sitting (the earliest of equal scores)."""
    best: dict[str, tuple] = {}
    for sitting in record.get("attempts") or ():
        score = sitting.get("score")
        if sitting.get("absent") or not is_pass(score, pass_mark):
            continue
        rank = (1, 0) if score in PASS_GRADES else (0, score)
        earlier = best.get(sitting["code"])
        if earlier is None or rank > earlier[0] or (rank == earlier[0] and sitting["session"] < earlier[2]):
            best[sitting["code"]] = (rank, _number(score), sitting["session"])
    return {code: (score, session) for code, (_, score, session) in best.items()}


def course_rows(record: dict, audit: dict, courses: dict[str, Course], pass_mark) -> tuple[CourseRow, ...]:
    """One row per course the audit counts (course_status), in its order."""
    sittings = best_sittings(record, pass_mark)
    used_for = {target: rule["use"] for rule in audit.get("applied", []) for target in rule.get("replace", [])}
    thesis = record.get("thesis") or {}
    rows = []
    for code, status in audit.get("course_status", {}).items():
        course = courses.get(code) or Course(code, None)
        score, session = sittings.get(code, ("", ""))
        by = _BY.get(status, "考试")
        if by == "顶替":
            used = [sittings[c] for c in used_for.get(code, ()) if c in sittings]
            score, session = used[0] if used else ("", "")
        elif by in ("免考", "转入"):
            score = score or ("免考" if by == "免考" else "合格")
        if code == thesis.get("code") and not score:
            score = thesis.get("grade", "")
        rows.append(CourseRow(code=code, name=course.name, credits=_number(course.credits), score=score,
                              passed_by=by, passed_on=session))
    return tuple(rows)


def build(*, profile_data: dict, form_name: str, batch: dict, item: dict, record: dict, basic: dict, audit: dict,
          courses: dict[str, Course], pass_mark, major_code: str, generated_on: date, prior: dict | None = None,
          photo: bytes | None = None, signature: bytes | None = None) -> FormData:
    saved = item.get("details") or {}
    # Identity from the record itself (the 考籍 the office keeps), never from what an application holds; the phone
    # and address are the one contact record's, which `basic` (Drafting.basic_info) carries.
    candidate = Candidate(name=record["name"], gender=record.get("gender") or "", ethnicity=basic.get("ethnicity", ""),
                          birth_date=birth_date(record["id_number"]), id_number=record["id_number"],
                          exam_no=record["exam_no"], phone=basic.get("phone", ""), address=basic.get("address", ""))
    shown_prior = None
    if prior and prior.get("status") in ("verified", "manual_pending") and prior.get("school"):
        shown_prior = PriorEducation(prior["school"], prior.get("certificate_no") or "",
                                     date.fromisoformat(prior["graduated_on"]))
    level = item["level"] if item.get("level") in LEVELS else "本科"
    return FormData(
        authority=profile_data["authority"], title=f"{profile_data['full_name']}高等教育自学考试{form_name}",
        batch=batch.get("name") or batch["id"], reference=item.get("reference") or "", generated_on=generated_on,
        candidate=candidate, major_code=major_code, major_name=item.get("major_name") or "", level=level,
        host_universities=tuple(item.get("host_universities") or ()),
        graduation_date=date.fromisoformat(batch["graduation_date"]),
        courses=course_rows(record, audit, courses, pass_mark), photo_jpeg=photo, prior_education=shown_prior,
        resume=tuple(ResumeEntry(e["from"], e["to"], e["unit"], e.get("role", "")) for e in saved.get("resume") or ()),
        self_assessment=saved.get("self_assessment") or "", statement=saved.get("statement") or "",
        signature_png=signature, direction=item.get("direction_name") or "")


def digest(data: FormData) -> str:
    """The same data always gives the same digest (and render_form the same bytes): a stored PDF with this digest
    is current."""
    return hashlib.sha256(repr(data).encode("utf-8")).hexdigest()
