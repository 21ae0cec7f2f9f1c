"""An office's own application window (issue 19 item 9; 安徽 seed 002: 合肥市自考生应按照合肥市教育考试院相关通知要求
办理): 合肥's city staff narrow the province's window for their candidates, who are then held to it (the start page's
dates, the refusal to submit); another office's candidates keep the province's. Only within the province's window,
only by the office's own staff, each change in the batch's log."""
from __future__ import annotations

import pytest
from support.applying import candidate, ok, refused, staff, submit
from support.portal_client import serving

from functions.common.audit_log import latest
from functions.common.dynamo import keys
from infra.demo.generate import DEMO_WINDOW

HEFEI, WUHU = "340100", "340200"
KIND = "社会考生"          # one of 安徽's types: the stack's batch was imported with 湖北's, so it is opened here
STAFF = "/api/apply/staff"
EARLY = {"opens": "2026-11-01T00:00", "closes": "2026-11-20T17:00"}      # within DEMO_WINDOW, over by now


@pytest.fixture(scope="module")
def anhui(portal, table):
    with serving("apply", "anhui"), serving("photo", "anhui"):
        team = {"hefei": staff(portal, table, "ow-hefei", "city", offices=(HEFEI,)),
                "wuhu": staff(portal, table, "ow-wuhu", "city", offices=(WUHU,)),
                "university": staff(portal, table, "ow-university", "university", universities=("安徽大学",)),
                "province": staff(portal, table, "ow-province", "province")}
        batch = next(b for b in ok(team["province"].get(f"{STAFF}/batches"))["batches"] if b["current"])["id"]
        ok(team["province"].put(f"{STAFF}/batches/{batch}/windows/{KIND}", json=DEMO_WINDOW))
        people = {}
        for name, office in (("hefei", HEFEI), ("wuhu", WUHU)):
            me = candidate(portal, table, office, province="anhui", candidate_type=KIND)
            ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
            people[name] = me
        window = f"{STAFF}/batches/{batch}/offices/{HEFEI}/windows/{KIND}"
        try:
            yield {"team": team, "people": people, "batch": batch, "window": window, "table": table}
        finally:        # the stack is shared: later tests' 合肥 candidates see the province's window
            team["hefei"].delete(window)


def test_hefeis_earlier_close_holds_its_candidates_and_no_one_elses(anhui):
    hefei, wuhu, city = anhui["people"]["hefei"], anhui["people"]["wuhu"], anhui["team"]["hefei"]
    shown = ok(city.put(anhui["window"], json=EARLY))
    assert shown["office_windows"] == [{"office": HEFEI, "office_name": "合肥市", "candidate_type": KIND,
                                        "opens": "2026-11-01T00:00+08:00", "closes": "2026-11-20T17:00+08:00",
                                        "open_now": False}]
    start = ok(hefei.get("/api/apply/application"))
    assert start["window"] == "2026-11-01 00:00 至 2026-11-20 17:00（北京时间）"
    assert start["window_closed"].startswith("毕业申请已经结束")
    told = refused(submit(hefei), 409)["message"]
    assert "已经结束" in told and "2026-11-20 17:00" in told
    theirs = ok(wuhu.get("/api/apply/application"))
    assert theirs["window_closed"] is None and theirs["window"].endswith("2027-01-15 17:00（北京时间）")

    ok(city.delete(anhui["window"]))                        # cleared: the province's window again
    assert ok(hefei.get("/api/apply/application"))["window_closed"] is None
    log = [e for e in latest(anhui["table"], keys.batch(anhui["batch"])[keys.PK], 10)
           if e["action"] == "batch.office_window"]
    assert log[-2]["after"]["office_windows"][HEFEI][KIND]["closes"] == "2026-11-20T17:00+08:00"
    assert log[-2]["actor"]["role"] == "city"
    assert log[-1]["before"]["office_windows"][HEFEI][KIND]["closes"] == "2026-11-20T17:00+08:00"
    assert "office_windows" not in log[-1]["after"]


def test_an_office_may_only_narrow_the_provinces_window(anhui):
    wider = {"opens": "2026-10-01T00:00", "closes": "2027-02-01T00:00"}
    error = refused(anhui["team"]["hefei"].put(anhui["window"], json=wider), 422, field="opens")
    assert [p["field"] for p in error["problems"]] == ["opens", "closes"]
    assert "开始时间不能早于省级教育考试机构规定的开始时间 2026-11-01 00:00" in error["message"]
    assert "结束时间不能晚于省级教育考试机构规定的结束时间 2027-01-15 17:00" in error["message"]
    assert ok(anhui["people"]["hefei"].get("/api/apply/application"))["window_closed"] is None


def test_only_the_offices_own_staff_set_its_window_and_the_province_sees_every_one(anhui):
    team = anhui["team"]
    for who in ("wuhu", "university", "province"):
        refused(team[who].put(anhui["window"], json=EARLY), 403)
        refused(team[who].delete(anhui["window"]), 403)
    try:
        ok(team["hefei"].put(anhui["window"], json=EARLY))
        seen = {who: next(b for b in ok(team[who].get(f"{STAFF}/batches"))["batches"] if b["current"])
                for who in ("province", "wuhu")}
        assert [w["office_name"] for w in seen["province"]["office_windows"]] == ["合肥市"]
        assert seen["wuhu"]["office_windows"] == []
    finally:
        ok(team["hefei"].delete(anhui["window"]))


def test_where_the_profile_has_no_office_windows_no_office_sets_one(portal, table):
    with serving("apply", "hubei"):         # 湖北: office_windows false (the module's 安徽 may still be served)
        city = staff(portal, table, "ow-wuhan", "city", offices=("420100",))
        province = staff(portal, table, "ow-hubei-province", "province")
        batch = next(b for b in ok(province.get(f"{STAFF}/batches"))["batches"] if b["current"])["id"]
        answer = city.put(f"{STAFF}/batches/{batch}/offices/420100/windows/*", json=EARLY)
        assert "统一设置" in refused(answer, 403)["message"]
