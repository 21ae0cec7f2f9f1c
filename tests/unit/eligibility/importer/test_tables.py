"""A province's tables read into records: each table by its headers, the province's own headers, CSV as Excel and
Chinese Windows write it, workbooks with typed cells, old 准考证 numbers through the 准考证号对照 table."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from functions.eligibility.importer import ImportRejected

from .support import CANDIDATE_HEADER, CANDIDATE_ROW, EXAM_NO, ID_NUMBER, only, records, write


def test_every_table_makes_its_part_of_the_record(tmp_path):
    write(tmp_path, {
        "考生.csv": f"{CANDIDATE_HEADER},考生类别,考生标记,考试计划\n{CANDIDATE_ROW},社会考生,takes_foreign_language,"
                   "JS-080901-2024R\n",
        "成绩.csv": "准考证号,课程代码,课程名称,考期,成绩,备注\n"
                   f"{EXAM_NO},00023,高等数学,2025-04,75,\n{EXAM_NO},13000,英语,202510,,缺考\n"
                   f"{EXAM_NO},02324,离散数学,2025年10月,违纪,\n{EXAM_NO},03708,近代史,2025-10,免考,\n",
        "免考.csv": f"准考证号,课程代码,审核结果,证书编号\n{EXAM_NO},00018、00019,通过,NCRE-1\n",
        "转考.csv": f"准考证号,课程代码,转出省份\n{EXAM_NO},00015,河南\n",
        "违纪.csv": f"准考证号,延迟毕业年限,符合毕业条件时间,延迟期间成绩无效\n{EXAM_NO},1年,2025-04,是\n",
        "前置学历.csv": f"准考证号,学历层次,毕业时间,核验状态\n{EXAM_NO},专科,2022年6月,已核验\n",
    })
    record = only(tmp_path)
    assert record["name"] == "张三" and record["id_number"] == ID_NUMBER and record["office"] == "420100"
    assert record["registered_on"] == "2024-09-01" and record["candidate_type"] == "社会考生"
    assert record["flags"] == {"takes_foreign_language": True} and record["majors"] == ["JS-080901-2024R"]
    assert record["attempts"] == [
        {"code": "00023", "session": "2025-04", "score": 75},
        {"code": "13000", "session": "2025-10", "score": None, "absent": True},
        {"code": "02324", "session": "2025-10", "score": "违纪"}]
    assert record["exemptions"] == [{"codes": ["00018", "00019"], "approved": True, "certificate_id": "NCRE-1"},
                                    {"code": "03708"}]
    assert record["transfers"] == [{"code": "00015", "from_province": "河南"}]
    assert record["disciplinary"] == [{"delay_years": 1, "eligible_on": "2025-04", "results_void_during_delay": True,
                                       "id": "违纪记录1"}]
    assert record["prior_education"] == [{"level": "专科", "graduation_date": "2022-06", "status": "verified"}]


def test_a_gb18030_csv_with_a_title_row_tabs_and_the_provinces_own_headers(tmp_path):
    # 湖北's profile names the office column 市(州); an office may be given by name; Excel on Chinese Windows
    # writes GB18030.
    text = "湖北省高等教育自学考试考籍\n准考证号\t姓名\t身份证号\t市(州)\t考籍注册时间\n" \
           f"{EXAM_NO}\t张三\t{ID_NUMBER}\t武汉市\t2024/9/1\n"
    write(tmp_path, {"考生.csv": text.encode("gb18030")})
    record = only(tmp_path)
    assert record["office"] == "420100" and record["registered_on"] == "2024-09-01"


def test_full_width_cells_and_a_utf8_bom(tmp_path):
    write(tmp_path, {"考生.csv": "\ufeff" + CANDIDATE_HEADER + "\n" + CANDIDATE_ROW + "\n",
                     "成绩.csv": f"准考证号,课程代码,考期,成绩\n{EXAM_NO},０００２３,２０２５－０４,７５．０\n"})
    assert only(tmp_path)["attempts"] == [{"code": "00023", "session": "2025-04", "score": 75}]


def test_a_workbook_with_numbers_and_dates_in_its_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "考生"
    sheet.append(["准考证号", "姓名", "身份证号", "考办代码", "注册日期"])
    sheet.append([int(EXAM_NO), "张三", ID_NUMBER, 420100, dt.datetime(2024, 9, 1)])
    scores = book.create_sheet("成绩")
    scores.append(["准考证号", "课程代码", "考期", "成绩"])
    scores.append([EXAM_NO, 13000, dt.datetime(2025, 4, 12), 75.0])
    scores.append([EXAM_NO, "00023", 202510, "合格"])
    book.create_sheet("填表说明").append(["本表由考试院导出，请勿修改表头"])
    write(tmp_path, {})
    book.save(tmp_path / "candidates" / "考籍.xlsx")
    record = only(tmp_path)
    assert record["registered_on"] == "2024-09-01"
    assert record["attempts"] == [{"code": "13000", "session": "2025-04", "score": 75},
                                  {"code": "00023", "session": "2025-10", "score": "合格"}]


def test_old_eight_digit_numbers_through_the_mapping_table(tmp_path):
    write(tmp_path, {"考生.csv": f"{CANDIDATE_HEADER}\n{CANDIDATE_ROW.replace(EXAM_NO, '12345678')}\n",
                     "成绩.csv": "准考证号,课程代码,考期,成绩\n12345678,00023,2025-04,75\n"
                                f"{EXAM_NO},13000,2025-04,80\n"})
    with pytest.raises(ImportRejected) as caught:
        records(tmp_path)
    old, orphan, refused = sorted(caught.value.problems, key=lambda p: (p.file, p.where))
    assert (old.file, old.where, old.column) == ("candidates/成绩.csv", "第 2 行", "准考证号")
    assert (refused.file, refused.where, refused.column) == ("candidates/考生.csv", "第 2 行", "准考证号")
    assert "8 位旧准考证号" in old.expected and "8 位旧准考证号" in refused.expected
    assert "考生表" in orphan.expected and orphan.where == "第 3 行"   # its candidate's row was the refused one
    write(tmp_path, {"准考证号对照.csv": f"旧准考证号,新准考证号\n12345678,{EXAM_NO}\n"})
    record = only(tmp_path)
    assert [a["code"] for a in record["attempts"]] == ["00023", "13000"]


def test_the_table_that_knows_more_columns_wins_a_tie_is_settled_by_the_name(tmp_path):
    write(tmp_path, {"考生.csv": f"{CANDIDATE_HEADER}\n{CANDIDATE_ROW}\n",
                     "外省.csv": f"准考证号,课程代码,成绩,是否接收\n{EXAM_NO},00023,75,否\n"})
    assert only(tmp_path)["transfers"] == [{"code": "00023", "accepted": False, "score": "75"}]
    (tmp_path / "candidates" / "外省.csv").unlink()
    # 成绩 and 转考 both know four of these columns
    write(tmp_path, {"外省转入.csv": f"准考证号,课程代码,成绩,转出省份,备注\n{EXAM_NO},00023,75,河南,\n"})
    with pytest.raises(ImportRejected) as caught:
        records(tmp_path)
    assert "在文件名或工作表名中写明" in caught.value.expected
    (tmp_path / "candidates" / "外省转入.csv").rename(tmp_path / "candidates" / "转考.csv")
    assert only(tmp_path)["transfers"] == [{"code": "00023", "score": "75", "from_province": "河南"}]
