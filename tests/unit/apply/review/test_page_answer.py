"""What the staff application page's answer carries (review/answers.py), pure: the audit cut to what the page
draws, and each history line's action in the words the page shows (issue 17 item 9: the page keeps its weight
budget, so the words come with the answer and the rest of the audit has its own route)."""
from __future__ import annotations

from functions.apply.review.answers import audit_shown, history_entry

NOW = {"plan_id": "P1", "major_name": "计算机科学与技术", "message": "……", "verdict": "NOT_ELIGIBLE",
       "findings": [{"code": "MISSING_COURSE", "severity": "blocking", "subject": "13180", "path": "x",
                     "message": "缺少课程：操作系统"}],
       "applied": [{"rule_id": "R9", "use": ["02326"], "replace": ["13180"], "direction": "forward"}],
       "course_status": {"13180": "顶替", "00023": "passed"}, "total_credits": 76, "suggested": [], "choices": [],
       "course_names": {"13180": "操作系统", "02326": "操作系统(旧)", "00023": "高等数学(工本)"},
       "exceptions": [], "missing_courses": 1, "missing_credits": 0}


def test_the_audit_keeps_the_verdict_what_is_missing_and_the_顶替_with_their_courses_named():
    shown = audit_shown(NOW)
    assert shown == {"verdict": "NOT_ELIGIBLE", "verdict_text": "暂不符合", "exceptions": [],
                     "findings": [{"code": "MISSING_COURSE", "severity": "blocking", "message": "缺少课程：操作系统"}],
                     "applied": [{"use": ["02326"], "replace": ["13180"], "how": "按考试机构的顶替规则自动应用"}],
                     "course_names": {"02326": "操作系统(旧)", "13180": "操作系统"}}


def test_a_顶替_the_candidate_chose_says_so_by_the_name_of_the_provinces_path():
    """安徽 (application.substitution per_course) calls it 替代课程; 湖北's rule table a 课程顶替."""
    chosen = {**NOW, "choices": [{"rule_id": "R9", "use": ["02326"], "replace": ["13180"]}]}
    assert audit_shown(chosen, "per_course")["applied"][0]["how"] == "考生申请的替代课程"
    assert audit_shown(chosen, "candidate_rules")["applied"][0]["how"] == "考生申请的课程顶替"


def test_a_history_line_says_its_action_in_words_and_names_the_staff_member():
    entry = {"at": "2026-12-05T04:00:00Z", "action": "exceptions.approve", "reason": "档案核对",
             "actor": {"kind": "staff", "role": "province", "account_id": "a1"}}
    assert history_entry(entry, {"a1": "王敏"}, {"province": "省自考办"}) == {
        "at": "2026-12-05T04:00:00Z", "action": "exceptions.approve", "reason": "档案核对",
        "what": "批准特殊处理（生效）", "actor": {"kind": "staff", "role": "province", "name": "王敏"},
        "who": "省自考办 王敏"}
    system = history_entry({"at": "t", "action": "something.new", "actor": {"kind": "system"}}, {})
    assert system["what"] == "其他办理" and system["who"] == "系统"
