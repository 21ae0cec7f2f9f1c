"""Staff record what 学信网 showed for a candidate's manual 前置学历 claim: verified, or refused with a reason the
candidate reads with what to do. One at a time from the staff application page, or in bulk: an export of the
pending claims as CSV (the columns a 学信网 check needs, and two for the answer), and an import of that file with
the answers filled in. Pure: no storage, no clock.

There is no public 学信网 API: nothing here says verified without a person having looked.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from enum import StrEnum

from functions.apply.sections.prior_rules import MANUAL_PENDING, PriorEducation, PriorStatus
from functions.common.errors import BadInput, Conflict, Forbidden
from functions.common.jurisdiction import office_name

REASON_MAX = 200
MOST_ROWS = 50                 # decisions per import: each is two writes, and one transaction holds 100
MOST_BYTES = 512 * 1024
EXAM_NO = re.compile(r"\d{12}")
# The export's columns, in order; the office fills the last two and imports the file again.
COLUMNS = ("准考证号", "姓名", "身份证号", "毕业学校", "证书编号", "层次", "毕业时间", "在线验证码", "核对结果", "原因")
ANSWER_COLUMNS = ("准考证号", "核对结果", "原因")


class Decision(StrEnum):
    VERIFIED = "verified"
    REFUSED = "refused"


RESULT_WORDS = {"通过": Decision.VERIFIED, "核对通过": Decision.VERIFIED, "不通过": Decision.REFUSED,
                "核对不通过": Decision.REFUSED}


def decided_by(profile_data: dict) -> str:
    return profile_data["application"]["prior_education"]["decided_by"]


def check_decision(profile_data: dict, role: str, record: dict | None, decision: str, reason: str) -> None:
    """Refuse a decision this member of staff may not make now, in words for the page."""
    office = decided_by(profile_data)
    if role != office:
        raise Forbidden(f"前置学历的学信网核对由{office_name(profile_data, office)}记录")
    if record is None or record.get("status") != MANUAL_PENDING:
        raise Conflict("该考生没有待核对的前置学历（可能已由他人记录）", field="decision")
    if decision == Decision.REFUSED and not reason.strip():
        raise BadInput("请填写不通过的原因（考生会看到）", field="reason")


def decided(record: dict, decision: Decision, reason: str, staff_name: str, at: str) -> dict:
    """The stored record after the decision, its message saying what it means and, if refused, what to do."""
    reason = " ".join(reason.split())
    if decision == Decision.VERIFIED:
        message, status = f"前置学历已由{staff_name}在学信网核对通过", PriorStatus.VERIFIED
    else:
        message, status = (f"前置学历未通过学信网核对：{reason}。请核对毕业学校、证书编号、毕业时间和在线验证码"
                           f"（可在学信网重新申请《教育部学历证书电子注册备案表》），在“前置学历”中改正后重新提交；"
                           f"申请已提交的，待申请退回后修改"), PriorStatus.REFUSED
    return {**record, "status": status, "message": message, "reason": reason or None, "checked_by": staff_name,
            "checked_at": at}


# export ------------------------------------------------------------------------------------------------------------
def export_row(exam_no: str, record: dict, person: dict) -> list[str]:
    prior = PriorEducation.from_dict(record)
    return [exam_no, person.get("name", ""), person.get("id_number", ""), prior.school or "",
            prior.certificate_no or "", prior.level or "", prior.graduated_on.isoformat() if prior.graduated_on else "",
            prior.online_code or "", "", ""]


def csv_text(rows: list[list[str]]) -> str:
    """UTF-8 with a BOM, so Excel opens it in Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


# import ------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Answer:
    line: int
    exam_no: str
    decision: Decision
    reason: str


def read_answers(text: str) -> tuple[list[Answer], int, list[tuple[int, str]]]:
    """(the well-formed answers, how many rows had no result yet, [(line, what is wrong)] for the others) of an
    imported file; BadInput at once when the file itself is unusable (too large, empty, a column missing)."""
    if len(text.encode("utf-8")) > MOST_BYTES:
        raise BadInput(f"文件过大：最多 {MOST_BYTES // 1024} KB", field="file")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or not any(c.strip() for c in rows[0]):
        raise BadInput("文件是空的：第 1 行应为列名（准考证号、核对结果、原因）", field="file")
    header = [c.strip() for c in rows[0]]
    missing = [c for c in ANSWER_COLUMNS if c not in header]
    if missing:
        raise BadInput(f"第 1 行：缺少列“{'”“'.join(missing)}”", field="file")
    at = {c: header.index(c) for c in ANSWER_COLUMNS}
    answers: list[Answer] = []
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    blank = 0
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cell = {c: (row[i].strip() if i < len(row) else "") for c, i in at.items()}
        exam_no = cell["准考证号"].strip("=\"' ")           # as Excel may have written it: ="0123…" or '0123…
        wrong = []
        if not EXAM_NO.fullmatch(exam_no):
            wrong.append(f"准考证号应为 12 位数字，现为“{cell['准考证号'][:20]}”")
        elif exam_no in seen:
            wrong.append(f"准考证号 {exam_no} 与第 {seen[exam_no]} 行重复")
        if not cell["核对结果"]:
            if not wrong:
                blank += 1
                continue
        elif cell["核对结果"] not in RESULT_WORDS:
            wrong.append(f"核对结果应为“通过”或“不通过”，现为“{cell['核对结果'][:20]}”")
        elif RESULT_WORDS[cell["核对结果"]] == Decision.REFUSED and not cell["原因"]:
            wrong.append("核对结果为不通过时须填写原因（考生会看到）")
        if len(cell["原因"]) > REASON_MAX:
            wrong.append(f"原因最多 {REASON_MAX} 字，现有 {len(cell['原因'])} 字")
        if wrong:
            problems.append((line, "；".join(wrong)))
            continue
        seen[exam_no] = line
        answers.append(Answer(line, exam_no, RESULT_WORDS[cell["核对结果"]], cell["原因"]))
    if len(answers) > MOST_ROWS:
        raise BadInput(f"一次最多导入 {MOST_ROWS} 行核对结果，本文件有 {len(answers)} 行，请分批导入", field="file")
    if not answers and not problems:
        raise BadInput("文件中没有填写核对结果的行：请在“核对结果”列填写“通过”或“不通过”", field="file")
    return answers, blank, problems


def raise_all(problems: list[tuple[int, str]]) -> None:
    """Every bad row of the file at once, in line order (the page lists them), the first as the message."""
    said = [f"第 {line} 行：{what}" for line, what in sorted(problems)]
    raise BadInput(said[0], field="file", problems=[{"field": "file", "message": p} for p in said])
