"""安徽's 替代课程 (未通过课程处理): a course not passed may be replaced by one course of the list the plan gives for
it; the list is told in words, a passed 替代课程 replaces the course at once, one not yet passed is refused with the
course to take, and a course off the list or a course already passed is refused naming the field."""

import pytest

from functions.eligibility.engine import audit, replacement_choice, replacement_courses

from .conftest import candidate

PLAN = "AH-BK-FRAGMENT"
BATCH = {"id": "AH-2026H1", "province": "安徽", "graduation_date": "2026-06-30"}


def ah(passed, failed=("00023",), choices=()):
    record = candidate(passed, registered_on="2019-03-01", prior_education=[], applied_substitutions=list(choices))
    record["attempts"] += [{"code": c, "session": "2024-10", "score": 45} for c in failed]
    return record


def test_the_failed_course_lists_its_replacements_in_words(reference):
    [row] = replacement_courses(PLAN, ah(["03708", "02324", "00020"]), BATCH, reference)
    assert row["course"]["code"] == "00023" and row["chosen"] is None
    assert [(o["code"], o["passed"]) for o in row["options"]] == [("00020", True), ("00022", False)]
    assert row["words"] == ("00023高等数学(工本)（10学分）还没有通过，可以选择下列替代课程之一："
                            "00020高等数学(一)（已合格，可以选择）；"
                            "00022高等数学(工专)（还没有合格成绩，须先参加 00022高等数学(工专) 的考试并合格）")


def test_a_passed_replacement_applies_at_once_and_the_verdict_changes(reference):
    record = ah(["03708", "02324", "00020"])
    assert audit(PLAN, record, BATCH, reference)["verdict"] != "ELIGIBLE"
    choice, field, why = replacement_choice(PLAN, record, "00023", "00020", BATCH, reference)
    assert (choice, field, why) == ({"rule_id": "AH-T1", "use": ["00020"], "replace": ["00023"]}, None, None)
    chosen = ah(["03708", "02324", "00020"], choices=[choice])
    result = audit(PLAN, chosen, BATCH, reference)
    assert result["course_status"]["00023"] == "顶替" and result["verdict"] == "ELIGIBLE"
    [row] = replacement_courses(PLAN, chosen, BATCH, reference)
    assert row["chosen"] == "00020"
    assert row["words"] == "00023高等数学(工本)（10学分）已由替代课程 00020高等数学(一) 顶替"


@pytest.mark.parametrize("passed, course, replacement, field, why", [
    (["00020"], "00023", "02324", "replacement",
     "替代课程：02324不在本专业为00023高等数学(工本)列出的替代课程中（可选：00020高等数学(一)、00022高等数学(工专)）"),
    (["00020"], "00023", "00022", "replacement",
     "替代课程：00022高等数学(工专)还没有合格成绩，须先参加该课程的考试并合格，才能替代00023高等数学(工本)"),
    (["00020", "00023"], "00023", "00020", "course", "未通过课程：00023高等数学(工本)已合格或已顶替，无需替代"),
    (["00020"], "02324", "00020", "course", "未通过课程：本专业考试计划没有为02324离散数学列出替代课程"),
    (["00020"], "00015", "00020", "course", "未通过课程：00015不是本专业考试计划的课程"),
])
def test_a_choice_the_plan_does_not_allow_is_refused_naming_the_field(reference, passed, course, replacement,
                                                                      field, why):
    assert replacement_choice(PLAN, ah(passed, failed=()), course, replacement, BATCH, reference) == (None, field, why)


def test_a_replacement_already_used_for_another_顶替_is_refused(reference):
    record = ah(["00020"], choices=[{"rule_id": "AH-T1", "use": ["00020"], "replace": ["00023"]}])
    _, field, why = replacement_choice(PLAN, record, "00023", "00022", BATCH, reference)
    assert field == "course" and "已合格或已顶替" in why

