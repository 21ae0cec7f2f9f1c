"""Issue 19 item 4 (山西, seed 004): after paying, the candidate fills the 毕业生登记表 (登记信息, resume, 自我鉴定 —
可电脑输入也可打印后手写) and exports the PDF as often as they like, each export made from the data as it is then;
once the county records the form handed in, editing and new exports are refused, the last export stays downloadable,
and the county's history says who recorded the hand-in and when. Before paying, the form is not offered."""
from __future__ import annotations

import subprocess
from urllib.parse import urlparse

import pytest
from support.applying import candidate, fill_in, ok, pay, refused, staff, submit, verify_identity
from support.portal_client import serving

OFFICE = "140105"
APPLICATION = "/api/apply/application"
FORM = f"{APPLICATION}/forms/registration_form"
FIRST = "本人在自学期间刻苦学习，第一次填写的自我鉴定。"
SECOND = "本人遵纪守法，修改以后的自我鉴定，以此为准。"


@pytest.fixture(scope="module")
def county(portal, table):
    with serving("apply", "shanxi"), serving("photo", "shanxi"):
        yield staff(portal, table, "regform-county", "county", offices=(OFFICE,))


def submitted(portal, table, county):
    """A clean 山西 application: the system passes the county review at submit, so the fee is due."""
    me = candidate(portal, table, OFFICE, province="shanxi")
    verify_identity(me)
    ok(me.put(f"{APPLICATION}/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, "shanxi", reviewer=county)
    assert ok(submit(me))["application"]["stage"] == "fee"
    return me


def mine(me) -> dict:
    return ok(me.get(APPLICATION))["application"]


def text_of(me, link: dict) -> str:
    pdf = me.get(link["url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    flat = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout
    return "".join(flat.decode("utf-8").split())


def test_before_paying_the_form_is_neither_offered_nor_open(portal, table, county):
    me = submitted(portal, table, county)
    now = mine(me)
    assert now["form_fill"] is None and now["forms"] == [] and now["corrections"] is None
    refused(me.put(f"{APPLICATION}/self-assessment", json={"text": FIRST}), 409)
    assert "缴费完成后才能打印" in refused(me.post(f"{FORM}/export"), 409)["message"]


def test_after_paying_edit_and_export_as_often_as_wanted_until_the_county_records_it(portal, table, county):
    me = submitted(portal, table, county)
    assert pay(me)["applied"] is True
    now = mine(me)
    filling = now["form_fill"]
    assert filling["name"] == "毕业生登记表" and filling["locked"] is None
    assert set(filling["sections"]) == {"basic", "contact", "resume", "self_assessment"}
    assert "可电脑输入" in filling["note"] and "手写" in filling["note"]
    tasks = {t["id"]: t["status"] for t in ok(me.get(f"{APPLICATION}/check"))["tasks"]}
    assert tasks["self_assessment"] == tasks["resume"] == "可更正" and tasks["major"] == "已提交", tasks

    ok(me.put(f"{APPLICATION}/self-assessment", json={"text": FIRST}))
    first = ok(me.post(f"{FORM}/export"))
    assert FIRST in text_of(me, first)
    ok(me.put(f"{APPLICATION}/self-assessment", json={"text": SECOND}))
    ok(me.put(f"{APPLICATION}/contact", json={"phone": me.who["phone"], "address": "太原市小店区学府街1号"}))
    second = ok(me.post(f"{FORM}/export"))
    printed = text_of(me, second)
    assert SECOND in printed and FIRST not in printed and "太原市小店区学府街1号" in printed
    # the major and the rest stay as submitted
    refused(me.put(f"{APPLICATION}/statement", json={"text": "补充说明"}), 409)

    # left blank: ruled lines to write on by hand
    ok(me.put(f"{APPLICATION}/self-assessment", json={"text": ""}))
    blank = text_of(me, ok(me.post(f"{FORM}/export")))
    assert "自我鉴定（请在横线上手写）" in blank and SECOND not in blank
    ok(me.put(f"{APPLICATION}/self-assessment", json={"text": SECOND}))
    last = ok(me.post(f"{FORM}/export"))

    exam_no = me.who["exam_no"]
    path = f"/api/apply/staff/applications/{exam_no}"
    ok(county.post(f"{path}/decision", json={"stage": "registration_form", "decision": "approve"}))
    filling = mine(me)["form_fill"]
    assert filling["locked"] and "登记收到" in filling["locked"] and "北京时间" in filling["locked"]
    assert mine(me)["corrections"] is None
    late = refused(me.put(f"{APPLICATION}/self-assessment", json={"text": FIRST}), 409)
    assert "不能再修改" in late["message"]
    again = refused(me.post(f"{FORM}/export"), 409)
    assert "已" in again["message"] and "不能再导出新的版本" in again["message"]
    kept = ok(me.get(FORM))                             # the last export stays downloadable, unchanged
    assert urlparse(kept["url"]).path == urlparse(last["url"]).path
    assert SECOND in text_of(me, kept)

    history = ok(county.get(path))["history"]
    received = [h for h in history if h["action"] == "form_received"]
    assert len(received) == 1 and received[0]["what"] == "登记收到登记表" and received[0]["at"]
    assert received[0]["actor"]["name"].startswith("regform-county"), received
    assert [h["what"] for h in history if h["action"] == "form.self_assessment"], history
