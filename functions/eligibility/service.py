"""What the eligibility API does, shared by the candidate's routes and the staff routes (thin handlers call this),
and by the apply function (the audit an application is judged by)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from functions.apply.application.changes import applied_directions, associate_of, handling_office, refuse_after_submit
from functions.common.dynamo.store import Store
from functions.common.errors import BadInput, Conflict, NotFound
from functions.common.jurisdiction import may_see
from functions.common.session import Identity
from functions.eligibility.stores.reference import ReferenceCache
from functions.profiles.loader import load_profile

from .engine import (
    CONCURRENT,
    MISSING_COURSE,
    NOT_MET,
    VERDICT_MESSAGES,
    EngineInputError,
    Severity,
    Verdict,
    audit,
    choice_refusal,
    exceptions_allowed,
    judged_rule_table,
    replacement_choice,
    replacement_courses,
    shortfall,
    suggest_substitutions,
    validate_choice,
    validate_exceptions,
    what_if,
)
from .engine.directions import direction_judged, directions_of, with_direction
from .other_exam_numbers import merged
from .plan_source import home_province, plan_source
from .province_words import in_province_words, no_substitution
from .stores import records
from .transcript_rows import plan_course, transcript


class Eligibility:
    def __init__(self, store: Store, cache: ReferenceCache, clock: Callable[[], int], province: str = "",
                 profile: Callable[[], dict] | None = None):
        self.store, self.cache, self.clock = store, cache, clock
        self.province = province        # the stack's profile code: plans of another province say whose they are
        # The profile's data as the app serves it now (read per call, as the apply function reads it): None, the
        # stack's own province's.
        self.profile = profile or (lambda: load_profile(province).data if province else {})

    def source(self, plan: dict) -> str | None:
        return plan_source(plan, home_province(self.province))

    def visible(self, staff: Identity, exam_no: str, plan_id: str | None = None) -> None:
        """Staff see candidates of their jurisdiction only (a host university: by the plan); another
        jurisdiction's candidate is answered exactly like one that does not exist."""
        record = self.store.candidate(exam_no)
        hosts = self.plan(plan_id).get("host_universities") or [] if plan_id else []
        # the office handling the application (山西: the one chosen) is the one whose staff see it; before one, the
        # record's
        if record is None or not may_see(staff, handling_office(self.store.table, exam_no) or record["office"], hosts):
            raise NotFound("找不到该考生的考籍记录")

    def plan(self, plan_id: str) -> dict:
        plan = self.cache.get().plans.get(plan_id)
        if plan is None:
            raise NotFound(f"找不到专业考试计划 {plan_id}")
        return plan

    def audit(self, exam_no: str, plan_id: str, record: dict | None = None, batch: dict | None = None,
              direction: str | None = None) -> dict:
        """The full audit; `record` (the candidate's, as Store.candidate gives it) and `batch` save reads if the
        caller has them; `direction`: the 专业方向 judged (engine/directions.py); not given: the one the open
        batch's application chose, else the one the record comes closest to."""
        plan = self.plan(plan_id)
        found = self._load(exam_no, plan_id, record, direction)
        found, batch = self._with_associate(found, plan, exam_no, batch or self.cache.batch())
        judged = self._audit(plan_id, found, self.cache.get(), batch)
        return {**in_province_words(judged, self.province), "source": self.source(plan)}

    def _load(self, exam_no: str, plan_id: str, record: dict | None = None,
              direction: str | None = None) -> records.AuditInput:
        """records.load, judged in the 专业方向 `direction`, else the one the open application chose (every answer
        about the plan judges it); none chosen: the engine judges the closest and says which."""
        found = records.load(self.store, exam_no, plan_id, record)
        if direction is None and directions_of(self.plan(plan_id)):
            direction = self._chosen(exam_no).get(plan_id)
        if direction:
            found.record = with_direction(found.record, direction)
        return found

    def _with_associate(self, found: records.AuditInput, plan: dict, exam_no: str,
                        batch: dict) -> tuple[records.AuditInput, dict]:
        """(record, batch) of a 本科 plan's audit with the candidate's 专科 application of the same batch beside the
        record, where the province's profile lets a 本科 rest on it (本、专科专业一并申请: application/associate.py):
        the profile allows it, so the batch the engine reads lists the exception (a batch names no province)."""
        profile = self.profile() if plan.get("requires_prior_education") else None
        standing = associate_of(self.store.table, exam_no, batch["id"], profile) if profile else None
        if not standing:
            return found, batch
        found.record = {**found.record, "concurrent_associate_application": standing}
        return found, {**batch, "prior_edu_exceptions": sorted(exceptions_allowed(batch) | {CONCURRENT})}

    def _enrolled(self, exam_no: str, plan_id: str, record: dict, reference, batch: dict, direction: str) -> dict:
        """An enrolled plan judged in its 专业方向 with the candidate's own 顶替 choices, staff exceptions and, for a
        本科, the 专科 applied for beside it."""
        found, batch = self._with_associate(self._load(exam_no, plan_id, record, direction),
                                            reference.plans[plan_id], exam_no, batch)
        return self._audit(plan_id, found, reference, batch)

    @staticmethod
    def _audit(plan_id: str, found: records.AuditInput, reference, batch) -> dict:
        result = _engine(audit, plan_id, found.record, batch, reference, found.exceptions)
        courses, credits = shortfall(reference.compiled(plan_id), result["findings"])
        plan = reference.plans[plan_id]
        codes = [*result["course_status"], *(c for p in result["applied"] for c in (*p["use"], *p["replace"])),
                 *(f["subject"] for f in result["findings"] if f.get("code") in MISSING_COURSE)]
        return {"plan_id": plan_id, "major_name": plan.get("major_name"), "level": plan.get("level"),
                "host_universities": list(plan.get("host_universities") or []),
                "message": VERDICT_MESSAGES[result["verdict"]], "choices": found.choices,
                "exceptions": found.exceptions, **result, "course_names": _names(reference, codes),
                "missing_courses": courses, "missing_credits": credits,
                **direction_judged(reference.compiled(plan_id).directions, found.record, result.get("direction"))}

    def majors(self, exam_no: str) -> list[dict]:
        """The majors a candidate may apply in, each with a one-line verdict: the ones they are registered in,
        then every other plan they have passed courses in (what-if), best first."""
        record = self.store.candidate(exam_no)
        if record is None:
            raise NotFound("找不到该考生的考籍记录")
        reference, batch, chosen = self.cache.get(), self.cache.batch(), self._chosen(exam_no)
        rows = {r["plan_id"]: r for r in self._what_if(record, chosen)}
        enrolled = [p for p in record.get("majors") or () if p in reference.plans]
        answer = []
        for plan_id in enrolled + [p for p in rows if p not in enrolled]:
            # Enrolled plans are judged with the candidate's own 顶替 choices and staff exceptions.
            verdict = in_province_words(
                self._enrolled(exam_no, plan_id, record, reference, batch, chosen.get(plan_id, ""))
                if plan_id in enrolled else rows[plan_id]["result"] | rows[plan_id]["judged"], self.province)
            courses = verdict["missing_courses"] if plan_id in enrolled else rows[plan_id]["missing_courses"]
            plan = reference.plans[plan_id]
            answer.append({"plan_id": plan_id, "major_name": plan.get("major_name"), "level": plan.get("level"),
                           "source": self.source(plan), "enrolled": plan_id in enrolled, "verdict": verdict["verdict"],
                           "summary": _one_line(verdict, courses),
                           "directions": [{"id": d["id"], "name": d["name"]} for d in directions_of(plan)]}
                          | {k: verdict[k] for k in ("direction", "judged_for") if k in verdict})
        return answer

    def what_if(self, exam_no: str) -> list[dict]:
        record = self.store.candidate(exam_no)
        if record is None:
            raise NotFound("找不到该考生的考籍记录")
        rows = self._what_if(record, self._chosen(exam_no))
        plans = self.cache.get().plans
        return [{k: v for k, v in row.items() if k not in ("result", "judged")} | row["judged"]
                | {"summary": _one_line(in_province_words(row["result"], self.province), row["missing_courses"]),
                   "source": self.source(plans[row["plan_id"]])} for row in rows]

    def _chosen(self, exam_no: str) -> dict[str, str]:
        """plan id -> the 专业方向 the open application chose (read only where some plan has 方向)."""
        if not any(directions_of(plan) for plan in self.cache.get().plans.values()):
            return {}
        return applied_directions(self.store.table, exam_no)

    def _what_if(self, record: dict, chosen: dict[str, str]) -> list[dict]:
        """engine.what_if, the plan the application chose judged in its 方向, each row's `judged` saying which."""
        reference = self.cache.get()
        rows = _engine(what_if, record, self.cache.batch(), reference, chosen)
        for row in rows:
            given = with_direction(record, chosen[row["plan_id"]]) if row["plan_id"] in chosen else record
            row["judged"] = direction_judged(reference.compiled(row["plan_id"]).directions, given, row.get("direction"))
        return rows

    def suggestions(self, exam_no: str, plan_id: str) -> dict:
        self.plan(plan_id)
        found = self._load(exam_no, plan_id)
        reference = self.cache.get()
        answer = _engine(suggest_substitutions, plan_id, found.record, self.cache.batch(), reference, found.exceptions)
        codes = [*(c for p in answer["applied_substitutions"] for c in (*p["use"], *p["replace"])),
                 *answer["still_missing"]]
        return {**answer, "course_names": _names(reference, codes),
                **direction_judged(reference.compiled(plan_id).directions, found.record, answer.get("direction"))}

    def transcript(self, exam_no: str, plan_id: str) -> dict:
        """The candidate's transcript read against this plan (transcript_rows), as staff see it too."""
        plan = self.plan(plan_id)
        record = self.store.candidate(exam_no)
        if record is None:
            raise NotFound("找不到该考生的考籍记录")
        judged = self.audit(exam_no, plan_id, record)
        compiled = self.cache.get().compiled(plan_id)
        record = self.with_merged_sittings(exam_no, plan_id, record)
        return {"plan_id": plan_id, "major_name": plan.get("major_name"),
                **transcript(record, judged, plan_course(self.cache.get(), compiled), compiled.pass_mark)}

    def with_merged_sittings(self, exam_no: str, plan_id: str, record: dict) -> dict:
        """`record` with the sittings, 免考 and 转考 of other 准考证 the office confirmed, each with its 准考证号:
        what the transcript and the printed form list beside the audit that counted them (the candidate's own
        免考 claims are not added: the transcript lists the record)."""
        return merged(record, records.load(self.store, exam_no, plan_id, record).others)

    def rules(self, exam_no: str, plan_id: str) -> dict:
        """The 课程顶替 rule table of the plan as this candidate meets it (engine.rule_table), and the 专业方向 it was
        judged in: the chosen one, else the closest, as the audit judges it."""
        self.plan(plan_id)
        found, reference = self._load(exam_no, plan_id), self.cache.get()
        rows, direction = _engine(judged_rule_table, plan_id, found.record, self.cache.batch(), reference,
                                  found.exceptions)
        return {"plan_id": plan_id, "rules": rows,
                **direction_judged(reference.compiled(plan_id).directions, found.record, direction)}

    def replacements(self, exam_no: str, plan_id: str) -> dict:
        """The 替代课程 the plan lists for each course this candidate has not passed (engine.replacement)."""
        self.plan(plan_id)
        found = self._load(exam_no, plan_id)
        return {"plan_id": plan_id, "courses": _engine(replacement_courses, plan_id, found.record, self.cache.batch(),
                                                       self.cache.get(), found.exceptions)}

    def add_replacement(self, who: Identity, exam_no: str, plan_id: str, course: str, replacement: str):
        """One 替代课程 from the plan's list, stored as the 顶替 it is (add_choices) once it fits; a course off the
        list, one not passed, or a course already passed is refused in words and nothing is stored."""
        refused = no_substitution(self.province)
        if refused:
            raise Conflict(refused, field="course")
        self.plan(plan_id)
        refuse_after_submit(self.store.table, exam_no, "替代课程", "replacement")
        found = self._load(exam_no, plan_id)
        choice, field, why = _engine(replacement_choice, plan_id, found.record, course, replacement,
                                     self.cache.batch(), self.cache.get(), found.exceptions)
        if choice is None:
            raise BadInput(why, field=field)
        return self.add_choices(who, exam_no, plan_id, [choice], reason="替代课程")

    def add_choices(self, who: Identity, exam_no: str, plan_id: str, new: list[dict], reason: str | None = None):
        """Check each choice against its rule, then store them all or none (only while the application is open)."""
        refused = no_substitution(self.province)
        if refused:
            raise Conflict(refused, field="rule_id")
        self.plan(plan_id)
        refuse_after_submit(self.store.table, exam_no, "顶替选择", "plan_id")
        found = self._load(exam_no, plan_id)
        record = found.record
        for choice in new:
            if any(c["rule_id"] == choice["rule_id"] for c in record["applied_substitutions"]):
                raise BadInput("您已经应用过这条顶替规则", field="rule_id")
            # A choice that does not fit its rule is refused in words (the seed: 与规则不一致则提交失败), not stored
            # to sit in the audit as a 顶替 that changes nothing.
            try:
                misfit = choice_refusal(plan_id, record, choice, self.cache.batch(), self.cache.get(),
                                        found.exceptions)
            except EngineInputError:
                misfit = None   # a malformed choice: validate_choice names the part
            if misfit:
                raise BadInput(f"该顶替不符合规则：{misfit[1]}", field=misfit[0])
            try:
                validate_choice(choice, plan_id, record, self.cache.get())
            except EngineInputError as err:
                raise BadInput(f"该顶替不符合规则：应为{err.expected}", field=err.path) from None
            record = {**record, "applied_substitutions": [*record["applied_substitutions"], choice]}
        records.save_choices(self.store, exam_no, plan_id, found, found.choices + new, who, "choices.add",
                             self.clock(), reason)
        return self.audit(exam_no, plan_id)

    def remove_choice(self, who: Identity, exam_no: str, plan_id: str, rule_id: str):
        refuse_after_submit(self.store.table, exam_no, "顶替选择", "plan_id")
        found = records.load(self.store, exam_no, plan_id)
        after = [c for c in found.choices if c["rule_id"] != rule_id]
        if len(after) == len(found.choices):
            raise NotFound(f"没有已应用的顶替规则 {rule_id}")
        records.save_choices(self.store, exam_no, plan_id, found, after, who, "choices.remove", self.clock())
        return self.audit(exam_no, plan_id)

    def apply_suggested(self, who: Identity, exam_no: str, plan_id: str):
        picks = self.suggestions(exam_no, plan_id)["applied_substitutions"]
        if not picks:
            raise BadInput("没有可以帮助您的顶替规则", field="plan_id")
        return self.add_choices(who, exam_no, plan_id, picks, reason="一键应用系统建议的顶替")

    def with_exceptions(self, exam_no: str, plan_id: str, extra: list[dict],
                        direction: str | None = None) -> tuple[dict, records.AuditInput]:
        """The audit as it would be with `extra` staff exceptions added (a preview: nothing stored), and what it
        read (the stored exceptions and their version, for the write that adds them once a second person approves:
        apply/exceptions/); judged in `direction`, else the 专业方向 the application chose (_load)."""
        self.plan(plan_id)
        found = self._load(exam_no, plan_id, direction=direction)
        try:
            validate_exceptions(extra)
        except EngineInputError as err:
            raise BadInput(f"特殊处理无效：应为{err.expected}", field=err.path) from None
        trial = replace(found, exceptions=[*found.exceptions, *extra])
        return self._audit(plan_id, trial, self.cache.get(), self.cache.batch()), found


def _names(reference, codes) -> dict[str, str]:
    """Course names for the codes an answer mentions (a page shows 英语(二) 00015, not a bare code)."""
    return {c: reference.course_name(c) for c in dict.fromkeys(codes) if reference.course_name(c)}


def _engine(function, *args):
    """Records and plans were checked on import; an engine refusal here is still a clear 422, never a 500."""
    try:
        return function(*args)
    except EngineInputError as err:
        raise BadInput(f"考籍或计划数据无法判定：{err.path} 应为{err.expected}", field=err.path) from None


def _one_line(result: dict, missing_courses: int) -> str:
    """The verdict in one line; the count of missing courses is the engine's (engine.shortfall), the number
    what-if and the audit page show too."""
    if result["verdict"] == Verdict.ELIGIBLE:
        return "符合毕业条件"
    worst = [f for f in result["findings"] if f["severity"] in NOT_MET]
    if result["verdict"] == Verdict.ELIGIBLE_CONDITIONAL or not worst:
        return "有条件地符合毕业条件"
    blocking = [f for f in worst if f["severity"] == Severity.BLOCKING]
    if blocking:
        return blocking[0]["message"]
    if missing_courses:
        return f"还缺 {missing_courses} 门课程"
    return worst[0]["message"]
