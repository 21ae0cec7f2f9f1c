"""The course table a form prints, from the exam record and the audit: the best passing sitting, and how each
course was passed (考试, 免考, 转入, 顶替 with the score of the course used)."""
from __future__ import annotations

from functions.apply.forms.data import Course, best_sittings, course_rows

RECORD = {
    "attempts": [
        {"code": "00015", "session": "2022-04", "score": 45},
        {"code": "00015", "session": "2022-10", "score": 71},
        {"code": "00015", "session": "2023-04", "score": 71},        # equal score later: the earlier one counts
        {"code": "00024", "session": "2023-04", "score": None, "absent": True},
        {"code": "00024", "session": "2023-10", "score": 88},
        {"code": "13013", "session": "2024-04", "score": "合格"},
        {"code": "02142", "session": "2021-10", "score": 66},       # used for a 顶替
    ],
    "thesis": {"code": "14976", "grade": "优秀"},
}
AUDIT = {
    "course_status": {"00015": "passed", "00024": "passed", "13013": "passed", "00018": "免考", "03708": "转考",
                      "02331": "顶替", "14976": "passed"},
    "applied": [{"rule_id": "R1", "use": ["02142"], "replace": ["02331"]}],
}
COURSES = {"00015": Course("英语（二）", 14), "00024": Course("普通逻辑", 4), "13013": Course("实践", 2.5),
           "00018": Course("计算机应用基础", 2), "03708": Course("中国近现代史纲要", 2), "02331": Course("数据结构", 4),
           "14976": Course("毕业设计", None)}


def test_the_best_passing_sitting_counts_and_failures_and_absences_do_not():
    best = best_sittings(RECORD, 60)
    assert best["00015"] == ("71", "2022-10")
    assert best["00024"] == ("88", "2023-10")
    assert best["13013"] == ("合格", "2024-04")


def test_each_course_says_how_it_was_passed():
    rows = {row.code: row for row in course_rows(RECORD, AUDIT, COURSES, 60)}
    assert list(rows) == list(AUDIT["course_status"])                          # the audit's order
    assert (rows["00015"].passed_by, rows["00015"].score, rows["00015"].credits) == ("考试", "71", "14")
    assert (rows["13013"].credits, rows["13013"].score) == ("2.5", "合格")
    assert (rows["00018"].passed_by, rows["00018"].score) == ("免考", "免考")
    assert (rows["03708"].passed_by, rows["03708"].score) == ("转入", "合格")
    assert (rows["02331"].passed_by, rows["02331"].score, rows["02331"].passed_on) == ("顶替", "66", "2021-10")
    assert (rows["14976"].score, rows["14976"].credits) == ("优秀", "")
