"""What a printed form shows: plain frozen dataclasses, filled by the caller from the application and its records."""
from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date

PASS_METHODS = ("考试", "免考", "顶替", "转入")
LEVELS = ("专科", "本科")


@dataclass(frozen=True)
class Candidate:
    name: str
    gender: str
    ethnicity: str
    birth_date: date
    id_number: str  # shown whole: the form is the candidate's own
    exam_no: str
    phone: str
    address: str


@dataclass(frozen=True)
class CourseRow:
    code: str
    name: str
    credits: str   # text, as the plan prints it ("4", "2.5")
    score: str     # text: a mark ("78") or a grade ("合格", "良好")
    passed_by: str  # one of PASS_METHODS
    passed_on: str  # exam sitting or decision date as printed, e.g. "2023-10" or "2023年10月"


@dataclass(frozen=True)
class PriorEducation:
    school: str
    certificate_no: str
    graduated_on: date


@dataclass(frozen=True)
class ResumeEntry:
    start: str  # "2015-09"
    end: str    # "2019-06" or "至今"
    unit: str   # school or employer
    role: str   # 学生, 职员, 待业 …


@dataclass(frozen=True)
class FormData:
    authority: str          # 湖北省教育考试院
    title: str              # 湖北省高等教育自学考试毕业生申请表
    batch: str              # 2025年上半年
    reference: str          # the application's reference number
    generated_on: date      # printed in the footer and used as the PDF creation date (never the clock)
    candidate: Candidate
    major_code: str
    major_name: str
    level: str              # one of LEVELS
    host_universities: tuple[str, ...]
    graduation_date: date
    courses: tuple[CourseRow, ...]
    photo_jpeg: bytes | None = None
    prior_education: PriorEducation | None = None
    resume: tuple[ResumeEntry, ...] = ()
    self_assessment: str = ""
    statement: str = ""     # 情况说明, where the candidate wrote one
    signature_png: bytes | None = None  # PNG or JPEG bytes of the candidate's signature
    direction: str = ""     # 专业毕业方向, where the major has several (湖北 step 6)


def texts(value) -> list[str]:
    """Every string a form would print from `value` (a FormData or any part of it), for the font check."""
    if isinstance(value, str):
        return [value]
    if is_dataclass(value):
        return [t for f in fields(value) for t in texts(getattr(value, f.name))]
    if isinstance(value, (tuple, list)):
        return [t for item in value for t in texts(item)]
    return []
