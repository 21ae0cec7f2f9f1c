"""Windows and dates set by the provincial office (seen by candidates at once, audited), the exports (CSV with a
BOM and exact columns through a short link, counts; scoped, audited), and the application page for staff."""
from __future__ import annotations

import csv
import io
import json
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from support.portal_client import PASSWORD, signed_in
from support.review_world import import_extra, staff, submit

from functions.apply.accounts.store import NewAccount, create_account
from functions.apply.review.exports import COLUMNS
from functions.common.audit_log import entries
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.eligibility.importer import import_directory
from infra.demo.generate import DEMO_WINDOW

STAFF = "/api/apply/staff"
LIST = f"{STAFF}/applications"


@pytest.fixture(scope="module")
def world(portal, table):
    from functions.apply.app import app
    records = import_extra(table, 400, 24, findings_every=0)
    mine = {r["exam_no"]: r for r in records if submit(app, r)}
    offices = sorted({r["office"] for r in mine.values()}, key=lambda o: -sum(r["office"] == o for r in mine.values()))
    here, there = offices[:2]
    city = {o: staff(portal, table, f"rb-city-{o}", "city", [o]) for o in (here, there)}
    university = staff(portal, table, "rb-university", "university",
                       universities=["南京航空航天大学", "南京财经大学", "南京师范大学", "南京农业大学"])
    province = staff(portal, table, "rb-province", "province")
    approved = []
    for exam_no, record in mine.items():        # two of each office through every 湖北 stage
        if record["office"] in (here, there) and sum(mine[e]["office"] == record["office"] for e in approved) < 2:
            path = f"{LIST}/{exam_no}"
            assert city[record["office"]].post(f"{path}/onsite").status_code == 200
            for http, stage in ((city[record["office"]], "city_review"), (university, "university_review"),
                                (province, "province_review")):
                assert http.post(f"{path}/decision", json={"stage": stage, "decision": "approve"}).status_code == 200
            approved.append(exam_no)
    email = f"rb{records[-1]['exam_no']}@test.biye.cn"
    create_account(table, NewAccount(kind="candidate", display_name="x", logins={"email": email}, password=PASSWORD,
                                     exam_no=records[-1]["exam_no"]), int(time.time()), max_per_record=3)
    return {"mine": mine, "here": here, "there": there, "city": city, "province": province, "table": table,
            "approved": approved, "candidate": signed_in(portal, "email", email), "record": records[-1]}


def batch_id(world) -> str:
    return world["province"].get(f"{STAFF}/review").json()["current_batch"]


def test_a_closed_window_is_closed_for_the_candidate_at_once_and_audited(world):
    province, me, batch = world["province"], world["candidate"], batch_id(world)
    kind = world["record"]["candidate_type"]
    window = f"{STAFF}/batches/{batch}/windows/{kind}"
    assert world["city"][world["here"]].put(window, json={"opens": "2026-01-01T00:00", "closes": "2026-02-01T00:00"}
                                            ).status_code == 403
    try:
        closed = province.put(window, json={"opens": "2026-01-01T00:00", "closes": "2026-02-01T00:00"})
        assert closed.status_code == 200, closed.text
        assert closed.json()["windows"][kind]["open_now"] is False
        assert "已经结束" in me.get("/api/apply/application").json()["window_closed"]
        refused = me.put("/api/apply/application/major", json={"plan_id": world["record"]["majors"][0]})
        assert refused.status_code == 409 and "2026-02-01 00:00" in refused.json()["error"]["message"]
    finally:
        assert province.put(window, json=DEMO_WINDOW).status_code == 200          # open again for the other tests
    assert me.get("/api/apply/application").json()["window_closed"] is None
    log = entries(world["table"], keys.batch(batch)[keys.PK])
    changes = [e for e in log if e["action"] == "batch.window"]
    assert changes[-2]["after"]["windows"][kind]["closes"] == "2026-02-01T00:00+08:00"
    assert changes[-1]["before"]["windows"][kind]["closes"] == "2026-02-01T00:00+08:00"
    assert changes[-1]["actor"]["role"] == "province"


def test_the_candidate_is_told_when_the_window_opens_and_closes_before_starting(world):
    """湖北's manual, step 3: the dates come before the application. A window the office types with another zone is
    still told in Beijing time."""
    province, me, batch = world["province"], world["candidate"], batch_id(world)
    assert me.get("/api/apply/application").json()["window"] == "2026-11-01 00:00 至 2027-01-15 17:00（北京时间）"
    window = f"{STAFF}/batches/{batch}/windows/{world['record']['candidate_type']}"
    try:
        assert province.put(window, json={"opens": "2026-10-31T16:00:00Z", "closes": "2027-01-31T09:30:00Z"}
                            ).status_code == 200
        assert me.get("/api/apply/application").json()["window"] == "2026-11-01 00:00 至 2027-01-31 17:30（北京时间）"
    finally:
        assert province.put(window, json=DEMO_WINDOW).status_code == 200


def test_windows_and_dates_refuse_what_cannot_be(world):
    province, batch = world["province"], batch_id(world)
    backwards = province.put(f"{STAFF}/batches/{batch}/windows/*", json={"opens": "2026-03-01T00:00",
                                                                        "closes": "2026-02-01T00:00"})
    assert backwards.status_code == 422 and backwards.json()["error"]["field"] == "closes"
    unknown = province.put(f"{STAFF}/batches/{batch}/windows/火星考生", json={"opens": "2026-01-01T00:00",
                                                                          "closes": "2026-02-01T00:00"})
    assert unknown.status_code == 422 and "社会系统类考生" in unknown.json()["error"]["message"]
    assert province.put(f"{STAFF}/batches/NOPE/dates", json={"graduation_date": "2026-12-30"}).status_code == 404
    late_cutoff = province.put(f"{STAFF}/batches/{batch}/dates", json={"graduation_date": "2026-12-30",
                                                                      "prior_edu_cutoff": "2027-01-01"})
    assert late_cutoff.status_code == 422
    assert province.put(f"{STAFF}/batches/{batch}/dates", json={"graduation_date": "2026-13-01"}).status_code == 422


def test_the_dates_reach_the_audit_at_once_and_cannot_switch_the_open_batch(world, table):
    province, batch = world["province"], batch_id(world)
    exam_no = next(e for e, r in world["mine"].items() if r["office"] == world["here"] and r["prior_education"])
    def audit_now():
        return world["city"][world["here"]].get(f"{LIST}/{exam_no}").json()["audit"]["now"]
    assert audit_now()["verdict"] == "ELIGIBLE"
    try:
        moved = province.put(f"{STAFF}/batches/{batch}/dates", json={"graduation_date": "2026-12-30",
                                                                    "prior_edu_cutoff": "2010-01-01"})
        assert moved.status_code == 200 and moved.json()["prior_edu_cutoff"] == "2010-01-01"
        assert "PRIOR_EDU_AFTER_CUTOFF" in [f["code"] for f in audit_now()["findings"]]
    finally:
        province.put(f"{STAFF}/batches/{batch}/dates", json={"graduation_date": "2026-12-30",
                                                             "prior_edu_cutoff": "2026-12-30"})
    assert audit_now()["verdict"] == "ELIGIBLE"
    earlier = {"id": "HUBEI-2026H1", "name": "湖北省2026年上半年毕业申请", "graduation_date": "2026-06-30",
               "prior_edu_cutoff": "2026-06-30", "windows": {}}
    with tempfile.TemporaryDirectory() as directory:
        (Path(directory) / "batches").mkdir()
        (Path(directory) / "batches" / "h1.json").write_text(json.dumps(earlier, ensure_ascii=False))
        import_directory(Store(table), Path(directory))
    listed = province.get(f"{STAFF}/batches").json()["batches"]
    assert [b["id"] for b in listed if b["current"]] == [batch] and "HUBEI-2026H1" in [b["id"] for b in listed]
    switch = province.put(f"{STAFF}/batches/HUBEI-2026H1/dates", json={"graduation_date": "2027-06-30"})
    assert switch.status_code == 422 and batch in switch.json()["error"]["message"]


def _download(answer) -> bytes:
    url = answer.json()["url"]
    assert parse_qs(urlparse(url).query)["X-Amz-Expires"] == ["300"]
    fetched = httpx.get(str(answer.url.join(url)))      # a link relative to the portal, as the page follows it
    assert fetched.status_code == 200
    return fetched.content


def test_the_graduates_csv_is_the_provincial_offices_only_with_a_bom_the_columns_and_every_office(world):
    """Issue 15 item 7: the CSV holds full ID numbers in bulk, so only the provincial office exports it."""
    here, there = world["here"], world["there"]
    refused = world["city"][here].post(f"{STAFF}/exports/graduates", json={})
    assert refused.status_code == 403, refused.text
    message = refused.json()["error"]["message"]
    assert "身份证号" in message and "省自考办" in message     # 湖北's province_office
    everyone = world["province"].post(f"{STAFF}/exports/graduates", json={})
    assert everyone.status_code == 200, everyone.text
    data = _download(everyone)
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert {here, there} <= {r[16] for r in rows[1:]}
    listed = {r[0] for r in rows[1:]}
    assert set(world["approved"]) <= listed          # every office's approved graduates of this module
    assert not {e for e in world["mine"] if e not in world["approved"]} & listed
    record = world["mine"][world["approved"][0]]
    row = next(r for r in rows[1:] if r[0] == world["approved"][0])
    assert row[1:5] == [record["name"], record["gender"], record["id_number"][6:14], record["id_number"]]
    assert row[12] == "20261230" and row[13] == "毕业" and row[15] == f"{record['id_number']}.jpg"
    log = [e for e in entries(world["table"], keys.batch(batch_id(world))[keys.PK])
           if e["action"] == "export.graduates"]
    assert log[-1]["after"]["rows"] == len(rows) - 1 and log[-1]["actor"]["role"] == "province"


def test_counts_per_stage_and_office_are_scoped_and_audited(world):
    here = world["here"]
    counts = world["city"][here].post(f"{STAFF}/exports/counts", json={}).json()
    assert [o["office"] for o in counts["offices"]] == [here]
    ours = counts["offices"][0]["counts"]
    assert ours["approved"] >= 2 and ours["in_review:city_review"] >= 1
    assert [s["name"] for s in counts["states"]][1:4] == ["市(州)自考办审核", "主考院校审核", "省自考办审核"]
    assert entries(world["table"], keys.batch(batch_id(world))[keys.PK])[-1]["action"] == "export.counts"
    assert world["city"][here].post(f"{STAFF}/exports/counts", json={"batch": "NOPE"}).status_code == 422


def test_the_application_page_shows_everything_a_reviewer_needs(world, table, stack):
    exam_no = next(e for e, r in world["mine"].items() if r["office"] == world["here"] and e not in world["approved"])
    s3 = stack.client("s3")
    bucket = stack.physical_ids["UploadsBucket"]
    s3.put_object(Bucket=bucket, Key=f"checked/{exam_no}/photo/x.jpg", Body=b"photo-bytes")
    table.put_item(Item={**keys.current_upload(exam_no, "photo"), "kind": "upload", "upload_kind": "photo",
                         "upload_id": "0" * 32, "object_key": f"checked/{exam_no}/photo/x.jpg", "status": "ok",
                         "fixed": False, "updated_at": int(time.time()),
                         "result": json.dumps({"ok": True, "findings": [], "measured": {}})})
    page = world["city"][world["here"]].get(f"{LIST}/{exam_no}")
    assert page.status_code == 200, page.text
    body = page.json()
    record = world["mine"][exam_no]
    assert body["candidate"]["id_number"] == record["id_number"] and body["candidate"]["office_name"]
    assert body["audit"]["now"]["verdict"] == body["audit"]["at_submit"]["verdict"] == "ELIGIBLE"
    assert body["audit"]["now"]["findings"] == [] and body["audit"]["now"]["exceptions"] == []
    plan = body["application"]["plan_id"]           # the transcript: its own route, read when its section opens
    rows = world["city"][world["here"]].get(f"/api/eligibility/staff/candidates/{exam_no}/transcripts/{plan}")
    assert rows.status_code == 200 and rows.json()["rows"][0]["name"]
    assert body["photo"]["kind"] == "photo"                 # opened by its kind through the page's own route,
    photo = world["city"][world["here"]].get(f"/api/apply/staff/applications/{exam_no}/files/photo")   # a 303
    assert photo.status_code == 303
    assert parse_qs(urlparse(photo.headers["location"]).query)["X-Amz-Expires"] == ["300"]
    fresh = world["city"][world["here"]].get(photo.headers["location"])
    assert body["photo"]["ok"] is True and fresh.content == b"photo-bytes"
    assert "submitted" in [h["action"] for h in body["history"]]
    assert body["actions"] == [{"action": "onsite"}]
