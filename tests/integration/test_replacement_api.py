"""安徽's 替代课程 (未通过课程处理) through the running portal: the candidate with 00023 高等数学(工本) failed reads the
plan's 替代课程 list for it in words, chooses a passed one and the audit changes at once (logged as their change);
a 替代课程 not on the list, one not yet passed, or a course already passed is refused naming the field as the page
labels it, with nothing stored; after submit a choice is refused (409); staff see how the 顶替 came to apply."""
from __future__ import annotations

import pytest
from support.applying import OFFICES, WITHOUT_13000, candidate, fill_in, ok, refused, staff, submit
from support.portal_client import serving

from functions.common.audit_log import entries
from functions.common.dynamo import keys

PLAN = "AH-BK-FRAGMENT"
URL = f"/api/eligibility/replacements/{PLAN}"
# 00023 failed (45); 00020 高等数学(一) passed, 00022 高等数学(工专) not: the plan lists both for 00023.
ATTEMPTS = [{"code": c, "session": "2024-10", "score": s} for c, s in
            (("03708", 72), ("02324", 66), ("00020", 75), ("00023", 45))]
RECORD = {**WITHOUT_13000, "majors": [PLAN], "attempts": ATTEMPTS, "registered_on": "2019-03-01",
          "exemptions": [], "transfers": []}


@pytest.fixture(scope="module")
def city(portal, table):
    with serving("apply", "anhui"), serving("photo", "anhui"):
        yield staff(portal, table, "replace-city", "city", offices=(OFFICES["anhui"],))


def chooser(portal, table):
    me = candidate(portal, table, OFFICES["anhui"], like=RECORD, province="anhui")
    ok(me.put("/api/apply/application/major", json={"plan_id": PLAN}))
    return me


def log_of(table, me) -> list:
    return entries(table, keys.candidate(me.who["exam_no"])[keys.PK])


def test_the_list_in_words_then_a_passed_replacement_applies_at_once(portal, table, city):
    me = chooser(portal, table)
    [row] = ok(me.get(URL))["courses"]
    assert row["course"]["code"] == "00023" and row["chosen"] is None
    assert "00020高等数学(一)（已合格，可以选择）" in row["words"]
    assert "00022高等数学(工专)（还没有合格成绩，须先参加 00022高等数学(工专) 的考试并合格）" in row["words"]
    assert ok(me.get(f"/api/eligibility/audits/{PLAN}"))["verdict"] == "NOT_ELIGIBLE"
    now = ok(me.post(URL, json={"course": "00023", "replacement": "00020"}))
    assert now["verdict"] == "ELIGIBLE" and now["course_status"]["00023"] == "顶替"
    assert ok(me.get(URL))["courses"][0]["chosen"] == "00020"
    entry = log_of(table, me)[-1]
    assert entry["action"] == "choices.add" and entry["actor"]["kind"] == "candidate"
    shown = ok(city.get(f"/api/apply/staff/applications/{me.who['exam_no']}"))["audit"]["now"]
    assert shown["applied"] == [{"use": ["00020"], "replace": ["00023"], "how": "考生申请的替代课程"}]
    assert shown["course_names"] == {"00020": "高等数学(一)", "00023": "高等数学(工本)"}


@pytest.mark.parametrize("course, replacement, field, words", [
    ("00023", "02324", "replacement", "替代课程：02324不在本专业为00023高等数学(工本)列出的替代课程中"),
    ("00023", "00022", "replacement", "替代课程：00022高等数学(工专)还没有合格成绩，须先参加该课程的考试并合格"),
    ("02324", "00020", "course", "未通过课程：02324离散数学已合格或已顶替，无需替代"),
])
def test_a_choice_the_plan_does_not_allow_is_refused_and_nothing_is_stored(portal, table, city, course, replacement,
                                                                           field, words):
    me = chooser(portal, table)
    before = log_of(table, me)
    error = refused(me.post(URL, json={"course": course, "replacement": replacement}), 422, field)
    assert error["message"].startswith(words) and "AH-" not in error["message"]
    assert log_of(table, me) == before
    assert ok(me.get(f"/api/eligibility/audits/{PLAN}"))["choices"] == []


def test_after_submit_a_replacement_is_refused(portal, table, city):
    me = chooser(portal, table)
    ok(me.post(URL, json={"course": "00023", "replacement": "00020"}))
    fill_in(me, "anhui", reviewer=city)
    ok(submit(me))
    error = refused(me.post(URL, json={"course": "00023", "replacement": "00022"}), 409, "replacement")
    assert "申请已提交，替代课程不能再修改" in error["message"]
