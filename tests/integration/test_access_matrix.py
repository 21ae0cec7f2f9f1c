"""Access control as a matrix over every route of the three functions (read from the apps, see tests/support/routes.py),
through the running portal, with 山西's rules (county offices, host universities, a fee, photo and identity
review: every kind of scope a profile has). Callers: nobody, candidate A, staff of another county, a host
university that is not the candidate's, the province. Each refusal is a 4xx with a Chinese message, and the
candidate it aimed at is exactly as before, item for item.
"""
from __future__ import annotations

import re

import pytest
from boto3.dynamodb.conditions import Key
from support.applying import NO_PRIOR, candidate, fill_in, ok, prior_pending, staff, submit, verify_identity
from support.portal_client import client, serving
from support.routes import BODIES, every_route

from functions.common.dynamo import keys

PUBLIC = {"GET /api/eligibility/health", "GET /api/photo/health", "GET /api/apply/health", "GET /api/apply/captcha",
          "POST /api/apply/session", "POST /api/apply/accounts", "POST /api/apply/password-reset/question",
          "POST /api/apply/password-reset/verify", "POST /api/apply/password-reset/answer",
          "POST /api/apply/password-reset/code",
          "POST /api/apply/payments/{provider}/callback"}
NOBODY = "149999999999"     # an exam number no record has
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def routes(portal):
    """Read once the stack has set the environment the apps are built from."""
    return every_route()


def call(http, route, values: dict, body: dict | None = None):
    body = body if body is not None else BODIES.get(route.path)
    return http.request(route.method, route.url(values), json=body)


def refused(answer, status: int) -> bool:
    """The status, and an error a person can read."""
    if answer.status_code != status:
        return False
    error = answer.json()["error"]
    return bool(CHINESE.search(error["message"])) and "Traceback" not in answer.text


@pytest.fixture(scope="module")
def world(portal, table):
    """Candidate A in 小店区 (140105), candidate B in 迎泽区 (140106) with an order to pay; their county offices,
    a host university neither chose, and the provincial office."""
    with serving("apply", "shanxi"), serving("photo", "shanxi"):
        team = {"x": staff(portal, table, "matrix-county-x", "county", offices=("140105",)),
                "y": staff(portal, table, "matrix-county-y", "county", offices=("140106",)),
                "university": staff(portal, table, "matrix-university", "university", universities=("太原理工大学",)),
                "province": staff(portal, table, "matrix-province", "province")}
        people = {}
        for name, office, reviewer in (("a", "140105", team["x"]), ("b", "140106", team["y"])):
            # their 前置学历 waits for the county, so no 系统审核通过: the county decides (test_system_approval_api)
            me = candidate(portal, table, office, province="shanxi", like=NO_PRIOR,
                           name={"a": "王建国", "b": "李秀英"}[name])          # one record cloned: names apart
            verify_identity(me)
            ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
            fill_in(me, "shanxi", reviewer=reviewer)
            prior_pending(me)
            assert ok(submit(me))["application"]["status"] == "in_review"
            people[name] = me
        b = people["b"]
        ok(team["y"].post(f"/api/apply/staff/applications/{b.who['exam_no']}/decision",
                          json={"stage": "county_review", "decision": "approve"}))
        order = ok(b.get("/api/apply/application/payment"))
        batch = next(b for b in ok(team["province"].get("/api/apply/staff/batches"))["batches"] if b["current"])
        photo = next(u for u in ok(b.get("/api/photo/uploads"))["uploads"] if u["kind"] == "photo")
        values = {"exam_no": b.who["exam_no"], "plan_id": b.who["majors"][0], "rule_id": "r-1",
                  "upload_id": photo["upload_id"], "form_id": "registration_form",
                  "account_id": b.account_id, "batch_id": batch["id"], "candidate_type": "在籍考生",
                  "provider": "sandbox", "order_id": order["order_id"], "claim_id": "0123456789abcdef",
                  "entry_id": "0123456789abcdef",
                  "request_id": "0" * 16, "scope": "university", "key": "某大学", "office": "140106", "kind": "photo"}
        yield {"people": people, "team": team, "values": values, "table": table}


def snapshot(table, values: dict) -> list[dict]:
    """Every item of B's: the record's partition (application, uploads, messages, effects...), account, order."""
    items = table.query(KeyConditionExpression=Key("PK").eq(f"CAND#{values['exam_no']}"))["Items"]
    for key in (keys.account(values["account_id"]), keys.order(values["order_id"])):
        items.append(table.get_item(Key=key).get("Item"))
    return items


def test_the_public_routes_are_exactly_these(routes):
    assert {str(r) for r in routes if r.caller == "public"} == PUBLIC


def test_nobody_signed_in_is_refused_every_other_route(portal, world, routes):
    anonymous = client(portal)
    wrong = [str(r) for r in routes if r.caller != "public" and not refused(call(anonymous, r, world["values"]), 401)]
    assert wrong == []


def test_a_candidate_is_refused_every_staff_route_and_changes_nothing(world, routes):
    before = snapshot(world["table"], world["values"])
    a = world["people"]["a"]
    wrong = [str(r) for r in routes if r.caller == "staff" and not refused(call(a, r, world["values"]), 403)]
    assert wrong == [] and snapshot(world["table"], world["values"]) == before


def test_staff_are_refused_every_candidate_route(world, routes):
    province = world["team"]["province"]
    wrong = [str(r) for r in routes if r.caller == "candidate" and not refused(call(province, r, world["values"]), 403)]
    assert wrong == []


def test_candidate_a_cannot_reach_bs_uploads_or_order(world, routes):
    a, values = world["people"]["a"], world["values"]
    before = snapshot(world["table"], values)
    aimed = [r for r in routes if r.caller == "candidate" and "upload_id" in r.parameters]
    assert len(aimed) == 3      # check, fix and 山西's 人工审核 request
    for route in aimed:
        assert refused(call(a, route, values), 404), route
    pay = next(r for r in routes if str(r) == "POST /api/apply/payments/sandbox/pay")
    assert refused(call(a, pay, values, {"order_id": values["order_id"], "outcome": "paid"}), 404)
    assert snapshot(world["table"], values) == before


@pytest.mark.parametrize("outsider", ["x", "university"])
def test_staff_outside_bs_jurisdiction_reach_b_by_no_id(world, outsider, routes):
    """Every staff route naming a candidate, read or change, answers B's exam number exactly as it answers one that
    exists nowhere (404, or 403 where the role may not use the route at all)."""
    http, values = world["team"][outsider], world["values"]
    before = snapshot(world["table"], values)
    aimed = [r for r in routes if r.caller == "staff" and "exam_no" in r.parameters]
    assert len(aimed) >= 16
    wrong = []
    for route in aimed:
        answer, nobody = call(http, route, values), call(http, route, {**values, "exam_no": NOBODY})
        hidden = answer.status_code in (403, 404) and refused(answer, nobody.status_code)
        if not (hidden and answer.json() == nobody.json()):
            wrong.append(f"{route}: {answer.status_code} {answer.text[:200]}")
    assert wrong == [], "\n".join(wrong)
    assert snapshot(world["table"], values) == before
    # B's own office reaches B by the same routes: the refusals above are the scope's.
    page = ok(world["team"]["y"].get(f"/api/apply/staff/applications/{values['exam_no']}"))
    assert page["application"]["exam_no"] == values["exam_no"]


@pytest.mark.parametrize("outsider", ["x", "university"])
def test_staff_outside_bs_jurisdiction_find_b_in_no_list_search_or_export(world, outsider, routes):
    http, b = world["team"][outsider], world["people"]["b"]
    seen = [http.get("/api/apply/staff/review"), http.get("/api/apply/staff/applications"),
            http.get("/api/apply/staff/applications", params={"status": "in_review"}),
            http.get("/api/photo/staff/queue"), http.get("/api/photo/staff/identity"),
            http.post("/api/apply/staff/exports/counts", json={})]
    for q in (b.who["name"], b.who["id_number"], b.who["exam_no"]):
        seen.append(http.post("/api/apply/staff/applications/search", json={"q": q}))
    # Full ID numbers in bulk (the graduates CSV, the photo package) are the provincial office's only (issue 15).
    bulk = [http.post("/api/apply/staff/exports/graduates", json={}),
            http.post("/api/photo/staff/exports/photos", json={})]
    for answer in [*seen, *bulk]:
        # 山西's photos and identities are reviewed by counties: a university is refused those queues outright.
        reviewer_only = outsider == "university" and "/api/photo/staff/" in str(answer.url)
        assert refused(answer, 403) if reviewer_only or answer in bulk else answer.status_code == 200, \
            answer.text[:300]
        assert b.who["exam_no"] not in answer.text and b.who["name"] not in answer.text
        assert "140106" not in answer.text     # not even a count for B's office


def test_only_the_admin_manages_staff_and_only_the_province_sets_batches(world, routes):
    values = world["values"]
    for role in ("x", "university"):
        for path in ("POST /api/apply/staff/accounts", "POST /api/apply/staff/accounts/{account_id}/disable",
                     "PUT /api/apply/staff/batches/{batch_id}/windows/{candidate_type}",
                     "PUT /api/apply/staff/batches/{batch_id}/photo-window",
                     "PUT /api/apply/staff/batches/{batch_id}/dates"):
            route = next(r for r in routes if str(r) == path)
            answer = call(world["team"][role], route, values)
            assert refused(answer, 403), (role, path, answer.text)
