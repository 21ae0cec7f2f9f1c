"""Issue 20 items 5, 6 and 7 through the running portal. One contact record (安徽, 重庆): edited only on 填写联系方式,
shown by the basic information, and the one the form, the SMS and the staff's view use. 民族 and 政治面貌, which the
form and the 学信网 CSV print, are required before a submit (from the record, or chosen by the candidate where the
profile lets them be edited), and "请选择" is never a value. A verified 前置学历 (from the exam record or from
学信网) is shown and kept: checking again never downgrades it."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from support.applying import (
    ELIGIBLE,
    OFFICES,
    candidate,
    fill_in,
    host_agrees,
    ok,
    pdf_text,
    refused,
    staff,
    submit,
    verify_identity,
)
from support.portal_client import serving

from functions.apply.review.answers import COLUMNS
from functions.profiles.loader import load_profile
from functions.profiles.vocabulary import is_bachelor

PLANS = Path(__file__).resolve().parents[2] / "data" / "reference" / "plans"
BACHELOR = next(c for c in ELIGIBLE
                if is_bachelor(json.loads((PLANS / f"{c['majors'][0]}.json").read_text("utf-8"))["level"]))
APPLICATION = "/api/apply/application"
NO_PERSONAL = {"ethnicity": None, "political_status": None}


@pytest.fixture
def services(portal):
    from functions.apply.app import app
    return app.state.services


def chosen(portal, table, province: str, **record):
    me = candidate(portal, table, OFFICES[province], province=province, **record)
    if load_profile(province).data["login"]["identity_check"] == "photos":     # 山西 applies after it
        verify_identity(me)
    ok(me.put(f"{APPLICATION}/major", json={"plan_id": me.who["majors"][0]}))
    return me


def fields_missing(me) -> list[str]:
    return [m["field"] for m in ok(me.get(f"{APPLICATION}/check"))["missing"]]


def test_one_contact_record_is_edited_on_its_page_and_used_by_the_form_the_sms_and_the_staff(
        portal, table, services):
    with serving("apply", "anhui"), serving("photo", "anhui"):
        me = chosen(portal, table, "anhui")
        city = staff(portal, table, "one-contact-city", "city", offices=(OFFICES["anhui"],))
        province = staff(portal, table, "one-contact-province", "province")
        fill_in(me, "anhui", reviewer=city)
        phone, address = "13700000001", "合肥市蜀山区长江西路1号"
        ok(me.put(f"{APPLICATION}/contact", json={"phone": phone, "address": address}))
        # the basic information keeps no phone or address of its own: they are the contact record's
        for field, value in (("phone", "13800000002"), ("address", "另一个地址"), ("postcode", "230000")):
            error = refused(me.put(f"{APPLICATION}/basic", json={"changes": {field: value}}), 422, field)
            assert "填写联系方式" in error["message"], error
        check = ok(me.get(f"{APPLICATION}/check"))
        assert check["basic"]["phone"] == phone and check["basic"]["address"] == address
        ok(submit(me))
        day = datetime.now(timezone(timedelta(hours=8))).date().isoformat()
        assert [m for m in services.outbox.day(day) if m["to"] == phone], "提交通知没有发到联系方式中的手机号"
        path = f"/api/apply/staff/applications/{me.who['exam_no']}"
        shown = ok(city.get(path))["candidate"]
        assert shown["phone"] == phone and shown["address"] == address
        ok(city.post(f"{path}/decision", json={"stage": "city_review", "decision": "approve"}))
        host_agrees(portal, table, me.who["exam_no"])
        ok(province.post(f"{path}/decision", json={"stage": "joint_review", "decision": "approve"}))
        text = pdf_text(me, "registration_form")
        assert phone in text and address in text and me.who["phone"] not in text


def test_ethnicity_and_political_status_are_required_before_submit_and_请选择_is_no_value(portal, table):
    with serving("apply", "anhui"), serving("photo", "anhui"):
        me = chosen(portal, table, "anhui", **NO_PERSONAL)
        city = staff(portal, table, "personal-city", "city", offices=(OFFICES["anhui"],))
        fill_in(me, "anhui", reviewer=city)
        ok(me.put(f"{APPLICATION}/basic", json={"changes": {}}))        # confirmed with nothing chosen
        for field in ("ethnicity", "political_status"):
            refused(me.put(f"{APPLICATION}/basic", json={"changes": {field: "请选择"}}), 422, field)
        missing = ok(me.get(f"{APPLICATION}/check"))["missing"]
        blocking = {m["field"]: m["message"] for m in missing}
        assert set(blocking) == {"basic.ethnicity", "basic.political_status"}, missing
        assert "民族" in blocking["basic.ethnicity"] and "政治面貌" in blocking["basic.political_status"]
        gaps = submit(me)
        assert gaps.status_code == 422, gaps.text
        assert ok(me.get(APPLICATION))["application"]["status"] == "draft"
        ok(me.put(f"{APPLICATION}/basic", json={"changes": {"ethnicity": "回族", "political_status": "群众"}}))
        assert fields_missing(me) == []
        ok(submit(me))
        province = staff(portal, table, "personal-province", "province")
        path = f"/api/apply/staff/applications/{me.who['exam_no']}"
        ok(city.post(f"{path}/decision", json={"stage": "city_review", "decision": "approve"}))
        host_agrees(portal, table, me.who["exam_no"])
        ok(province.post(f"{path}/decision", json={"stage": "joint_review", "decision": "approve"}))
        export = ok(province.post("/api/apply/staff/exports/graduates", json={}))
        rows = list(csv.reader(io.StringIO(province.get(export["url"]).content.decode("utf-8-sig"))))
        row = next(r for r in rows if r[0] == me.who["exam_no"])
        assert row[COLUMNS.index("民族")] == "回族" and row[COLUMNS.index("政治面貌")] == "群众", row


def test_shanxi_candidates_choose_what_their_record_lacks(portal, table):
    with serving("apply", "shanxi"), serving("photo", "shanxi"):
        me = chosen(portal, table, "shanxi", **NO_PERSONAL)
        assert {"basic.ethnicity", "basic.political_status"} <= set(fields_missing(me))
        ok(me.put(f"{APPLICATION}/basic", json={"changes": {"ethnicity": "汉族", "political_status": "共青团员"}}))
        check = ok(me.get(f"{APPLICATION}/check"))
        assert check["basic"]["ethnicity"] == "汉族" and check["basic"]["political_status"] == "共青团员"
        assert not {"basic.ethnicity", "basic.political_status"} & set(fields_missing(me))


@pytest.mark.parametrize("province", ("chongqing", "anhui"))
def test_a_prior_education_verified_in_the_record_is_shown_and_never_downgraded(portal, table, province):
    with serving("apply", province), serving("photo", province):
        me = chosen(portal, table, province, like=BACHELOR)      # the record's 专科 diploma is verified
        shown = ok(me.get(f"{APPLICATION}/check"))["prior_education"]
        assert shown["status"] == "verified" and shown["level"] == "专科", shown
        kept = ok(me.post(f"{APPLICATION}/prior-education/verify", json={}))     # 学信网 (the sandbox): 未查到
        assert kept["status"] == "verified", kept
        assert ok(me.get(f"{APPLICATION}/check"))["prior_education"]["status"] == "verified"
        assert "prior_education" not in fields_missing(me)


def test_a_prior_education_verified_by_xuexin_is_kept_when_checked_again_in_an_outage(portal, table):
    # 陈静 is in the 学信网 sandbox with a 2019 本科 diploma; a certificate number ending in 0000 is an outage.
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        me = chosen(portal, table, "chongqing", like={**BACHELOR, "prior_education": []}, name="陈静",
                    id_number="50010319970221004X")
        verify = f"{APPLICATION}/prior-education/verify"
        assert ok(me.post(verify, json={}))["status"] == "verified"
        again = ok(me.post(verify, json={"certificate_no": "128341201906050000"}))
        assert again["status"] == "verified" and again["school"] == "重庆示例大学", again
        assert ok(me.get(f"{APPLICATION}/check"))["prior_education"]["status"] == "verified"
        assert "prior_education" not in fields_missing(me)
