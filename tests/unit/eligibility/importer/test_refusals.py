"""What cannot be read is refused naming the file, the row (or JSON path) and the column, in Chinese, with what was
expected; every problem of a file at once (up to a cap), and nothing of any file is kept."""
from __future__ import annotations

import json

import openpyxl
import pytest

from functions.eligibility.importer import ImportRejected
from functions.eligibility.importer.problems import PER_FILE

from .support import CANDIDATE_HEADER, CANDIDATE_ROW, EXAM_NO, ID_NUMBER, records, write


def refused(root) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        records(root)
    return caught.value


def places(rejected: ImportRejected) -> list[tuple]:
    return [(p.file, p.where, p.column) for p in rejected.problems]


def test_every_problem_of_a_file_at_once_by_row_and_column(tmp_path):
    write(tmp_path, {"考生.csv": f"{CANDIDATE_HEADER}\n{CANDIDATE_ROW}\n",
                     "成绩.csv": "准考证号,课程代码,考期,成绩,备注\n"
                                f"{EXAM_NO},00023,2025-04,七十五,\n"
                                f"{EXAM_NO},23,2025-04,80,\n"
                                f"{EXAM_NO},00024,2025-13,80,\n"
                                f"{EXAM_NO},00025,2025-04,,待定\n"
                                f"{EXAM_NO},00026,2025-04,80,\n"})
    found = refused(tmp_path)
    assert places(found) == [("candidates/成绩.csv", "第 2 行", "成绩"), ("candidates/成绩.csv", "第 3 行", "课程代码"),
                             ("candidates/成绩.csv", "第 4 行", "考期"), ("candidates/成绩.csv", "第 5 行", "备注")]
    lines = found.lines()
    assert lines[0] == ("candidates/成绩.csv 第 2 行「成绩」列：应为0 以上的数字成绩（如 75、75.0），"
                        "或 合格、不合格、优秀、良好、中等、及格、不及格、通过、"
                        "缺考、违纪、作弊、取消、无效、免考、转考"
                        "（实际为「七十五」）")
    assert "开头的 0" in lines[1] and "考期" in lines[2] and "实际为「待定」" in lines[3]


def test_problems_are_capped_per_file_and_the_rest_counted(tmp_path):
    rows = "".join(f"{EXAM_NO},{10000 + i},2025-13,80\n" for i in range(PER_FILE + 30))
    write(tmp_path, {"考生.csv": f"{CANDIDATE_HEADER}\n{CANDIDATE_ROW}\n",
                     "成绩.csv": "准考证号,课程代码,考期,成绩\n" + rows})
    found = refused(tmp_path)
    assert len(found.problems) == PER_FILE and found.more == 30
    assert found.lines()[-1] == "……另有 30 处问题未列出"


def test_identity_problems_and_records_that_do_not_add_up(tmp_path):
    write(tmp_path, {"考生.csv": f"{CANDIDATE_HEADER}\n{CANDIDATE_ROW}\n{CANDIDATE_ROW}\n"
                                "420120000002,李四,420102199001011234,420999,2024-09-01\n",
                     "成绩.csv": "准考证号,课程代码,考期,成绩\n420120000003,00023,2025-04,80\n"})
    found = refused(tmp_path)
    assert places(found) == [("candidates/成绩.csv", "第 2 行", "准考证号"),
                             ("candidates/考生.csv", "第 3 行", "准考证号"),
                             ("candidates/考生.csv", "第 4 行", "身份证号"),
                             ("candidates/考生.csv", "第 4 行", "考办代码")]
    assert "考生表" in found.problems[0].expected and "第 2 行 已有此考生" in found.problems[1].expected
    assert "420100 或 武汉市" in found.problems[3].expected
    assert all("420102199001011234" not in line for line in found.lines())  # ID numbers are never echoed


def test_a_file_whose_headers_name_no_table_lists_what_is_wanted(tmp_path):
    write(tmp_path, {"名单.csv": "序号,名字\n1,张三\n"})
    found = refused(tmp_path)
    assert places(found) == [("candidates/名单.csv", "(表头)", None)]
    assert "考生表：准考证号、姓名、身份证号、考办代码、注册日期" in found.expected


def test_two_columns_for_one_field(tmp_path):
    write(tmp_path, {"成绩.csv": f"准考证号,课程代码,考期,考试时间,成绩\n{EXAM_NO},00023,2025-04,2025-04,80\n"})
    found = refused(tmp_path)
    assert places(found) == [("candidates/成绩.csv", "第 1 行", "考试时间")] and "只保留一列" in found.expected


def test_excel_numbers_that_lost_digits(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "考生"
    sheet.append(["准考证号", "姓名", "身份证号", "考办代码", "注册日期"])
    sheet.append([EXAM_NO, "张三", float(ID_NUMBER), "420100", "2024-09-01"])  # 18 digits do not survive a float
    scores = book.create_sheet("成绩")
    scores.append(["准考证号", "课程代码", "考期", "成绩"])
    scores.append([EXAM_NO, 23, "2025-04", 80])                              # 00023 lost its zeros
    write(tmp_path, {})
    book.save(tmp_path / "candidates" / "考籍.xlsx")
    found = refused(tmp_path)
    assert sorted(places(found)) == [("candidates/考籍.xlsx 「成绩」", "第 2 行", "课程代码"),
                                     ("candidates/考籍.xlsx 「考生」", "第 2 行", "身份证号")]
    assert all("设为文本" in p.expected for p in found.problems)


def test_a_file_that_is_no_workbook_and_a_csv_that_changes_encoding(tmp_path):
    utf8 = ("准考证号,课程代码,考期,成绩\n" + f"{EXAM_NO},00023,2025-04,80\n" * 30000).encode("utf-8")
    write(tmp_path, {"考生.csv": f"{CANDIDATE_HEADER}\n{CANDIDATE_ROW}\n", "考籍.xlsx": b"PK\x03\x04 not really a zip",
                     "成绩.csv": utf8 + f"{EXAM_NO},00024,2025-04,".encode() + "缺考".encode("gb18030") + b"\n"})
    found = refused(tmp_path)
    assert sorted(places(found)) == [("candidates/成绩.csv", "第 30002 行", None),
                                     ("candidates/考籍.xlsx", "(文件)", None)]
    assert "编码" in next(p.expected for p in found.problems if p.file.endswith(".csv"))


def test_json_candidates_are_named_by_their_json_path(tmp_path):
    entry = {"exam_no": EXAM_NO, "name": "张三", "id_number": ID_NUMBER, "office": "420100",
             "registered_on": "2024-09-01", "attempts": [{"code": "00023", "session": "2025-04", "score": "七十五"}]}
    write(tmp_path, {"c.json": json.dumps({"candidates": [entry]}, ensure_ascii=False)})
    found = refused(tmp_path)
    assert places(found) == [("candidates/c.json", "candidates[0].attempts[0].score", None)]
