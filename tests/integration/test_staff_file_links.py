"""The staff application page opens the candidate's photo and documents through the API (GET /api/apply/staff/
applications/{准考证号}/files/{kind}): the page's answer carries no signed link (they weighed 0.4–0.9 KB gzip of its
15 KB budget, issue 17 item 9), and each opening gets a fresh 5-minute link (one opened an hour after the page was
loaded still works), for whoever may see the application only, each read in the reader's own log (the page's
pictures load on every view: in the candidate's log they would crowd the application's history out of the page)."""
from __future__ import annotations

import pytest
from boto3.dynamodb.conditions import Attr
from support.applying import candidate, fill_in, ok, small_jpeg, staff, submit, upload

from functions.common.dynamo import keys

SIGNED = "X-Amz-Signature="


@pytest.fixture(scope="module")
def sent(portal, table):
    me = candidate(portal, table, "420100")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, "hubei")
    diploma = small_jpeg((300, 200))
    upload(me, diploma, "diploma")
    ok(submit(me))
    return me, diploma


def test_the_page_answer_carries_no_signed_link_and_each_file_opens_through_the_api(portal, table, sent):
    me, diploma = sent
    city = staff(portal, table, "files-city", "city", offices=("420100",))
    page = city.get(f"/api/apply/staff/applications/{me.who['exam_no']}")
    assert page.status_code == 200 and SIGNED not in page.text
    shown = {f["kind"]: f for f in page.json()["documents"]}
    assert shown["diploma"]["format"] == "jpg"
    route = f"/api/apply/staff/applications/{me.who['exam_no']}/files/diploma"     # the page opens it by its kind
    opened = city.get(route)
    assert opened.status_code == 303 and SIGNED in opened.headers["location"]
    assert city.get(opened.headers["location"]).content == ok_bytes(city, route) == diploma
    reads = file_reads(table, me.who["exam_no"])
    assert len(reads) == 2 and {r["actor"]["role"] for r in reads} == {"city"}
    assert {r["after"]["kind"] for r in reads} == {"diploma"}
    assert {r[keys.PK] for r in reads} == {keys.account(reads[0]["actor"]["account_id"])[keys.PK]}   # the reader's
    history = ok(city.get(f"/api/apply/staff/applications/{me.who['exam_no']}"))["history"]
    assert not [h for h in history if h["action"] == "read.file"]       # the page's history keeps its own entries


def file_reads(table, exam_no: str) -> list[dict]:
    """The audit entries of file reads about this candidate, wherever they are."""
    found, more = [], {}
    while True:
        page = table.scan(FilterExpression=Attr("action").eq("read.file") & Attr("after.exam_no").eq(exam_no), **more)
        found += page["Items"]
        if "LastEvaluatedKey" not in page:
            return found
        more = {"ExclusiveStartKey": page["LastEvaluatedKey"]}


def ok_bytes(client, url: str) -> bytes:
    """The file behind a staff file route, as the browser gets it (following the redirect)."""
    answer = client.get(url, follow_redirects=True)
    assert answer.status_code == 200, answer.text
    return answer.content


def test_another_jurisdiction_or_a_missing_file_is_not_found(portal, table, sent):
    me, _ = sent
    elsewhere = staff(portal, table, "files-elsewhere", "city", offices=("420200",))
    files = f"/api/apply/staff/applications/{me.who['exam_no']}/files"
    theirs, nobody = elsewhere.get(f"{files}/diploma"), elsewhere.get("/api/apply/staff/applications/"
                                                                      "420199999999/files/diploma")
    assert theirs.status_code == nobody.status_code == 404 and theirs.json() == nobody.json()
    city = staff(portal, table, "files-city-2", "city", offices=("420100",))
    missing = city.get(f"{files}/filing_form")
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "没有这份材料"
    assert city.get(f"{files}/nonsense").status_code == 422
