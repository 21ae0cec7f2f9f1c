"""Staff record what 学信网 showed for manual 前置学历 claims (issue 16 item 3), through the running portal in 重庆,
whose profile names the host university (application.prior_education.decided_by): one claim refused with a reason
(the candidate reads it and what to do, the audit log keeps who and why) and then no second decision; another
role refused; the pending claims exported as CSV and the answers imported: a file with bad rows names every one
with its line number, answers 422 and stores nothing; the good file stores every answer."""
from __future__ import annotations

import csv
import io
import json

import pytest
from support.applying import candidate, fill_in, ok, prior_by_hand, staff, submit
from support.portal_client import serving

from functions.apply.prior_checks.rules import COLUMNS
from functions.common.audit_log import entries
from functions.common.dynamo import keys
from infra.demo.generate import generate

NO_PRIOR = next(c for c in generate("hubei") if c["demo_case"] == "no_prior_education")
OFFICE = "500103"
HOSTS = ("南京航空航天大学", "南京财经大学", "南京师范大学", "南京农业大学")
PENDING = "/api/apply/staff/prior-education/pending"
ANSWERS = "/api/apply/staff/prior-education/answers"


@pytest.fixture(scope="module")
def chongqing(portal):
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        yield


def claimed(portal, table, code: str):
    """A 重庆 本科 candidate unknown to 学信网 who took the manual path with an 在线验证码, and submitted."""
    me = candidate(portal, table, OFFICE, province="chongqing", like=NO_PRIOR)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    prior_by_hand(me, code)
    fill_in(me, "chongqing")
    ok(submit(me))
    return me


def prior(table, me) -> dict:
    return json.loads(table.get_item(Key=keys.prior_education(me.who["exam_no"]))["Item"]["doc"])


def problems(answer) -> list[str]:
    assert answer.status_code == 422, answer.text
    return [p["message"] for p in answer.json()["error"]["problems"]]


def test_staff_refuse_one_claim_with_a_reason_and_import_the_answers_for_the_rest(portal, table, chongqing):
    university = staff(portal, table, "prior-university", "university", universities=HOSTS)
    province = staff(portal, table, "prior-province", "province")
    refused_one, verified_one = claimed(portal, table, "A1B2C3D4E5F6"), claimed(portal, table, "Z9Y8X7W6V5U4")
    one = f"/api/apply/staff/applications/{refused_one.who['exam_no']}/prior-education"

    shown = ok(university.get(one))
    assert shown["open"] is True and shown["decided_by_name"] == "主考学校"
    assert shown["record"]["online_code"] == "A1B2C3D4E5F6" and shown["record"]["status"] == "manual_pending"
    assert ok(province.get(one))["open"] is False
    other = province.post(one, json={"decision": "verified"})
    assert other.status_code == 403 and "主考学校" in other.json()["error"]["message"]
    empty = university.post(one, json={"decision": "refused", "reason": "  "})
    assert empty.status_code == 422 and empty.json()["error"]["field"] == "reason"
    assert prior(table, refused_one)["status"] == "manual_pending"                      # nothing stored

    done = ok(university.post(one, json={"decision": "refused", "reason": "在线验证码查询结果为另一人的学历"}))
    assert done["open"] is False and done["record"]["status"] == "refused"
    mine = ok(refused_one.get("/api/apply/application/check"))["prior_education"]
    assert mine["status"] == "refused" and "在线验证码查询结果为另一人的学历" in mine["message"]
    assert "重新提交" in mine["message"]                                                # and what to do
    log = [e for e in entries(table, f"CAND#{refused_one.who['exam_no']}") if e["action"] == "prior_education.refused"]
    assert len(log) == 1 and log[0]["reason"] == "在线验证码查询结果为另一人的学历"
    assert log[0]["before"] == "manual_pending" and log[0]["after"] == "refused"
    assert university.post(one, json={"decision": "verified"}).status_code == 409       # decided already

    assert province.get(PENDING).status_code == 403
    export = ok(university.get(PENDING))
    rows = list(csv.reader(io.StringIO(export["text"].lstrip("\ufeff"))))
    assert tuple(rows[0]) == COLUMNS
    listed = {r[0]: r for r in rows[1:]}
    assert refused_one.who["exam_no"] not in listed                                   # decided: not pending
    row = listed[verified_one.who["exam_no"]]
    assert row[7] == "Z9Y8X7W6V5U4" and row[4] == "128341201906001234" and row[8:] == ["", ""]

    def filled(*extra: list[str]) -> str:
        lines = [list(COLUMNS), row[:8] + ["通过", ""], *extra]
        out = io.StringIO()
        csv.writer(out).writerows(lines)
        return "\ufeff" + out.getvalue()
    bad = filled(["12345", "", "", "", "", "", "", "", "通过", ""],
                 [refused_one.who["exam_no"], "", "", "", "", "", "", "", "不通过", "又查了一次"],
                 ["999999999999", "", "", "", "", "", "", "", "不通过", ""],
                 [verified_one.who["exam_no"], "", "", "", "", "", "", "", "ok", ""])
    said = problems(university.post(ANSWERS, json={"text": bad}))
    assert said == ["第 3 行：准考证号应为 12 位数字，现为“12345”",
                    f"第 4 行：准考证号 {refused_one.who['exam_no']} 没有待核对的前置学历（可能已记录过）",
                    "第 5 行：核对结果为不通过时须填写原因（考生会看到）",
                    f"第 6 行：准考证号 {verified_one.who['exam_no']} 与第 2 行重复；"
                    "核对结果应为“通过”或“不通过”，现为“ok”"]
    assert prior(table, verified_one)["status"] == "manual_pending"                    # nothing stored half-way
    assert province.post(ANSWERS, json={"text": filled()}).status_code == 403

    imported = ok(university.post(ANSWERS, json={"text": filled()}))
    assert imported == {"verified": 1, "refused": 0, "skipped": 0}
    assert prior(table, verified_one)["status"] == "verified"
    assert ok(verified_one.get("/api/apply/application/check"))["prior_education"]["message"].startswith("前置学历已由")
    plan = verified_one.who["majors"][0]
    assert ok(verified_one.get(f"/api/eligibility/audits/{plan}"))["verdict"] == "ELIGIBLE"   # no longer conditional


def test_an_unusable_file_is_refused_in_words(portal, table, chongqing):
    university = staff(portal, table, "prior-university-files", "university", universities=HOSTS)
    for text, words in (("", "文件是空的"), ("准考证号,结果\n", "缺少列“核对结果”“原因”"),
                        ("准考证号,核对结果,原因\n,,\n", "没有填写核对结果的行")):
        answer = university.post(ANSWERS, json={"text": text})
        assert answer.status_code == 422 and words in answer.json()["error"]["message"], answer.text
