"""The eligibility API through the local router and the real Lambda handler, signed in as real accounts."""
from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest
from support import portal_client

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.audit_log import entries
from functions.common.dynamo.store import Store
from functions.common.ids import id_check_digit
from functions.eligibility.importer import import_directory
from infra.demo.generate import generate

PASSWORD = "Test-pass-2026"
# The spec's worked case of 山西's 英语(二) credit pool (copied from spec/examples).
C09 = json.loads((Path(__file__).resolve().parent / "fixtures" / "C09.json").read_text(encoding="utf-8"))


def _person(serial: int, office: str = "420100") -> dict:
    first17 = f"{office}19900101{serial:03d}"
    return {"exam_no": f"4201990{serial:05d}", "name": f"测试{serial}", "id_number": first17 + id_check_digit(first17),
            "office": office}


def _import(table, tmp_path: Path, candidates: list[dict]) -> None:
    (tmp_path / "candidates").mkdir(exist_ok=True)
    (tmp_path / "candidates" / "t.json").write_text(json.dumps({"candidates": candidates}, ensure_ascii=False))
    import_directory(Store(table), tmp_path, None)


def signed_in(portal, exam_no: str) -> httpx.Client:
    """The portal runs 湖北's rules: candidates sign in by e-mail (made from the 准考证 here)."""
    return portal_client.signed_in(portal, "email", f"{exam_no}@test.biye.cn", PASSWORD)


def _client(portal, table, who: NewAccount) -> httpx.Client:
    create_account(table, who, int(time.time()))
    kind, identifier = next(iter(who.logins.items()))
    return portal_client.signed_in(portal, kind, identifier, PASSWORD)


def staff_client(portal, table, login: str, role: str, offices=()) -> httpx.Client:
    return _client(portal, table, NewAccount(kind="staff", display_name=login, logins={"staff": login},
                                             password=PASSWORD, role=role, offices=tuple(offices)))


@pytest.fixture(scope="module")
def people(portal, table, tmp_path_factory):
    """A candidate one course short on JS-080901-2024R, the spec's 山西 英语(二) case without its choice, and a 湖北
    candidate of the seed's rule table (HB-R4 fits: 09092 passed; HB-R1 does not: 03709 missing)."""
    demo = {c["demo_case"]: c for c in reversed(generate("hubei"))}
    short = {**demo["missing_courses"], **_person(1)}
    pool = {**C09["candidate"], **_person(2, "420200"), "majors": [C09["graduate_under"]]}
    pool.pop("applied_substitutions")
    table_hb = {**_person(3), "registered_on": "2019-03-01", "flags": {}, "prior_education": [],
                "majors": ["HB-OLDPLAN-FRAGMENT"], "attempts": [{"code": "03708", "session": "2024-04", "score": 70},
                                                                {"code": "09092", "session": "2024-10", "score": 66}]}
    _import(table, tmp_path_factory.mktemp("people"), [short, pool, table_hb])
    for person in (short, pool, table_hb):
        create_account(table, NewAccount(kind="candidate", display_name=person["name"],
                                         logins={"email": f"{person['exam_no']}@test.biye.cn"}, password=PASSWORD,
                                         exam_no=person["exam_no"]), int(time.time()))
    return {"short": short, "pool": pool, "hb": table_hb}


def test_majors_list_the_enrolled_plan_first_with_a_one_line_verdict(portal, table, people):
    me = signed_in(portal, people["short"]["exam_no"])
    majors = me.get("/api/eligibility/majors").json()["majors"]
    assert majors[0]["plan_id"] == people["short"]["majors"][0] and majors[0]["enrolled"] is True
    assert majors[0]["verdict"] == "NOT_ELIGIBLE" and majors[0]["summary"]
    audit = me.get(f"/api/eligibility/audits/{majors[0]['plan_id']}").json()
    assert audit["verdict"] == "NOT_ELIGIBLE" and "不符合毕业申请条件" in audit["message"]
    assert all(f["message"] for f in audit["findings"])
    # The tests' plans are the demo's, Jiangsu's: the 湖北 stack says so beside each (issue 19 item 20).
    assert audit["source"] == majors[0]["source"] == \
        f"演示数据：这是江苏的考试计划（主考院校：{'、'.join(audit['host_universities'])}），不是本省的"
    assert all("江苏" in p["source"] for p in me.get("/api/eligibility/what-if").json()["plans"])


def test_unknown_plan_rule_or_course_is_a_clear_4xx(portal, table, people):
    me = signed_in(portal, people["short"]["exam_no"])
    assert me.get("/api/eligibility/audits/NO-SUCH-PLAN").status_code == 404
    assert "找不到" in me.get("/api/eligibility/audits/NO-SUCH-PLAN").json()["error"]["message"]
    assert me.get("/api/eligibility/audits/..%2F..%2Fetc").status_code in (404, 422)
    plan = people["short"]["majors"][0]
    before = entries(table, f"CAND#{people['short']['exam_no']}")
    bad_rule = me.post(f"/api/eligibility/choices/{plan}", json={"rule_id": "NO-RULE", "use": ["00015"],
                                                                 "replace": ["13000"]})
    assert bad_rule.status_code == 422 and bad_rule.json()["error"]["field"] == "rule_id"
    assert "规则" in bad_rule.json()["error"]["message"]
    bad_code = me.post(f"/api/eligibility/choices/{plan}", json={"rule_id": "HB-R1", "use": ["$ne"],
                                                                 "replace": ["00004"]})
    assert bad_code.status_code == 422
    assert entries(table, f"CAND#{people['short']['exam_no']}") == before  # nothing stored, nothing logged


def test_the_suggested_substitution_applies_in_one_step_and_can_be_removed(portal, table, people):
    me = signed_in(portal, people["pool"]["exam_no"])
    plan = people["pool"]["majors"][0]
    assert me.get(f"/api/eligibility/audits/{plan}").json()["verdict"] == "NOT_ELIGIBLE"
    suggestion = me.get(f"/api/eligibility/suggestions/{plan}").json()
    assert [p["rule_id"] for p in suggestion["applied_substitutions"]] == ["SX-EN2"]
    assert suggestion["verdict_after"] == "ELIGIBLE" and suggestion["still_missing"] == []
    assert suggestion["course_names"]["00015"] == "英语(二)"   # pages name courses, not bare codes
    applied = me.post(f"/api/eligibility/choices/{plan}/suggested")
    assert applied.status_code == 200, applied.text
    assert applied.json()["verdict"] == "ELIGIBLE" and applied.json()["course_status"]["00015"] == "顶替"
    assert applied.json()["course_names"]["00015"] == "英语(二)" and applied.json()["major_name"]
    log = entries(table, f"CAND#{people['pool']['exam_no']}")
    assert log[-1]["action"] == "choices.add" and log[-1]["actor"]["kind"] == "candidate"
    again = me.post(f"/api/eligibility/choices/{plan}/suggested")
    assert again.status_code == 422  # nothing left to suggest: no second copy of the same choice
    removed = me.delete(f"/api/eligibility/choices/{plan}/SX-EN2")
    assert removed.status_code == 200 and removed.json()["verdict"] == "NOT_ELIGIBLE"
    assert me.delete(f"/api/eligibility/choices/{plan}/SX-EN2").status_code == 404


def test_the_rule_table_says_each_rule_in_words_and_why_it_cannot_apply(portal, table, people):
    me = signed_in(portal, people["hb"]["exam_no"])
    rows = {r["rule_id"]: r for r in me.get("/api/eligibility/rules/HB-OLDPLAN-FRAGMENT").json()["rules"]}
    assert list(rows) == ["HB-R1", "HB-R2", "HB-R4"]     # HB-R3 replaces courses this plan does not have
    assert rows["HB-R4"]["usable"] and rows["HB-R4"]["why_not"] is None
    assert rows["HB-R4"]["words"] == "用已通过的 09092投资银行学（5学分）顶替 00077金融市场学（5学分）"
    assert rows["HB-R1"]["words"] == ("用已通过的 03708中国近现代史纲要（2学分）、03709马克思主义基本原理概论（4学分）"
                                      "这2门课程中的全部2门（共6学分）顶替 00004毛泽东思想概论（4学分）")
    assert not rows["HB-R1"]["usable"] and "03709马克思主义基本原理概论还没有合格成绩" in rows["HB-R1"]["why_not"]
    assert not any("HB-" in r["words"] + (r["why_not"] or "") for r in rows.values())   # rules by what they do


def test_a_顶替_that_does_not_fit_is_refused_in_words_and_nothing_is_stored(portal, table, people):
    me, exam_no = signed_in(portal, people["hb"]["exam_no"]), people["hb"]["exam_no"]
    url, before = "/api/eligibility/choices/HB-OLDPLAN-FRAGMENT", entries(table, f"CAND#{exam_no}")
    for choice, field, why in (
            ({"rule_id": "HB-R1", "use": ["03708"], "replace": ["00004"]}, "use", "须选择2门课程中的2门"),
            ({"rule_id": "HB-R4", "use": ["09092"], "replace": ["00004"]}, "replace", "00004不是该规则可顶替的课程"),
            ({"rule_id": "HB-R4", "use": ["03708"], "replace": ["00077"]}, "use", "不在规则可用课程")):
        refused = me.post(url, json=choice)
        assert refused.status_code == 422, refused.text
        error = refused.json()["error"]
        assert error["field"] == field and why in error["message"] and "HB-" not in error["message"]
    assert entries(table, f"CAND#{exam_no}") == before
    assert me.get("/api/eligibility/audits/HB-OLDPLAN-FRAGMENT").json()["choices"] == []
    fits = me.post(url, json={"rule_id": "HB-R4", "use": ["09092"], "replace": ["00077"]})
    assert fits.status_code == 200 and fits.json()["course_status"]["00077"] == "顶替"
    again = me.post(url, json={"rule_id": "HB-R4", "use": ["09092"], "replace": ["00077"]})
    assert again.status_code == 422 and again.json()["error"]["message"] == "您已经应用过这条顶替规则"
    row = me.get("/api/eligibility/rules/HB-OLDPLAN-FRAGMENT").json()["rules"][-1]
    assert row["chosen"] and not row["usable"] and row["sources"][0]["state"] == "used"
    assert me.delete(f"{url}/HB-R4").json()["course_status"].get("00077") is None


def test_changes_need_the_csrf_header(portal, table, people):
    me = signed_in(portal, people["pool"]["exam_no"])
    del me.headers["X-CSRF-Token"]
    answer = me.post(f"/api/eligibility/choices/{people['pool']['majors'][0]}/suggested")
    assert answer.status_code == 403


def test_staff_see_only_their_jurisdiction_and_candidates_only_themselves(portal, table, people):
    exam_no, plan = people["short"]["exam_no"], people["short"]["majors"][0]
    own = staff_client(portal, table, "city-420100", "city", ["420100"])
    other = staff_client(portal, table, "city-421000", "city", ["421000"])
    assert own.get(f"/api/eligibility/staff/candidates/{exam_no}/audits/{plan}").status_code == 200
    for path in (f"audits/{plan}", "majors", "what-if", f"suggestions/{plan}"):
        answer = other.get(f"/api/eligibility/staff/candidates/{exam_no}/{path}")
        assert answer.status_code == 404, path
    me = signed_in(portal, people["pool"]["exam_no"])
    assert me.get(f"/api/eligibility/staff/candidates/{exam_no}/majors").status_code == 403
    assert own.get("/api/eligibility/majors").status_code == 403


def test_a_province_without_顶替_refuses_a_chosen_one_in_words(table, people):
    """重庆's profile offers no 课程顶替 (its pages show none): the API refuses one too, before reading anything."""
    from functions.common.errors import Conflict
    from functions.common.session import Identity
    from functions.eligibility.service import Eligibility
    from functions.eligibility.stores.reference import ReferenceCache
    who = people["short"]["exam_no"]
    me = Identity(account_id="a", kind="candidate", display_name="x", exam_no=who)
    chongqing = Eligibility(Store(table), ReferenceCache(Store(table)), lambda: int(time.time()), "chongqing")
    with pytest.raises(Conflict) as refused:
        chongqing.add_choices(me, who, "JS-080901-2024R", [{"rule_id": "R1", "use": ["03708"], "replace": ["00004"]}])
    assert refused.value.message == "重庆的毕业申请不办理课程顶替；课程免试请按规定向区县考试机构申请"
    assert refused.value.field == "rule_id"
