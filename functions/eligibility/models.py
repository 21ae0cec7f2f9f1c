"""The eligibility function's HTTP shapes: the bodies its routes take and the answers they give, as the engine
(spec/eligibility.md "Output") and service.py make them. Answers subclass Answer (extra="forbid"); fields that only
some answers carry are optional and left out when absent (the routes serialise with exclude_unset)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, Field

from functions.common.models import Answer

from .engine import Code, Severity, Verdict

PLAN_ID = r"^[A-Za-z0-9-]{1,40}$"
COURSE_CODE = r"^[0-9A-Za-z-]{1,12}$"

PlanId = Annotated[str, Path(pattern=PLAN_ID, description="专业考试计划编号")]
RuleId = Annotated[str, Path(pattern=PLAN_ID, description="顶替规则编号")]
CourseCode = Annotated[str, Field(pattern=COURSE_CODE)]

ExceptionKind = Literal["force_complete", "waive", "substitute"]
Number = int | float


# 专业方向: the one an answer judged (the chosen one, else the closest), and in words (engine/directions.py)
JudgedDirection = Annotated[str | None, Field(description="判断所按的专业毕业方向（计划没有多个方向时不给）")]
JudgedFor = Annotated[str | None, Field(description="按哪个专业毕业方向判断，如：按所选的专业方向「…」判断")]

# -- bodies ---------------------------------------------------------------------------------------------------------
# A plan of another province says whose it is (plan_source.py): the demo's plans are Jiangsu's.
PlanSource = Annotated[str | None, Field(description="不是本省的考试计划时，说明是哪里的（演示数据）")]

class Choice(BaseModel):
    """One 课程顶替: the rule, the passed courses it uses, the plan courses it replaces."""
    rule_id: str = Field(pattern=PLAN_ID)
    use: list[CourseCode] = Field(min_length=1, max_length=20)
    replace: list[CourseCode] = Field(min_length=1, max_length=20)


class Replacement(BaseModel):
    """One 替代课程 (安徽 未通过课程处理): the plan course not passed, and the course from the plan's list for it."""
    course: CourseCode = Field(description="未通过课程")
    replacement: CourseCode = Field(description="替代课程")


# -- parts of answers -----------------------------------------------------------------------------------------------
class Finding(Answer):
    """One judgement of the audit; the numbers name what is needed and what the candidate has."""
    code: Code
    severity: Severity
    subject: str
    message: str = Field(description="审核意见")
    path: str | None = None
    need: Number | None = None
    have: Number | None = None
    need_count: int | None = None
    have_count: int | None = None
    need_credits: Number | None = None
    have_credits: Number | None = None
    options: list[str] | None = None
    until: str | None = None
    use: list[str] | None = None
    replace: list[str] | None = None


class ChosenRule(Answer):
    """A 课程顶替 as chosen (or suggested for one step): the passed courses used, the plan courses replaced."""
    rule_id: str
    use: list[str]
    replace: list[str]


class AppliedRule(ChosenRule):
    direction: str


class SuggestedRule(Answer):
    """A 顶替 rule that would cover a missing course, complete or with the source courses still needed."""
    rule_id: str
    replace: list[str]
    complete: bool
    still_needed: list[str]
    use: list[str]
    credits_still_needed: Number | None = None
    count_still_needed: int | None = None


class StaffExceptionMade(Answer):
    """A staff exception as stored: what it touches, why, who and when."""
    kind: ExceptionKind
    target: str | None = None
    use: str | None = None
    replace: str | None = None
    reason: str = Field(description="原因")
    staff_id: str = Field(description="提出的工作人员")
    at: str
    what: str | None = Field(default=None, description="特殊处理的内容（文字）")
    approved_by: str | None = Field(default=None, description="批准的另一位工作人员")
    approved_at: str | None = None


class ExceptionApplied(StaffExceptionMade):
    effect: Literal["applied", "not_applicable"]


# -- answers --------------------------------------------------------------------------------------------------------
class DirectionOption(Answer):
    id: str
    name: str = Field(description="专业毕业方向")


class MajorRow(Answer):
    plan_id: str
    major_name: str | None
    level: str | None
    source: PlanSource = None
    enrolled: bool = Field(description="报考专业")
    verdict: Verdict
    summary: str
    directions: list[DirectionOption] = Field(default=[], description="可选的专业毕业方向（没有多个方向时为空）")
    direction: JudgedDirection = None
    judged_for: JudgedFor = None


class Majors(Answer):
    majors: list[MajorRow]


class Audit(Answer):
    """The full audit of one major (毕业审核): verdict, findings, 顶替 applied and suggested, course status."""
    plan_id: str
    major_name: str | None
    level: str | None
    host_universities: list[str]
    source: PlanSource = None
    message: str
    choices: list[ChosenRule]
    exceptions: list[StaffExceptionMade]
    verdict: Verdict
    findings: list[Finding]
    applied: list[AppliedRule]
    suggested: list[SuggestedRule]
    course_status: dict[str, str]
    total_credits: Number
    missing_courses: int
    missing_credits: Number
    exceptions_applied: list[ExceptionApplied] | None = None
    course_names: dict[str, str]
    direction: JudgedDirection = None
    judged_for: JudgedFor = None


class WhatIfPlan(Answer):
    plan_id: str
    major_name: str | None
    level: str | None
    verdict: Verdict
    missing_courses: int
    missing_credits: Number
    missing: list[str]
    blocking: list[str]
    total_credits: Number
    rank: int
    summary: str
    source: PlanSource = None
    direction: JudgedDirection = None
    judged_for: JudgedFor = None


class WhatIf(Answer):
    plans: list[WhatIfPlan]


class RuleCourse(Answer):
    """A course of a 顶替 rule, named and with its credits; a source says how it stands for this candidate."""
    code: str
    name: str
    credits: Number
    state: Literal["free", "used", "in_plan", "not_passed"] | None = None
    met: bool | None = None


class RuleRow(Answer):
    """One 课程顶替 rule in words, whether it can apply to this candidate, and why not when it cannot."""
    rule_id: str
    words: str = Field(description="规则内容")
    sources: list[RuleCourse]
    targets: list[RuleCourse]
    min_count: int | None
    min_credits: Number | None
    chosen: bool
    usable: bool
    why_not: str | None = Field(description="不能使用的原因")


class RuleTable(Answer):
    plan_id: str
    rules: list[RuleRow]
    direction: JudgedDirection = None
    judged_for: JudgedFor = None


class ReplacementOption(Answer):
    code: str
    name: str
    credits: Number | None
    passed: bool = Field(description="已有合格成绩")
    free: bool = Field(description="没有用于其他顶替")


class ReplacementCourse(Answer):
    """A plan course not passed, with the 替代课程 the plan lists for it, in words."""
    course: RuleCourse
    options: list[ReplacementOption]
    chosen: str | None = Field(description="已选择的替代课程")
    words: str


class ReplacementList(Answer):
    plan_id: str
    courses: list[ReplacementCourse]


class Suggestions(Answer):
    applied_substitutions: list[ChosenRule]
    covers: list[str]
    still_missing: list[str]
    verdict_after: Verdict
    course_names: dict[str, str]
    direction: JudgedDirection = None
    judged_for: JudgedFor = None


class TranscriptRow(Answer):
    code: str = Field(description="课程代码")
    name: str | None = Field(default=None, description="课程名称")
    type: str | None = Field(default=None, description="课程类型（理论课、实践课、计划外课程）")
    credits: float | None = Field(default=None, description="学分")
    score: int | float | str | None = Field(default=None, description="成绩")
    result: str = Field(description="结果（文字）")
    passed: bool = Field(description="是否通过")
    how: str = Field(description="取得方式：考试、免考、转考、顶替")
    session: str | None = Field(default=None, description="考试时间")
    note: str | None = Field(default=None, description="说明（顶替所用的课程、免考或转考的原因）")
    exam_no: str | None = Field(default=None, description="取得该成绩的其他准考证号（合并的准考证；本准考证的为空）")


class Transcript(Answer):
    plan_id: str | None = Field(default=None, description="专业考试计划（考生本人查看时）")
    major_name: str | None = Field(default=None, description="专业名称（考生本人查看时）")
    rows: list[TranscriptRow] = Field(description="每次考试、免考、转考、顶替，同一课程排在一起")
    thesis: dict[str, Any] | None = Field(description="毕业论文")
