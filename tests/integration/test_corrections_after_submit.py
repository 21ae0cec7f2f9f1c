"""Issue 19 item 8 (安徽, seed 002): after submitting, "审核状态显示“已受理”… 此时考生填选的毕业专业已无法修改，若发现
填写的个人信息有误，可根据页面提示返回修改". Until the city decides, the candidate corrects the personal information
(the basic information's editable fields and the contact record) and nothing else; the correction is logged as one,
and the reviewer reads the corrected values. Elsewhere, and after the first decision, a submitted application stays
as it was submitted."""
from __future__ import annotations

from support.applying import OFFICES, candidate, fill_in, ok, refused, staff, submit
from support.portal_client import serving

from functions.common.audit_log import entries
from functions.common.dynamo import keys

APPLICATION = "/api/apply/application"


def submitted(portal, table, province: str, reviewer_role: str):
    me = candidate(portal, table, OFFICES[province], province=province)
    reviewer = staff(portal, table, f"corrections-{province}-{reviewer_role}", reviewer_role,
                     offices=(OFFICES[province],) if reviewer_role in ("city", "county") else ())
    ok(me.put(f"{APPLICATION}/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, province, reviewer=reviewer)
    ok(submit(me))
    return me, reviewer


def actions(table, exam_no: str) -> list[str]:
    return [e["action"] for e in entries(table, keys.application(exam_no, "any")[keys.PK])]


def test_anhui_candidates_correct_personal_information_until_the_city_decides(portal, table):
    with serving("apply", "anhui"), serving("photo", "anhui"):
        me, city = submitted(portal, table, "anhui", "city")
        mine = ok(me.get(APPLICATION))["application"]
        assert mine["changes_refused"], "the major and the rest stay as submitted"
        assert mine["corrections"]["sections"] == ["basic", "contact"]
        assert "市级教育考试机构初审" in mine["corrections"]["note"]
        tasks = {t["id"]: t["status"] for t in ok(me.get(f"{APPLICATION}/check"))["tasks"]}
        assert tasks["basic"] == tasks["contact"] == "可更正" and tasks["resume"] == "已提交", tasks

        ok(me.put(f"{APPLICATION}/basic", json={"changes": {"ethnicity": "回族", "employer": "合肥某公司"}}))
        ok(me.put(f"{APPLICATION}/contact", json={"phone": "13700000009", "address": "合肥市包河区1号"}))
        assert {"correction.basic", "correction.contact"} <= set(actions(table, me.who["exam_no"]))
        # nothing else opens: the resume, the major
        refused(me.put(f"{APPLICATION}/resume", json={"entries": []}), 409)
        refused(me.put(f"{APPLICATION}/major", json={"plan_id": me.who["majors"][0]}), 409)

        path = f"/api/apply/staff/applications/{me.who['exam_no']}"
        shown = ok(city.get(path))["candidate"]
        assert shown["ethnicity"] == "回族" and shown["phone"] == "13700000009", shown

        ok(city.post(f"{path}/decision", json={"stage": "city_review", "decision": "approve"}))
        assert ok(me.get(APPLICATION))["application"]["corrections"] is None
        late = refused(me.put(f"{APPLICATION}/basic", json={"changes": {"ethnicity": "汉族"}}), 409)
        assert "不能再修改" in late["message"], late
        assert ok(city.get(path))["candidate"]["ethnicity"] == "回族"


def test_a_province_without_corrections_keeps_the_submitted_application_as_it_was(portal, table):
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        me, _ = submitted(portal, table, "chongqing", "university")
        assert ok(me.get(APPLICATION))["application"]["corrections"] is None
        refused(me.put(f"{APPLICATION}/basic", json={"changes": {"ethnicity": "回族"}}), 409)
        refused(me.put(f"{APPLICATION}/contact", json={"phone": "13700000008"}), 409)
