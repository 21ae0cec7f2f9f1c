"""Only the documents a candidate needs are asked for (issue 19 item 13), through the running portal in 重庆: the
前置学历 毕业证书 and 备案表 only once the 学信网 check fails (the manual path), the statement of a changed name or ID
number only when the candidate says the diploma shows another one; the documents page's answer and check answers
say the same, and the manual claim is refused in words until that statement is uploaded."""
from __future__ import annotations

import pytest
from support.applying import HOSTS, candidate, fill_in, ok, small_jpeg, staff, submit, upload
from support.portal_client import serving

from infra.demo.generate import generate

NO_PRIOR = next(c for c in generate("hubei") if c["demo_case"] == "no_prior_education")
DOCUMENTS = "/api/apply/application/documents"
CLAIM = {"school": "重庆某职业学院", "certificate_no": "128341201906001234", "graduated_on": "2019-06-30"}


@pytest.fixture(scope="module")
def chongqing(portal):
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        yield


def asked(me) -> dict[str, bool]:
    """{kind: required} of what the documents page asks for; check answers must say the same."""
    documents = ok(me.get(DOCUMENTS))["documents"]
    assert ok(me.get("/api/apply/application/check"))["documents"] == documents
    return {d["kind"]: d["required"] for d in documents}


def test_the_diploma_is_asked_only_on_the_manual_path_and_the_statement_only_after_a_change(portal, table, chongqing):
    me = candidate(portal, table, "500103", province="chongqing", like=NO_PRIOR)
    before_major = {d["kind"]: d["required"] for d in ok(me.get(DOCUMENTS))["documents"]}
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    everyone = {"id_front": True, "id_back": True, "signature": True, "other": False}
    assert before_major == everyone and asked(me) == everyone        # 学信网 not asked yet: no diploma

    assert ok(me.post("/api/apply/application/prior-education/verify", json={}))["status"] == "not_found"
    assert asked(me) == {**everyone, "diploma": True, "filing_form": True}

    upload(me, small_jpeg(), "diploma")
    upload(me, small_jpeg(), "filing_form")
    changed = me.put("/api/apply/application/prior-education/manual", json={**CLAIM, "identity_changed": True})
    assert changed.status_code == 422, changed.text
    [problem] = changed.json()["error"]["problems"]
    assert problem["field"] == "prior_education.identity_change"
    assert problem["message"].startswith("请上传改名或身份证号变更情况说明（派出所盖章）")

    upload(me, small_jpeg(), "identity_change")
    claim = ok(me.put("/api/apply/application/prior-education/manual", json={**CLAIM, "identity_changed": True}))
    assert claim["status"] == "manual_pending" and claim["identity_changed"] is True
    assert claim["documents"] == ["diploma", "filing_form", "identity_change"]
    assert asked(me) == {**everyone, "diploma": True, "filing_form": True, "identity_change": True}
    uploaded = {d["kind"] for d in ok(me.get(DOCUMENTS))["documents"] if d["uploaded"]}
    assert uploaded == {"diploma", "filing_form", "identity_change"}


def test_an_unchanged_name_is_not_asked_for_the_statement(portal, table, chongqing):
    me = candidate(portal, table, "500103", province="chongqing", like=NO_PRIOR)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    ok(me.post("/api/apply/application/prior-education/verify", json={}))
    upload(me, small_jpeg(), "diploma")
    upload(me, small_jpeg(), "filing_form")
    claim = ok(me.put("/api/apply/application/prior-education/manual", json=CLAIM))
    assert claim["documents"] == ["diploma", "filing_form"] and claim["identity_changed"] is False
    assert "identity_change" not in asked(me)


def test_staff_see_what_the_candidate_was_asked_for(portal, table, chongqing):
    me = candidate(portal, table, "500103", province="chongqing", like=NO_PRIOR)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    ok(me.post("/api/apply/application/prior-education/verify", json={}))
    for kind in ("diploma", "filing_form", "identity_change"):
        upload(me, small_jpeg(), kind)
    ok(me.put("/api/apply/application/prior-education/manual", json={**CLAIM, "identity_changed": True}))
    fill_in(me, "chongqing")
    ok(submit(me))
    university = staff(portal, table, "asked-university", "university", universities=HOSTS)
    page = ok(university.get(f"/api/apply/staff/applications/{me.who['exam_no']}"))
    assert {d["kind"]: (d["required"], d["uploaded"]) for d in page["documents_asked"]} == {
        "id_front": (True, True), "id_back": (True, True), "diploma": (True, True), "filing_form": (True, True),
        "identity_change": (True, True), "signature": (True, True), "other": (False, False)}
    assert next(d for d in page["documents_asked"] if d["kind"] == "identity_change")["name"] == (
        "改名或身份证号变更情况说明（派出所盖章）")
