"""Every read of a full ID number, an ID-card picture, a document, a photo or a form by staff is in the audit log
(issue 15 item 7). Every staff read route of the functions (read from their route tables, as the audit walk reads
the changing ones, so a route added tomorrow is in this walk the day it is added) is called the way the pages
call it, in the four provinces; an answer that carries a full ID number (one that passes the check digit) or a
signed link to a stored file (a photo, a document, an ID-card picture, a form, an export) must have written, in the
same request, one audit entry naming the member of staff (account, kind, role), what was read (`read.…`,
`export.…`) and when, and no entry may carry a full ID number. A staff read route the walk never reached with a
2xx fails the test too, unless NOT_WALKED says why.

How: every DynamoDB write the functions make is watched (tests/support/aws_calls.WATCHERS) and each request's
writes are kept with its route (httpx event hooks on the walk's clients), as in test_audit_walk.
"""
from __future__ import annotations

import json
import re
import time

import pytest
from support.applying import (
    ELIGIBLE,
    OFFICES,
    candidate,
    fill_in,
    ok,
    prior_by_hand,
    small_jpeg,
    staff,
    submit,
    upload,
    upload_files,
)
from support.portal_client import serving
from support.routes import every_route
from support.write_watch import route_of, watched, watching

from functions.common import audit_log
from functions.common.dynamo import keys
from functions.common.ids import id_check_digit
from functions.common.session import Identity
from functions.photo.identity import store as identity_status
from infra.demo.generate import generate

# POSTs that only read, and hand out what this item is about (exports: full ID numbers in bulk, behind a link).
READ_POSTS = {"POST /api/apply/staff/applications/search", "POST /api/apply/staff/exports/counts",
              "POST /api/apply/staff/exports/graduates", "POST /api/photo/staff/exports/photos",
              "POST /api/apply/staff/applications/{exam_no}/exceptions/preview"}
NOT_WALKED: dict[str, str] = {}
# What the walk must find private (so that it keeps testing something): the routes known to answer with a full ID
# number or a signed link to a file, when their data exists.
PRIVATE_READS = {"GET /api/apply/staff/applications/{exam_no}", "GET /api/apply/staff/applications/{exam_no}/claims",
                 "GET /api/apply/staff/applications/{exam_no}/forms/{form_id}",
                 "GET /api/apply/staff/applications/{exam_no}/files/{kind}",
                 "GET /api/apply/staff/prior-education/pending", "GET /api/photo/staff/identity/{exam_no}",
                 "GET /api/photo/staff/queue", "POST /api/apply/staff/exports/graduates",
                 "POST /api/photo/staff/exports/photos"}
# 安徽: an eligible record without its 13000 passes, so a 免考 claim of 13000 is open (as in test_audit_walk).
SOURCE = next(c for c in ELIGIBLE if any(a["code"] == "13000" for a in c["attempts"]))
WITHOUT_13000 = {**SOURCE, "attempts": [a for a in SOURCE["attempts"] if a["code"] != "13000"]}
NO_PRIOR = next(c for c in generate("hubei") if c["demo_case"] == "no_prior_education")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9X](?![0-9A-Za-z])")
SIGNED_LINK = "X-Amz-Signature="


def full_id_numbers(text: str) -> list[str]:
    """The 18-character tokens of `text` that are ID numbers (the check digit holds), not other long numbers."""
    return [n for n in ID_NUMBER.findall(text) if id_check_digit(n[:17]) == n[17]]


def private(text: str) -> list[str]:
    """What in an answer makes reading it a logged read: full ID numbers, signed links to stored files."""
    return (["a full ID number"] if full_id_numbers(text) else []) + (["a signed link"] if SIGNED_LINK in text else [])


@pytest.fixture(scope="module")
def seen():
    yield from watching()


def staff_reads() -> list:
    return [r for r in every_route() if "/staff/" in r.path and (r.method == "GET" or str(r) in READ_POSTS)]


def read_every(client, paths: list[str]) -> None:
    for path in paths:
        client.get(path)


def walk_hubei(portal, table, seen) -> None:
    """The application's page, its form, the lists, the accounts, the exports: 湖北's city, province and admin."""
    office = OFFICES["hubei"]
    city = watched(staff(portal, table, "reads-city", "city", offices=(office,)), seen)
    province = watched(staff(portal, table, "reads-province", "province"), seen)
    admin = watched(staff(portal, table, "reads-admin", "admin"), seen)
    me = candidate(portal, table, office)
    plan = me.who["majors"][0]
    ok(me.put("/api/apply/application/major", json={"plan_id": plan}))
    fill_in(me, "hubei")
    upload(me, small_jpeg(), "diploma")
    ok(submit(me))
    exam_no = me.who["exam_no"]
    page = f"/api/apply/staff/applications/{exam_no}"
    read_every(city, [page, f"{page}/files/diploma", f"{page}/files/diploma/entries", f"{page}/history",
                      f"{page}/forms/application_form", f"{page}/messages",
                      f"{page}/exceptions", f"{page}/prior-education", f"{page}/exam-numbers",
                      "/api/apply/staff/prior-education/pending",
                      "/api/apply/staff/review", "/api/apply/staff/applications?limit=5", "/api/apply/staff/batches",
                      f"/api/apply/staff/candidates/{exam_no}/accounts",
                      f"/api/eligibility/staff/candidates/{exam_no}/majors",
                      f"/api/eligibility/staff/candidates/{exam_no}/audits/{plan}",
                      f"/api/eligibility/staff/candidates/{exam_no}/what-if",
                      f"/api/eligibility/staff/candidates/{exam_no}/suggestions/{plan}",
                      f"/api/eligibility/staff/candidates/{exam_no}/rules/{plan}",
                      f"/api/eligibility/staff/candidates/{exam_no}/transcripts/{plan}"])
    ok(city.post("/api/apply/staff/applications/search", json={"q": exam_no}))
    read_every(province, ["/api/apply/staff/exceptions/pending", "/api/apply/staff/notices"])
    ok(province.post(f"{page}/exceptions/preview", json={"kind": "waive", "target": "total", "reason": "预览"}))
    ok(province.post("/api/apply/staff/exports/graduates", json={}))
    ok(province.post("/api/apply/staff/exports/counts", json={}))
    read_every(admin, ["/api/apply/staff/accounts", "/api/apply/staff/approvals"])


def walk_anhui(portal, table, seen) -> None:
    """The photo queue with a photo waiting, a 免考 claim with its certificate, the photo package (安徽)."""
    office = OFFICES["anhui"]
    with serving("apply", "anhui"), serving("photo", "anhui"):
        city = watched(staff(portal, table, "reads-ah-city", "city", offices=(office,)), seen)
        province = watched(staff(portal, table, "reads-ah-province", "province"), seen)
        me = candidate(portal, table, office, like=WITHOUT_13000, province="anhui")
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        upload(me, small_jpeg(), "certificate")
        ok(me.post("/api/apply/application/claims", json={"kind": "exemption", "course": "13000",
                                                          "certificate": "CET-4 certificate"}))
        upload_files(me, "anhui")
        read_every(city, ["/api/photo/staff/queue", f"/api/apply/staff/applications/{me.who['exam_no']}/claims"])
        ok(province.post("/api/photo/staff/exports/photos", json={}))


def walk_shanxi(portal, table, seen) -> None:
    """The identity queue and one check's pictures beside the full ID number (山西), the check seeded as a failed
    automatic check asked to go to a person (the models are test_identity_api's)."""
    office = OFFICES["shanxi"]
    with serving("apply", "shanxi"), serving("photo", "shanxi"):
        county = watched(staff(portal, table, "reads-sx-county", "county", offices=(office,)), seen)
        me = candidate(portal, table, office, province="shanxi")
        exam_no, now = me.who["exam_no"], int(time.time())
        who = Identity(account_id=me.account_id, kind="candidate", display_name=me.who["name"], exam_no=exam_no)
        failed = {"ok": False, "findings": [{"code": "FACE_MISMATCH", "message": "人脸不一致", "hint": ""}],
                  "read": {"name": me.who["name"], "id_number": me.who["id_number"]}, "face_match": 0.2}
        pictures = {k: {"upload_id": f"{k}-1", "object_key": f"checked/{exam_no}/{k}.jpg"}
                    for k in ("id_front", "id_holding")}
        identity_status.record_check(table, exam_no, who, failed, failed["read"], pictures, now)
        identity_status.request_manual(table, exam_no, who, office, now)
        read_every(county, ["/api/photo/staff/identity", f"/api/photo/staff/identity/{exam_no}"])


def walk_chongqing(portal, table, seen) -> None:
    """A 前置学历 claim by hand with its diploma and filing form, read by the host university that decides it."""
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        me = candidate(portal, table, OFFICES["chongqing"], province="chongqing", like=NO_PRIOR)
        chosen = ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        hosts = (chosen.get("application") or chosen)["host_universities"]
        university = watched(staff(portal, table, "reads-cq-university", "university", universities=hosts), seen)
        prior_by_hand(me, "ABCD1234EFGH5678")
        read_every(university, [f"/api/apply/staff/applications/{me.who['exam_no']}/prior-education",
                                "/api/apply/staff/prior-education/pending"])


def test_every_staff_read_of_private_data_is_in_the_audit_log(portal, table, seen):
    routes = staff_reads()
    walk_hubei(portal, table, seen)
    walk_anhui(portal, table, seen)
    walk_shanxi(portal, table, seen)
    walk_chongqing(portal, table, seen)
    reached, answered, wrong, leaked = set(), set(), [], []
    for request in seen[1:]:
        route = route_of(routes, request.method, request.path)
        if route is None or not 200 <= request.status < 400:       # (a file route answers 303)
            continue
        name = str(route)
        reached.add(name)
        entries = request.log_entries()
        for entry in entries:
            if full_id_numbers(json.dumps(entry, ensure_ascii=False)):
                leaked.append(f"{name}: {entry.get('action')}")
        what = private(request.text)
        if not what:
            continue
        answered.add(name)
        named = [e for e in entries if str(e.get("action", "")).startswith(("read.", "export."))
                 and e.get("at") and (e.get("actor") or {}).get("kind") == "staff"
                 and e["actor"].get("account_id") and e["actor"].get("role")]
        if not named:
            wrong.append(f"{name} answered {' and '.join(what)}, logged {[e.get('action') for e in entries]}")
    missing = sorted({str(r) for r in routes} - reached - set(NOT_WALKED))
    assert answered >= PRIVATE_READS, f"the walk no longer reads private data through {PRIVATE_READS - answered}"
    assert wrong == [], "\n".join(sorted(set(wrong)))
    assert leaked == [], "audit entries with a full ID number:\n" + "\n".join(leaked)
    assert missing == [], "staff read routes the walk never reached (walk them or say why in NOT_WALKED):\n" + \
        "\n".join(missing)


def test_a_read_is_in_the_pages_history_at_once_naming_the_reader(portal, table):
    """The application page's history names who read the application and its form (the reader's own read of the
    page included), by name and role, and the entries hold the ID number masked or not at all. The reads come with
    the older lines (更早的记录和查阅记录: the page's answer counts them), so views never push decisions out."""
    office = OFFICES["hubei"]
    city = staff(portal, table, "reads-history", "city", offices=(office,))
    me = candidate(portal, table, office)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, "hubei")
    ok(submit(me))
    page = f"/api/apply/staff/applications/{me.who['exam_no']}"
    ok(city.get(f"{page}/forms/application_form"))
    shown = ok(city.get(page))
    assert not [h for h in shown["history"] if h["action"].startswith("read.")] and shown["history_earlier"] >= 2
    history = ok(city.get(f"{page}/history"))["history"]
    reads = [h for h in history if h["action"].startswith("read.")]
    assert [h["action"] for h in reads] == ["read.form", "read.application"], history
    assert all(h["actor"]["role"] == "city" and h["actor"]["name"].startswith("reads-history") for h in reads)
    logged = json.dumps(audit_log.entries(table, keys.candidate(me.who["exam_no"])[keys.PK]), ensure_ascii=False)
    assert me.who["id_number"] not in logged
