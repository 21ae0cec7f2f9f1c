"""Candidate records written the way a province's exam database exports them: 考生, 成绩, 免考, 转考, 违纪 and 前置学历
tables with Chinese headers, as CSV files or one Excel workbook, ready for `biye import`.

    python -m infra.demo.exports --province hubei --count 240 --out build/demo-csv [--xlsx]

A record's thesis becomes a 成绩 row (the plan's thesis code passed in a sitting counts as the thesis); its flags
go to the 考生标记 column. Fields a province's tables have no column for (graduations, 顶替 choices) are left out.
"""
from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

TABLES = {
    "考生": ("准考证号", "姓名", "身份证号", "考办代码", "注册日期", "考生类别", "性别", "手机号", "考试计划",
           "考生标记"),
    "成绩": ("准考证号", "课程代码", "考期", "成绩", "成绩等级", "备注", "学分"),
    "免考": ("准考证号", "课程代码", "审核结果", "证书编号", "免考依据"),
    "转考": ("准考证号", "课程代码", "是否接收", "转出省份"),
    "违纪": ("准考证号", "违纪编号", "处理日期", "停考截止", "延迟毕业年限", "符合毕业条件时间", "成绩无效考期",
           "延迟期间成绩无效"),
    "前置学历": ("准考证号", "学历层次", "毕业时间", "核验状态", "毕业院校", "毕业专业", "专业类别", "应届证明"),
}


def _yes(value) -> str:
    """A flag as a province writes it; text (是, 通过 …) is written as it is."""
    if isinstance(value, str):
        return value
    return "" if value is None else "是" if value else "否"


def rows(table: str, candidates: Iterable[dict]) -> Iterator[tuple]:
    """The rows of one table for these records (JSON form), in record order."""
    for c in candidates:
        exam_no = c["exam_no"]
        if table == "考生":
            yield (exam_no, c["name"], c["id_number"], c["office"], c["registered_on"], c.get("candidate_type", ""),
                   c.get("gender", ""), c.get("phone", ""), "、".join(c.get("majors") or ()),
                   "、".join(k for k, v in (c.get("flags") or {}).items() if v is True))
        elif table == "成绩":
            for s in c.get("attempts") or ():
                score = "" if s.get("score") is None else s["score"]
                note = s.get("note") or ""
                if s.get("absent") is True:   # the table has no 缺考 column: the note says it
                    note = "缺考" + ("，" + note if note else "")
                yield exam_no, s["code"], s["session"], score, s.get("result", ""), note, s.get("credits", "")
            thesis = c.get("thesis")
            if thesis and thesis.get("grade") is not None:
                sessions = sorted(str(s["session"]) for s in c.get("attempts") or ()) or ["2025-10"]
                yield exam_no, thesis["code"], sessions[-1], thesis["grade"], "", "", ""
        elif table == "免考":
            for e in c.get("exemptions") or ():
                codes = e.get("codes") or [e["code"]]
                yield exam_no, "、".join(codes), _yes(e.get("approved", True)), e.get("certificate_id", ""), \
                    e.get("basis", "")
        elif table == "转考":
            for t in c.get("transfers") or ():
                yield exam_no, t["code"], _yes(t.get("accepted", True)), t.get("from_province", "")
        elif table == "违纪":
            for d in c.get("disciplinary") or ():
                yield (exam_no, d["id"], d.get("decided_on", ""), d.get("ban_until", ""), d.get("delay_years", ""),
                       d.get("eligible_on", ""), "、".join(d.get("void_sessions") or ()),
                       _yes(d.get("results_void_during_delay")))
        elif table == "前置学历":
            for p in c.get("prior_education") or ():
                yield (exam_no, p["level"], p.get("graduation_date", ""), p.get("status", ""), p.get("school", ""),
                       p.get("major", ""), p.get("category", ""), _yes(p.get("school_proof")))


def write_csv(candidates: list[dict], out: Path, encoding: str = "utf-8-sig") -> list[Path]:
    """One CSV per table under out/ (utf-8-sig: what Excel's "CSV UTF-8" writes); empty tables are left out."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table, headers in TABLES.items():
        found = list(rows(table, candidates))
        if not found:
            continue
        path = out / f"{table}.csv"
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows(found)
        written.append(path)
    return written


def write_xlsx(candidates: list[dict], path: Path) -> Path:
    """One workbook, a worksheet per table (text cells, as a careful export sets codes and numbers)."""
    import openpyxl
    book = openpyxl.Workbook(write_only=True)
    for table, headers in TABLES.items():
        found = list(rows(table, candidates))
        if not found:
            continue
        sheet = book.create_sheet(table)
        sheet.append(headers)
        for row in found:
            sheet.append([value if isinstance(value, (int, float)) and not isinstance(value, bool)
                          and header in ("成绩", "学分", "延迟毕业年限") else str(value)
                          for header, value in zip(headers, row, strict=True)])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    from .generate import demo_arguments, generate
    parser = demo_arguments("python -m infra.demo.exports")
    parser.add_argument("--xlsx", action="store_true", help="one Excel workbook instead of CSV files")
    args = parser.parse_args(argv)
    candidates = generate(args.province, args.count)
    out = Path(args.out) / "candidates"
    written = [write_xlsx(candidates, out / "考籍.xlsx")] if args.xlsx else write_csv(candidates, out)
    print(f"demo: {len(candidates)} candidates → {', '.join(str(p) for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
