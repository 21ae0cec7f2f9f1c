"""The column map of `biye import`: which header of a province's spreadsheet names which field of a candidate record.

The standard headers below are the names exam databases commonly export (准考证号, 姓名, 身份证号, 课程代码, 成绩,
考期 …) plus each field's own key (exam_no, code, …). A province adds the names its own export uses in its profile
(`records_import.headers`); they never replace the standard ones. Headers are compared after NFKC (full-width →
ASCII), with spaces, asterisks and a unit in brackets left out ("成绩（分）" is 成绩).

Each table is recognised by its header row: all its required fields, and at least one field no other table has.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

EXAM_NO = ("准考证号", "准考证", "准考证号码", "考生准考证号")
CODE = ("课程代码", "课程编号", "科目代码")
SESSION = ("考期", "考试时间", "考试年月", "考试日期", "考试时间(年月)", "考试批次")


@dataclass(frozen=True)
class Table:
    name: str                           # as people call it, and as a file or sheet name may say it
    fields: dict[str, tuple[str, ...]]  # field -> standard headers
    required: tuple[str, ...]
    marks: tuple[str, ...]              # fields that tell this table from the others


TABLES: dict[str, Table] = {
    "candidates": Table("考生", {
        "exam_no": EXAM_NO, "name": ("姓名", "考生姓名"),
        "id_number": ("身份证号", "身份证号码", "证件号码", "证件号", "身份证件号码"),
        "office": ("考办代码", "所属考办", "档案所在地代码", "档案所在地", "市州代码", "市州", "考区代码", "考区"),
        "registered_on": ("注册日期", "考籍注册日期", "注册时间", "考籍注册时间"),
        "candidate_type": ("考生类别", "考生类型"), "gender": ("性别",), "ethnicity": ("民族",),
        "political_status": ("政治面貌",),
        "phone": ("手机号", "手机号码", "联系电话"), "majors": ("考试计划", "考试计划编号", "报考专业计划"),
        "eligible_on": ("符合毕业条件时间", "符合毕业条件日期"),
        "flags": ("考生标记", "计划标记"),  # the plan's conditions the candidate meets (takes_foreign_language …)
    }, required=("exam_no", "name", "id_number", "office", "registered_on"), marks=("name", "id_number")),
    "sittings": Table("成绩", {
        "exam_no": EXAM_NO, "code": CODE, "course_name": ("课程名称", "科目名称"), "session": SESSION,
        "score": ("成绩", "考试成绩", "分数", "总成绩", "卷面成绩"),
        "result": ("成绩等级", "等级", "考试结果"),
        "note": ("备注", "成绩备注", "成绩标记", "考试状态"), "marker": ("成绩类型", "成绩来源", "类型"),
        "credits": ("学分",),
    }, required=("exam_no", "code"), marks=("score", "result", "note", "marker")),
    "exemptions": Table("免考", {
        "exam_no": EXAM_NO, "code": CODE + ("免考课程代码", "免考课程"), "course_name": ("课程名称",),
        "approved": ("审核结果", "审批结果", "是否批准", "审核状态", "是否通过"),
        "certificate_id": ("证书编号", "免考证书编号", "证书号"), "basis": ("免考依据", "证书名称", "免考类型"),
    }, required=("exam_no", "code"), marks=("certificate_id", "basis", "approved")),
    "transfers": Table("转考", {
        "exam_no": EXAM_NO + ("转入准考证号", "转入准考证"), "code": CODE, "course_name": ("课程名称",),
        "accepted": ("是否接收", "接收状态", "转考结果", "是否转入"), "from_province": ("转出省份", "转出省", "转出地"),
        "from_exam_no": ("转出准考证号", "原准考证号"), "session": SESSION, "score": ("成绩", "考试成绩"),
    }, required=("exam_no", "code"), marks=("accepted", "from_province", "from_exam_no")),
    "disciplinary": Table("违纪", {
        "exam_no": EXAM_NO, "id": ("违纪编号", "处理编号", "处理文号", "处分文号"),
        "decided_on": ("处理日期", "处理时间", "处分日期"),
        "ban_until": ("停考截止", "停考至", "禁考截止", "处理截止日期"),
        "delay_years": ("延迟毕业年限", "延迟毕业年数", "延迟年限"),
        "eligible_on": ("符合毕业条件时间", "符合毕业条件日期"),
        "void_sessions": ("成绩无效考期", "无效考期"), "results_void_during_delay": ("延迟期间成绩无效",),
        "reason": ("违纪事实", "违纪原因", "处理依据"),
    }, required=("exam_no",), marks=("ban_until", "delay_years", "void_sessions", "decided_on")),
    "prior_education": Table("前置学历", {
        "exam_no": EXAM_NO, "level": ("学历层次", "前置学历层次", "前置学历"),
        "graduation_date": ("毕业时间", "毕业日期", "毕业年月"), "status": ("核验状态", "验证状态", "认证状态"),
        "school": ("毕业院校", "毕业学校"), "major": ("毕业专业", "所学专业"), "category": ("专业类别", "专业大类"),
        "certificate_no": ("毕业证书编号", "证书编号"), "verified_on": ("核验日期", "验证日期"),
        "school_proof": ("应届证明", "学校证明"),
    }, required=("exam_no", "level"), marks=("level", "graduation_date", "school")),
    "exam_nos": Table("准考证号对照", {
        "old": ("旧准考证号", "老准考证号", "原准考证号(8位)"), "new": ("新准考证号", "新准考证号(12位)"),
    }, required=("old", "new"), marks=("old", "new")),
}


def header_key(header) -> str:
    """A header as compared: NFKC, no spaces or asterisks, no trailing unit in brackets, ASCII lower-cased."""
    found = unicodedata.normalize("NFKC", str(header or "")).strip().lower()
    found = re.sub(r"[\s*]+", "", found)
    return re.sub(r"\((分|年|月|日|yyyy-mm|yyyymm|yyyy-mm-dd)\)$", "", found)


@dataclass(frozen=True)
class RecordColumns:
    """The standard headers plus a province's own, and the CSV encoding its export uses."""

    extra: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    csv_encoding: str | None = None

    def headers(self, table: str) -> dict[str, str]:
        """header key -> field, for one table."""
        found: dict[str, str] = {}
        spec = TABLES[table]
        for name, standard in spec.fields.items():
            for header in (name, *standard, *self.extra.get(table, {}).get(name, ())):
                found.setdefault(header_key(header), name)
        return found

    @classmethod
    def from_profile(cls, value) -> RecordColumns:
        """Read a profile's `records_import` (None: the standard headers only). Raises ValueError naming the key."""
        if value is None:
            return cls()
        if not isinstance(value, dict) or set(value) - {"headers", "csv_encoding"}:
            raise ValueError("键 headers（表 → 字段 → 表头列表）和 csv_encoding")
        extra: dict[str, dict[str, tuple[str, ...]]] = {}
        for table, fields in (value.get("headers") or {}).items():
            if table not in TABLES:
                raise ValueError(f"headers.{table}: 表名应为 {', '.join(TABLES)} 之一")
            if not isinstance(fields, dict):
                raise ValueError(f"headers.{table}: 应为 字段 → 表头列表")
            for name, headers in fields.items():
                if name not in TABLES[table].fields:
                    raise ValueError(f"headers.{table}.{name}: 字段应为 {', '.join(TABLES[table].fields)} 之一")
                if not isinstance(headers, list) or not all(isinstance(h, str) and h.strip() for h in headers):
                    raise ValueError(f"headers.{table}.{name}: 应为非空文本的列表")
            extra[table] = {name: tuple(headers) for name, headers in fields.items()}
        encoding = value.get("csv_encoding")
        if encoding is not None:
            import codecs
            try:
                codecs.lookup(encoding)
            except (LookupError, TypeError):
                raise ValueError(f"csv_encoding: 应为编码名称（如 gb18030、utf-8），实际为 {encoding!r}") from None
        columns = cls(extra, encoding)
        for table in extra:
            _check_unambiguous(columns, table)
        return columns


def _check_unambiguous(columns: RecordColumns, table: str) -> None:
    """A province's header may not name two fields of one table."""
    seen: dict[str, str] = {}
    spec = TABLES[table]
    for name, standard in spec.fields.items():
        for header in (name, *standard, *columns.extra.get(table, {}).get(name, ())):
            key = header_key(header)
            if seen.setdefault(key, name) != name:
                raise ValueError(f"headers.{table}.{name}: 表头「{header}」已表示字段 {seen[key]}")
