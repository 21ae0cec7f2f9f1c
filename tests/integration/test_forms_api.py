"""Printed forms through the running portal: made from the application and the exam record, read back with
pdftotext for the exact Chinese text (a rare name character included), made again only when the data changed,
handed out by short-lived links to one object, refused before they are due and for characters the font lacks."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from support.applying import candidate, ok, pdf_text, staff, submit
from support.portal_client import serving

from functions.apply.forms.data import best_sittings
from functions.common.dynamo import keys

OFFICE = "420100"
FORM = "/api/apply/application/forms/application_form"


def submitted(portal, table, **record):
    me = candidate(portal, table, OFFICE, **record)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "武汉市洪山区珞喻路1037号"}))
    ok(submit(me))
    return me


def test_the_application_form_prints_the_candidate_the_major_and_every_counted_course(portal, table):
    me = submitted(portal, table, name="李𬌗")
    text = pdf_text(me, "application_form")
    application = ok(me.get("/api/apply/application"))["application"]
    for words in ("湖北省高等教育自学考试毕业生申请表", "李𬌗", me.who["exam_no"], me.who["id_number"],
                  application["major_name"], application["host_universities"][0], application["reference"],
                  "武汉市洪山区珞喻路1037号"):
        assert words in text, words
    audit = ok(me.get(f"/api/eligibility/audits/{application['plan_id']}"))
    best = best_sittings(me.who, 60)
    lines = text.splitlines()
    for code in audit["course_status"]:
        row = next((line for line in lines if f" {code} " in f" {line} "), None)
        assert row is not None, code
        if audit["course_status"][code] == "passed" and code in best:
            assert best[code][0] in row and best[code][1] in row, (code, row)


def test_a_form_is_made_again_only_when_the_data_behind_it_changed(portal, table):
    me = submitted(portal, table)
    first = ok(me.get(FORM))
    again = ok(me.get(FORM))
    key = urlparse(first["url"]).path
    assert urlparse(again["url"]).path == key                                 # the same copy, not rendered again
    version = ok(me.get("/api/apply/application"))["application"]["version"]
    ok(me.post("/api/apply/application/withdraw", json={"version": version}))
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "武汉市武昌区中南路9号"}))
    ok(submit(me))
    changed = ok(me.get(FORM))
    assert urlparse(changed["url"]).path != key
    assert "武汉市武昌区中南路9号" in pdf_text(me, "application_form")


def test_links_are_short_lived_and_name_one_object_in_the_candidates_own_place(portal, table):
    me = submitted(portal, table)
    link = ok(me.get(FORM))
    query = parse_qs(urlparse(link["url"]).query)
    assert int(query["X-Amz-Expires"][0]) <= 300 and link["expires_in"] <= 300
    assert urlparse(link["url"]).path.split("/")[-4:-1] == ["forms", me.who["exam_no"],
                                                            ok(me.get("/api/apply/application"))["application"]["batch"]["id"]]
    own = staff(portal, table, "forms-city", "city", offices=(OFFICE,))
    other = staff(portal, table, "forms-other-city", "city", offices=("420200",))
    staff_path = f"/api/apply/staff/applications/{me.who['exam_no']}/forms/application_form"
    staff_forms = f"/api/apply/staff/applications/{me.who['exam_no']}/forms/"
    assert me.who["name"] in pdf_text(own, "application_form", staff_forms)
    assert other.get(staff_path).status_code == 404


def test_a_form_is_refused_before_it_is_due_and_for_a_character_the_font_lacks(portal, table):
    with serving("apply", "anhui"):
        me = candidate(portal, table, "340100", province="anhui")
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        early = me.get("/api/apply/application/forms/registration_form")
    assert early.status_code == 409 and "审核通过后才能打印" in early.json()["error"]["message"]
    rare = submitted(portal, table, name="王𠀀")
    refused = rare.get(FORM)
    assert refused.status_code == 409 and "𠀀" in refused.json()["error"]["message"]
    assert "无法打印" in refused.json()["error"]["message"]
    batch = ok(rare.get("/api/apply/application"))["application"]["batch"]["id"]
    assert table.get_item(Key=keys.form_copy(rare.who["exam_no"], batch, "application_form")).get("Item") is None
