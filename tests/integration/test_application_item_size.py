"""What each step of the review writes, through the running portal: DynamoDB bills a write by the whole item's
size (1 KB units, twice in a transaction) and copies it into every index it is in, so the application item that
every decision rewrites stays small: what the candidate wrote (contact, resume, self-assessment) is kept in an item
of its own, written only when it changes, and the application carries no index entry nobody reads; a draft's list
entries stay put while the candidate saves. Everyone still reads the application whole: the candidate's pages, the
reviewer's page, an item stored before the split.
"""
from __future__ import annotations

import pytest
from boto3.dynamodb.conditions import Key
from boto3.dynamodb.types import TypeSerializer
from support.applying import HOSTS, RESUME, SELF_ASSESSMENT, at_the_fee, candidate, ok, staff
from support.portal_client import serving

from bench.aws_meter import item_bytes
from functions.common.dynamo import keys

CHECK = "/api/apply/application/check"


@pytest.fixture
def chongqing(portal):
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        yield


def stored_size(item: dict) -> int:
    """The item's size as DynamoDB bills it (attribute names and values as stored)."""
    serialise = TypeSerializer().serialize
    return item_bytes({name: serialise(value) for name, value in item.items()})


def application_keys(me) -> tuple[dict, dict]:
    batch = ok(me.get("/api/apply/application"))["application"]["batch"]["id"]
    return keys.application(me.who["exam_no"], batch), keys.application_details(me.who["exam_no"], batch)


def test_a_decision_rewrites_a_small_application_item_and_leaves_what_the_candidate_wrote(portal, table, chongqing):
    university = staff(portal, table, "size-university", "university", universities=HOSTS)
    me = at_the_fee(portal, table, university)            # sections filled in, submitted, approved by the host
    application, apart = application_keys(me)
    item = table.get_item(Key=application, ConsistentRead=True)["Item"]
    assert "details" not in item and keys.GSI1PK not in item
    assert item[keys.GSI2PK].startswith(keys.HOST_REVIEW_PREFIX)     # its only GSI2 entry: its host university's list
    assert stored_size(item) <= 1024, stored_size(item)   # one write unit however long the texts
    details = table.get_item(Key=apart, ConsistentRead=True)["Item"]["details"]
    assert details["self_assessment"] == SELF_ASSESSMENT[:400] and stored_size(details) > 1024
    assert ok(me.get(CHECK))["details"] == details
    page = ok(university.get(f"/api/apply/staff/applications/{me.who['exam_no']}"))
    assert page["candidate"]["details"] == details


def test_an_application_stored_with_its_details_inside_is_read_whole_and_moves_them_out(portal, table, chongqing):
    me = candidate(portal, table, "500103", province="chongqing")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "某市某区某路1号"}))
    ok(me.put("/api/apply/application/resume", json={"entries": RESUME}))
    application, apart = application_keys(me)
    item = table.get_item(Key=application, ConsistentRead=True)["Item"]
    before = table.get_item(Key=apart, ConsistentRead=True)["Item"]["details"]
    table.delete_item(Key=apart)                           # as an application was stored before the split:
    table.put_item(Item={**{k: v for k, v in item.items() if k != "details_apart"}, "details": before})
    assert ok(me.get(CHECK))["details"] == before
    ok(me.put("/api/apply/application/self-assessment", json={"text": SELF_ASSESSMENT[:300]}))
    item = table.get_item(Key=application, ConsistentRead=True)["Item"]
    moved = table.get_item(Key=apart, ConsistentRead=True)["Item"]["details"]
    assert "details" not in item and moved == {**before, "self_assessment": SELF_ASSESSMENT[:300]}
    assert ok(me.get(CHECK))["details"] == moved


def list_keys(table, exam_no: str) -> list[str]:
    """The staff lists' sort keys of a candidate's application and its host-university entries."""
    answer = table.query(ConsistentRead=True, KeyConditionExpression=Key(keys.PK).eq(keys.candidate(exam_no)[keys.PK])
                         & Key(keys.SK).begins_with("APP"))
    return sorted(i[sk] for i in answer["Items"] for sk in (keys.GSI2SK, keys.GSI3SK) if sk in i)


def test_a_drafts_list_entries_stay_put_while_the_candidate_saves_sections(portal, table, chongqing):
    from functions.apply.app import app
    me = candidate(portal, table, "500103", province="chongqing")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    placed = list_keys(table, me.who["exam_no"])
    version = ok(me.get("/api/apply/application"))["application"]["version"]
    assert len(placed) >= 2                                # the application's state and its host university's
    before = app.state.clock
    app.state.clock = lambda: before() + 600               # ten minutes later
    try:
        ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "某市某区某路1号"}))
    finally:
        app.state.clock = before
    assert ok(me.get("/api/apply/application"))["application"]["version"] == version + 1
    assert list_keys(table, me.who["exam_no"]) == placed   # an index key that changes is two writes (delete, put)


def test_the_name_search_finds_an_application_by_its_own_entry_and_one_stored_before_it(portal, table):
    city = staff(portal, table, "size-city", "city", offices=("420100",))
    me = candidate(portal, table, "420100", name="费用测试")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    application, _ = application_keys(me)
    named = keys.application_name(me.who["exam_no"], application[keys.SK].removeprefix("APP#"))
    item = table.get_item(Key=application, ConsistentRead=True)["Item"]
    assert keys.GSI1PK not in item and table.get_item(Key=named, ConsistentRead=True)["Item"][keys.GSI1PK]

    def found() -> list[dict]:
        return ok(city.post("/api/apply/staff/applications/search", json={"q": "费用测试"}))["items"]
    assert [(r["exam_no"], r["status"]) for r in found()] == [(me.who["exam_no"], "draft")]
    entry = table.get_item(Key=named, ConsistentRead=True)["Item"]   # as an application was stored before:
    table.delete_item(Key=named)                                     # its name-search entry on the item itself
    table.put_item(Item={**item, keys.GSI1PK: entry[keys.GSI1PK], keys.GSI1SK: entry[keys.GSI1SK]})
    assert [r["exam_no"] for r in found()] == [me.who["exam_no"]]
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "某市某区某路1号"}))
    assert keys.GSI1PK not in table.get_item(Key=application, ConsistentRead=True)["Item"]
    assert [r["exam_no"] for r in found()] == [me.who["exam_no"]]
