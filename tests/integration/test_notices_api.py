"""Notices (issue 19 items 9 and 10): the provincial office's 毕业申请须知, an office's own notice (安徽: 合肥市的考生
按合肥市教育考试院的通知办理) and a host university's 公告 (重庆: 查看主考学校公告), each written by that office's staff
and shown on the start page of the candidates it is for, and no one else's; every change logged with who and what.
"""
from __future__ import annotations

from support.applying import OFFICES, candidate, fill_in, ok, staff, submit

from functions.common.audit_log import entries
from functions.common.dynamo import keys

OFFICE, OTHER_OFFICE = OFFICES["hubei"], "420200"
NOTICES = "/api/apply/staff/notices"


def refused(answer, status: int) -> str:
    assert answer.status_code == status, answer.text
    message = answer.json()["error"]["message"]
    assert any("\u4e00" <= c <= "\u9fff" for c in message), message
    return message


def test_each_office_writes_its_own_and_each_candidate_reads_those_for_them(portal, table):
    me = candidate(portal, table, OFFICE)
    chosen = ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    host = chosen["host_universities"][0]
    elsewhere = candidate(portal, table, OTHER_OFFICE)
    province = staff(portal, table, "notice-province", "province")
    city = staff(portal, table, "notice-city", "city", offices=(OFFICE,))
    university = staff(portal, table, "notice-university", "university", universities=(host,))

    try:
        written_and_read(me, elsewhere, province, city, university, host, table)
    finally:        # taken down: later tests' candidates on this stack see no notice they did not write
        for http, path in ((province, "province/-"), (university, f"university/{host}")):
            ok(http.put(f"{NOTICES}/{path}", json={"text": ""}))


def written_and_read(me, elsewhere, province, city, university, host: str, table) -> None:
    assert [n["title"] for n in ok(city.get(NOTICES))["notices"]] == ["武汉市：公告", "武汉市：现场确认的时间和地点"]
    assert ok(city.get(NOTICES))["notices"][0]["text"] == ""            # not written yet
    ok(province.put(f"{NOTICES}/province/-", json={"text": "  1. 请在规定时间内提交申请。\n2. 逾期不予受理。  "}))
    ok(city.put(f"{NOTICES}/office/{OFFICE}", json={"text": "武汉市考生现场确认地点：市教育考试院一楼大厅。"}))
    written = ok(university.put(f"{NOTICES}/university/{host}", json={"text": "本校主考专业的毕业设计成绩须先录入。"}))
    assert written["title"] == f"{host}：公告" and written["updated"].endswith("（北京时间）")

    mine = ok(me.get("/api/apply/notices"))["notices"]
    assert [n["title"] for n in mine] == ["湖北省教育考试院：毕业申请须知", "武汉市：公告", f"{host}：公告"]
    assert mine[0]["text"] == "1. 请在规定时间内提交申请。\n2. 逾期不予受理。"      # trimmed, line breaks kept
    theirs = ok(elsewhere.get("/api/apply/notices"))["notices"]
    assert [n["title"] for n in theirs] == ["湖北省教育考试院：毕业申请须知"]     # no other office's, no university's

    ok(city.put(f"{NOTICES}/office/{OFFICE}", json={"text": "   "}))                # empty takes it down
    assert "武汉市：公告" not in [n["title"] for n in ok(me.get("/api/apply/notices"))["notices"]]
    log = entries(table, keys.notice("office", OFFICE)[keys.PK])
    assert [e["action"] for e in log] == ["notice.write", "notice.remove"]
    assert log[1]["before"] == {"text": "武汉市考生现场确认地点：市教育考试院一楼大厅。"} and "after" not in log[1]
    assert all(e["actor"]["kind"] == "staff" and e["actor"]["role"] == "city" for e in log)


def test_nobody_writes_another_offices_notice_and_bad_text_is_refused_whole(portal, table):
    city = staff(portal, table, "notice-city2", "city", offices=(OFFICE,))
    university = staff(portal, table, "notice-university2", "university", universities=("南京大学",))
    admin = staff(portal, table, "notice-admin", "admin")
    for http, path in ((city, f"office/{OTHER_OFFICE}"), (city, "province/-"), (city, "university/南京大学"),
                       (university, "university/东南大学"), (admin, "province/-")):
        assert refused(http.put(f"{NOTICES}/{path}", json={"text": "冒名公告"}), 403) == "只能编写本单位的公告"
    assert ok(admin.get(NOTICES))["notices"] == []
    assert refused(city.put(f"{NOTICES}/nation/-", json={"text": "x"}), 422)
    too_long = refused(city.put(f"{NOTICES}/office/{OFFICE}", json={"text": "公" * 2001 + "\u0000"}), 422)
    assert "最多 2000 字，现有 2002 字" in too_long and "无法显示的字符" in too_long       # both problems at once
    assert entries(table, keys.notice("office", OTHER_OFFICE)[keys.PK]) == []
    assert table.get_item(Key=keys.notice("office", OFFICE)).get("Item", {}).get("text") != "公" * 2001


def test_html_in_a_notice_is_kept_as_text(portal, table):
    university = staff(portal, table, "notice-university3", "university", universities=("南京师范大学",))
    text = "<script>alert(1)</script> {{7*7}}"
    assert ok(university.put(f"{NOTICES}/university/南京师范大学", json={"text": text}))["text"] == text
    ok(university.put(f"{NOTICES}/university/南京师范大学", json={"text": ""}))


def test_湖北s_office_says_when_and_where_现场确认_is_held_to_those_who_submitted(portal, table):
    """湖北 (seed 001) finishes an application at 现场确认 in the office that keeps the record: the office says when and
    where on the notices page, and its candidates read it on the start page once they have submitted."""
    me = candidate(portal, table, OFFICE)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    city = staff(portal, table, "notice-onsite", "city", offices=(OFFICE,))
    onsite = f"{NOTICES}/onsite/{OFFICE}"
    try:
        ok(city.put(onsite, json={"text": "12 月 20 日至 24 日 9:00–17:00，武汉市教育考试院一楼大厅，带身份证原件。"}))
        assert "武汉市：现场确认的时间和地点" not in [n["title"] for n in ok(me.get("/api/apply/notices"))["notices"]]
        fill_in(me, "hubei")
        ok(submit(me))
        shown = {n["title"]: n["text"] for n in ok(me.get("/api/apply/notices"))["notices"]}
        assert shown["武汉市：现场确认的时间和地点"].startswith("12 月 20 日至 24 日")
    finally:
        ok(city.put(onsite, json={"text": ""}))
