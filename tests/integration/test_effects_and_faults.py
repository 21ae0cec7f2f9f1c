"""Faults mid-change: DynamoDB throttled during a submit or a decision, S3 failing while a form is made. The
change is all or nothing, the answer says to try again (503, in Chinese), and a retry succeeds; work a change
owes survives the fault: a form as an owed effect, done by the next request or the sweeper; an SMS in the outbox,
written with the change itself (as an owed effect where it could not be worded then)."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

import pytest
from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError
from support.applying import candidate, ok, staff, submit

from functions.common.audit_log import entries
from functions.common.dynamo import keys

OFFICE = "420100"


class Faulty:
    """A boto3 client whose `operation` fails its next `times` calls with `code` (throttling, an outage)."""

    def __init__(self, real, operation: str, times: int, code: str = "ServiceUnavailable"):
        self.real, self.operation, self.left, self.code = real, operation, times, code

    def __getattr__(self, name):
        if name == self.operation and self.left > 0:
            def fail(*args, **kwargs):
                self.left -= 1
                raise ClientError({"Error": {"Code": self.code, "Message": "injected"},
                                   "ResponseMetadata": {"HTTPStatusCode": 503}}, name)
            return fail
        return getattr(self.real, name)


def refuse_next_transaction(monkeypatch, table, code: str) -> None:
    """DynamoDB refuses the next transaction (throttled, as a deadline rush can make it)."""
    client = table.meta.client
    original, left = client.transact_write_items, [1]

    def transact_write_items(**request):
        if left[0]:
            left[0] -= 1
            raise ClientError({"Error": {"Code": code, "Message": "injected"},
                               "ResponseMetadata": {"HTTPStatusCode": 400}}, "TransactWriteItems")
        return original(**request)
    monkeypatch.setattr(client, "transact_write_items", transact_write_items)


@pytest.fixture
def services(portal):
    from functions.apply.app import app  # imported once the stack has set the environment
    return app.state.services


def ready(portal, table):
    me = candidate(portal, table, OFFICE)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"]}))
    return me


def owed(table, exam_no: str) -> list[str]:
    answer = table.query(KeyConditionExpression=Key("PK").eq(f"CAND#{exam_no}") & Key("SK").begins_with("EFFECT#"),
                         ConsistentRead=True)
    return sorted(i["effect"]["tag"] for i in answer["Items"])


def test_a_throttled_submit_stores_nothing_and_the_retry_with_the_same_key_succeeds(portal, table, monkeypatch):
    me = ready(portal, table)
    key, version = secrets.token_urlsafe(16), ok(me.get("/api/apply/application"))["application"]["version"]
    refuse_next_transaction(monkeypatch, table, "ProvisionedThroughputExceededException")
    refused = me.post("/api/apply/application/submit", json={"version": version}, headers={"Idempotency-Key": key})
    assert refused.status_code == 503 and "未生效" in refused.json()["error"]["message"]
    assert refused.headers["Retry-After"] == "2"
    assert ok(me.get("/api/apply/application"))["application"]["status"] == "draft"
    assert [e for e in entries(table, f"CAND#{me.who['exam_no']}") if e["action"] == "submitted"] == []
    assert table.get_item(Key=keys.submission_receipt(me.who["exam_no"], key)).get("Item") is None
    assert ok(submit(me, key))["application"]["status"] == "in_review"


def test_a_throttled_decision_changes_nothing_and_the_retry_succeeds(portal, table, monkeypatch):
    me = ready(portal, table)
    ok(submit(me))
    city = staff(portal, table, "faults-city", "city", offices=(OFFICE,))
    path = f"/api/apply/staff/applications/{me.who['exam_no']}"
    ok(city.post(path + "/onsite"))
    before = ok(me.get("/api/apply/application"))["application"]
    refuse_next_transaction(monkeypatch, table, "ThrottlingException")
    decision = {"stage": "city_review", "decision": "approve"}
    assert city.post(path + "/decision", json=decision).status_code == 503
    assert ok(me.get("/api/apply/application"))["application"]["version"] == before["version"]
    assert ok(city.post(path + "/decision", json=decision))["stage"] == "university_review"


def test_a_form_is_made_in_the_background_and_an_s3_outage_only_delays_it(portal, table, monkeypatch, services):
    from functions.cli import main
    me = ready(portal, table)
    ok(submit(me))                                             # quick: the SMS is sent, the form is left owed
    assert owed(table, me.who["exam_no"]) == ["make_form"]
    day = datetime.now(timezone(timedelta(hours=8))).date().isoformat()
    sms = [m for m in services.outbox.day(day) if m["to"] == me.who["phone"]]
    assert len(sms) == 1 and "待现场确认" in sms[0]["text"] and sms[0]["text"].startswith("【湖北自考】")
    monkeypatch.setattr(services.forms.store, "s3", Faulty(services.forms.store.s3, "put_object", 10**6))
    assert services.effects.sweep(limit=100000)[1] >= 1          # the sweeper tried; S3 refused; still owed
    assert owed(table, me.who["exam_no"]) == ["make_form"]
    outage = me.get("/api/apply/application/forms/application_form")
    assert outage.status_code == 503 and "稍后重试" in outage.json()["error"]["message"]
    monkeypatch.undo()
    assert main(["effects", "--limit", "100000"]) == 0        # `biye effects`: the sweeper by hand
    assert owed(table, me.who["exam_no"]) == []
    batch = ok(me.get("/api/apply/application"))["application"]["batch"]["id"]
    assert table.get_item(Key=keys.form_copy(me.who["exam_no"], batch, "application_form"))["Item"]["bytes"] > 10_000


def sent_to(services, me) -> list[dict]:
    day = datetime.now(timezone(timedelta(hours=8))).date().isoformat()
    return [m for m in services.outbox.day(day) if m["to"] == me.who["phone"]]


def test_a_status_changes_sms_is_in_the_outbox_with_the_change_itself(portal, table, monkeypatch, services):
    me = ready(portal, table)
    monkeypatch.setattr(services.effects, "settle", lambda exam_no: 0)     # the request dies after its write
    ok(submit(me))
    sms = sent_to(services, me)
    assert len(sms) == 1 and "待现场确认" in sms[0]["text"]                  # nothing left to do for it
    assert owed(table, me.who["exam_no"]) == ["make_form"]


def test_an_sms_the_change_could_not_word_is_left_owed_and_sent_after(portal, table, monkeypatch, services):
    me = ready(portal, table)

    def broken(*args):
        raise RuntimeError("injected")
    monkeypatch.setattr(services.applications, "notices", broken)
    monkeypatch.setattr(services.effects, "settle", lambda exam_no: 0)
    ok(submit(me))                                                       # never a reason to refuse the submit
    assert sent_to(services, me) == [] and owed(table, me.who["exam_no"]) == ["make_form", "notify"]
    monkeypatch.undo()
    services.effects.sweep(limit=100000)
    assert len(sent_to(services, me)) == 1 and owed(table, me.who["exam_no"]) == []
