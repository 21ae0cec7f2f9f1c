"""Prior education (前置学历) for 本科 candidates: 学信网 verification, and the manual path staff finish.

A 本科 graduation needs a state-recognised diploma of 专科 or higher dated on or before the batch's cut-off (安徽:
上半年不得晚于 6 月 30 日, 以证书落款日期为准); the cut-off is an argument. The profile's
`application.prior_education.method` says how the candidate shows it:

- `xuexin` (安徽, 重庆): checked against 学信网 by name and ID number (安徽: the candidate authorises the check in the
  学信网 app; the adapter stands for that answer); no certificate number needed. When the answer is not_found,
  mismatch (e.g. a changed name) or unavailable, the candidate takes the manual path.
- `certificate_number` (山西): the candidate types the 前置学历证书编号 when applying and it is checked with name
  and ID number; a failed check falls back to the manual path.
- `filing` (湖北 前置学历管理): no online check; the candidate files school, certificate number and graduation date
  with the fallback documents, and staff check them: straight to manual_pending.

Manual path (`submit_manual`): school, certificate number and graduation date typed in, and every upload in
`prior_education.fallback_documents` (重庆: 毕业证书 + 备案表; 安徽: 备案表; 山西: 毕业证书) present, make the record
manual_pending for staff. The level (专科, 本科 …) is read from the certificate number.

Certificate numbers (学历证书编号, 2002 on): 18 digits = 学校代码 5 + 办学类型 1 (1 普通, 5 成人, 6 自学考试,
7 网络教育) + 毕业年份 4 + 培养层次 2 (01 博士, 02 硕士, 04 第二学士学位, 05 本科, 06 专科) + 顺序号 6.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from functions.common.errors import BadInput, Problems
from functions.photo.statuses import UploadStatus
from functions.profiles.vocabulary import DOCUMENT_NAMES, DocumentKind

from .text_rules import well_formed


class PriorStatus(StrEnum):
    """What a prior-education check found: 学信网's answers, then the rules' verdicts and the manual path's."""
    VERIFIED = "verified"
    NOT_FOUND = "not_found"
    MISMATCH = "mismatch"
    UNAVAILABLE = "unavailable"
    MANUAL_PENDING = "manual_pending"
    TOO_LATE = "too_late"
    BELOW_LEVEL = "below_level"
    REFUSED = "refused"              # staff found on 学信网 that a manual claim does not hold (prior_checks/)


VERIFIED, NOT_FOUND, MISMATCH, UNAVAILABLE, MANUAL_PENDING, TOO_LATE, BELOW_LEVEL, REFUSED = PriorStatus
NEEDS_MANUAL = (NOT_FOUND, MISMATCH, UNAVAILABLE, REFUSED)   # the manual path is open (again) after these
ACCEPTED = (VERIFIED, MANUAL_PENDING)              # a 本科 application may be submitted with these
UPLOADED = (UploadStatus.OK, UploadStatus.PENDING_REVIEW, UploadStatus.APPROVED)   # an upload's status that counts
SCHOOL_TYPES = {"1": "普通高等教育", "5": "成人高等教育", "6": "高等教育自学考试", "7": "网络教育"}
LEVEL_CODES = {"01": "博士研究生", "02": "硕士研究生", "04": "第二学士学位", "05": "本科", "06": "专科"}
QUALIFYING = ("专科", "本科", "第二学士", "硕士", "博士")   # 专科及以上 (a level containing one of these)
METHOD_STEPS = {"xuexin": "请先完成学信网前置学历核验",
                "certificate_number": "请填写前置学历证书编号并完成核验",
                "filing": "请在“前置学历管理”中申报前置学历（毕业学校、证书编号、毕业时间，并上传材料）"}


@dataclass(frozen=True)
class Verification:
    """学信网's answer. Only a verified answer carries the diploma's details."""
    status: PriorStatus              # verified | not_found | mismatch | unavailable
    school: str | None = None
    level: str | None = None
    graduated_on: date | None = None
    certificate_no: str | None = None


class Xuexin(Protocol):
    """学信网, or its stand-in (xuexin.py's SandboxXuexin on the local stage)."""

    def verify(self, name: str, id_number: str, certificate_no: str | None) -> Verification:
        """Look the person up; outages and timeouts answer `unavailable` rather than raise."""


@dataclass(frozen=True)
class PriorEducation:
    """What is stored on the application: the outcome, and a Chinese message saying what it means or what to do."""
    method: str
    status: PriorStatus              # a Verification status, or too_late | below_level | manual_pending
    message: str
    school: str | None = None
    level: str | None = None
    graduated_on: date | None = None
    certificate_no: str | None = None
    documents: tuple[str, ...] = ()  # the fallback uploads staff will look at (manual_pending only)
    # The 在线验证码 of the candidate's 《教育部学历证书电子注册备案表》 or 《中国高等教育学历认证报告》:
    # staff open it on 学信网 (there is no API for this check) and record what they saw.
    online_code: str | None = None
    # Who recorded what 学信网 showed for a manual claim, when (UTC ISO), and why it was refused.
    checked_by: str | None = None
    checked_at: str | None = None
    reason: str | None = None
    identity_changed: bool = False   # the diploma shows another name or ID number (改名、身份证号变更)

    def as_dict(self) -> dict:
        out = asdict(self)
        out.update(graduated_on=self.graduated_on.isoformat() if self.graduated_on else None,
                   documents=list(self.documents))
        return out

    @classmethod
    def from_dict(cls, item: dict) -> PriorEducation:
        on = item.get("graduated_on")
        return cls(**{**item, "status": PriorStatus(item["status"]),
                      "graduated_on": date.fromisoformat(on) if on else None,
                      "documents": tuple(item.get("documents") or ())})


SCHOOL_MAX = 50                          # 字 of the 毕业学校 typed for a manual check


def certificate_problem(value: object) -> str | None:
    """None when `value` has the shape of a 学历证书编号 (module docstring), else what is wrong, in Chinese."""
    shape = "应为 18 位数字：学校代码 5 位 + 办学类型 1 位 + 毕业年份 4 位 + 培养层次 2 位 + 顺序号 6 位"
    if not isinstance(value, str) or not re.fullmatch(r"\d{18}", value):
        got = f"（现为 {len(value)} 位）" if isinstance(value, str) and value else ""
        return f"学历证书编号{shape}{got}"
    if value[5] not in SCHOOL_TYPES:
        return f"学历证书编号第 6 位是办学类型，应为 1、5、6 或 7，现为 {value[5]}；{shape}"
    if not 2001 <= int(value[6:10]) <= 2100:
        return f"学历证书编号第 7–10 位是毕业年份，现为 {value[6:10]}；{shape}"
    if value[10:12] not in LEVEL_CODES:
        return f"学历证书编号第 11–12 位是培养层次，应为 01、02、04、05 或 06，现为 {value[10:12]}；{shape}"
    return None


def check_certificate_no(value: object, field: str = "prior_education.certificate_no") -> str:
    typed = re.sub(r"\s", "", unicodedata.normalize("NFKC", value)) if isinstance(value, str) else value
    return well_formed(typed, field, "请填写前置学历的学历证书编号（毕业证书上的 18 位编号）", certificate_problem)


def _judge(method: str, found: Verification, cutoff: date) -> PriorEducation:
    if found.status != VERIFIED:
        why = {NOT_FOUND: "学信网未查到您的前置学历",
               MISMATCH: "学信网的前置学历信息与您的姓名、身份证号或证书编号不一致",
               UNAVAILABLE: "学信网暂时无法核验，可稍后重试"}[found.status]
        return PriorEducation(method, found.status,
                              f"{why}：请填写毕业学校、证书编号、毕业时间并上传材料，由工作人员人工核查")

    def found_one(status: PriorStatus, message: str) -> PriorEducation:
        return PriorEducation(method, status, message, school=found.school, level=found.level,
                              graduated_on=found.graduated_on, certificate_no=found.certificate_no)
    if not any(q in (found.level or "") for q in QUALIFYING):
        return found_one(BELOW_LEVEL, f"学信网核验到的学历为“{found.level}”：申请本科毕业须有专科或以上学历")
    if found.graduated_on is None or found.graduated_on > cutoff:
        return found_one(TOO_LATE, f"前置学历毕业时间 {found.graduated_on} 晚于本次毕业申请要求的 "
                                   f"{cutoff.isoformat()}（以证书落款日期为准），本次不能申请本科毕业")
    return found_one(VERIFIED, "前置学历已通过学信网核验")


def verify(profile_data: dict, xuexin: Xuexin, *, name: str, id_number: str, cutoff: date,
           certificate_no: str | None = None) -> PriorEducation:
    """The online check (methods xuexin and certificate_number); `cutoff` is the batch's latest graduation date."""
    method = profile_data["application"]["prior_education"]["method"]
    if method == "filing":
        raise BadInput(f"{profile_data['province']}的前置学历不在线核验：{METHOD_STEPS['filing']}",
                       field="prior_education")
    if method == "certificate_number" or certificate_no not in (None, ""):
        certificate_no = check_certificate_no(certificate_no)
    else:
        certificate_no = None
    return _judge(method, xuexin.verify(name.strip(), id_number.strip().upper(), certificate_no), cutoff)


def _graduated_on(value: object, cutoff: date, field: str = "prior_education.graduated_on") -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(unicodedata.normalize("NFKC", value).strip())
        except ValueError:
            raise BadInput("前置学历毕业时间应为“年-月-日”，如 2023-06-30（以毕业证书落款日期为准）",
                           field=field) from None
    if not isinstance(value, date):
        raise BadInput("请填写前置学历毕业时间（毕业证书落款日期）", field=field)
    if value.year < 1950:
        raise BadInput(f"前置学历毕业时间 {value.isoformat()} 不合理，请核对毕业证书落款日期", field=field)
    if value > cutoff:
        raise BadInput(f"前置学历毕业时间 {value.isoformat()} 晚于本次毕业申请要求的 {cutoff.isoformat()}"
                       "（以证书落款日期为准），本次不能申请本科毕业", field=field)
    return value


def uploaded(uploads: dict | None, kind: str) -> bool:
    """Whether `uploads` ({kind: status or {"status": …}}) holds a usable upload of `kind`."""
    item = (uploads or {}).get(kind)
    return (item.get("status") if isinstance(item, dict) else item) in UPLOADED


def manual_documents(profile_data: dict, identity_changed: bool) -> tuple[str, ...]:
    """The uploads the manual path needs: the profile's fallback documents, and its statement of a changed name or
    ID number (where the province takes one) when they differ from the diploma."""
    docs = tuple(profile_data["application"]["prior_education"]["fallback_documents"])
    changed = identity_changed and DocumentKind.IDENTITY_CHANGE in profile_data["documents"]
    return docs + ((DocumentKind.IDENTITY_CHANGE.value,) if changed else ())


def on_manual_path(profile_data: dict, record: PriorEducation | dict | None) -> bool:
    """Whether the candidate's 前置学历 goes (or went) the manual way: filed by hand (湖北), or an online check that
    failed or was unavailable, or a manual claim waiting for staff."""
    if profile_data["application"]["prior_education"]["method"] == "filing":
        return True
    status = (record.get("status") if isinstance(record, dict) else record.status) if record else None
    return status in NEEDS_MANUAL + (MANUAL_PENDING,)


def submit_manual(profile_data: dict, claim: dict, *, uploads: dict | None, cutoff: date,
                  previous: PriorEducation | dict | None = None) -> PriorEducation:
    """The manual path: {school, certificate_no, graduated_on} with the profile's fallback documents uploaded →
    manual_pending, every problem of the claim at once. Open for `filing` at once, for the other methods after a
    failed or unavailable check."""
    settings = profile_data["application"]["prior_education"]
    method = settings["method"]
    if isinstance(previous, dict):
        previous = PriorEducation.from_dict(previous)
    if method != "filing" and (previous is None or previous.status not in NEEDS_MANUAL + (MANUAL_PENDING,)):
        raise BadInput(f"{METHOD_STEPS[method]}；核验未通过或学信网暂时无法核验时，才需填写前置学历信息并上传材料",
                       field="prior_education")
    if not isinstance(claim, dict):
        raise BadInput("请填写前置学历的毕业学校、证书编号和毕业时间", field="prior_education")
    problems = Problems()
    school = " ".join(claim["school"].split()) if isinstance(claim.get("school"), str) else ""
    if not school or len(school) > SCHOOL_MAX:
        problems.add("prior_education.school",
                     f"请填写前置学历的毕业学校（毕业证书上的学校全称，不超过 {SCHOOL_MAX} 字）")
    number = problems.attempt(check_certificate_no, claim.get("certificate_no"))
    on = problems.attempt(_graduated_on, claim.get("graduated_on"), cutoff)
    code = problems.attempt(online_code, claim.get("online_code"))
    changed = claim.get("identity_changed") is True
    documents = manual_documents(profile_data, changed)
    for kind in documents:
        if not uploaded(uploads, kind):
            problems.add(f"prior_education.{kind}", f"请上传{DOCUMENT_NAMES.get(kind, kind)}：前置学历人工核查需要它")
    problems.answer()
    assert number is not None and on is not None     # (problems.answer() raised otherwise)
    how = "工作人员将在学信网核对您填写的在线验证码" if code else "等待工作人员核查"
    return PriorEducation(method, MANUAL_PENDING, f"前置学历信息和材料已提交，{how}", school=school,
                          level=LEVEL_CODES[number[10:12]], graduated_on=on, certificate_no=number,
                          documents=documents, online_code=code, identity_changed=changed)


ONLINE_CODE = re.compile(r"[0-9A-Z]{12,16}")


def online_code(value: object, field: str = "prior_education.online_code") -> str | None:
    """The 在线验证码 as typed (optional): 12–16 letters and digits, spaces and case ignored; None when left empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    typed = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value)).upper() if isinstance(value, str) else ""
    if not ONLINE_CODE.fullmatch(typed):
        raise BadInput("在线验证码应为 12–16 位字母和数字（见《教育部学历证书电子注册备案表》或"
                       "《中国高等教育学历认证报告》右下角，可在学信网免费申请）", field=field)
    return typed


def submit_problem(profile_data: dict, record: PriorEducation | dict | None, uploads: dict | None) -> str | None:
    """Why a 本科 application cannot be submitted yet because of its prior education, or None."""
    method = profile_data["application"]["prior_education"]["method"]
    if not record:
        return f"申请本科毕业须有专科或以上学历：{METHOD_STEPS[method]}"
    record = PriorEducation.from_dict(record) if isinstance(record, dict) else record
    if record.status == MANUAL_PENDING:
        gone = [DOCUMENT_NAMES.get(k, k) for k in record.documents if not uploaded(uploads, k)]
        return f"前置学历人工核查材料缺少{'、'.join(gone)}，请重新上传" if gone else None
    return None if record.status in ACCEPTED else record.message


RECORD = "record"                        # the method of a prior education the exam record itself proves
KEPT = "学信网本次未能核验，已核验的前置学历保留不变"


def in_record(entries: list[dict] | None) -> PriorEducation | None:
    """The exam record's verified 专科-or-higher diploma, as the application shows one (its method `record`)."""
    for entry in entries or ():
        if entry.get("status") == VERIFIED and any(q in (entry.get("level") or "") for q in QUALIFYING):
            on = str(entry.get("graduation_date") or "")
            return PriorEducation(RECORD, VERIFIED, "考籍档案中的前置学历已核验", school=entry.get("school"),
                                  level=entry["level"], graduated_on=date.fromisoformat(on) if len(on) == 10 else None)
    return None


def standing(stored: dict | None, record_entries: list[dict] | None, met: bool) -> dict | None:
    """The 前置学历 an application stands on: a stored verified or filed one; else, where the audit finds the
    requirement met (`met`), the exam record's verified one, which a later 未查到 or outage never hides; else the
    stored outcome (what to do next), or None."""
    if stored and stored["status"] in ACCEPTED:
        return stored
    kept = in_record(record_entries) if met else None
    return kept.as_dict() if kept else stored


def kept_over(outcome: PriorEducation, standing_now: dict | None) -> dict | None:
    """What a new check answers when a verified record stands: never a downgrade (a verified answer replaces it; any
    other answer keeps it, saying so)."""
    if outcome.status == VERIFIED or not standing_now or standing_now["status"] != VERIFIED:
        return None
    return {**standing_now, "message": KEPT}
