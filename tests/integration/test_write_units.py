"""What a 重庆 application's steps are billed in DynamoDB write units, counted by `bench cost`'s own meter
(bench/aws_meter.py: 1 KB units, twice in a transaction, and each index's writes, as DynamoDB bills them) on the
clients the functions use. Issue 23 item 4 asks for under ¥20 per 10,000 applications, most of it write units:
each test keeps one saving from coming undone.
"""
from __future__ import annotations

from collections import Counter

import httpx
import pytest
from support.applying import HOSTS, at_the_fee, candidate, ok, small_jpeg, staff
from support.portal_client import serving

from bench.aws_meter import Meter
from functions.common.aws import dynamodb_client


@pytest.fixture
def meter(table, portal):
    """The meter on the functions' own clients (functions/common/aws.py caches them: the test's `table` is theirs);
    the test's own calls name no function and are not counted."""
    meter, clients = Meter(), {id(c): c for c in (table.meta.client, dynamodb_client())}.values()
    for client in clients:
        meter.hook(client.meta.events)
    with serving("apply", "chongqing"), serving("photo", "chongqing"):
        yield meter
    for client in clients:
        meter.unhook(client.meta.events)


def written(meter: Meter, step) -> tuple[Counter, object]:
    """({item kind: write units} of what `step` made the functions write, with "all": the total; its answer)."""
    before = Counter(meter.counts)
    answer = step()
    units: Counter = Counter()
    for (_, what), amount in meter.counts.items():
        if what.startswith("WRU") and amount != before[(_, what)]:
            units[what.removeprefix("WRU ") if what != "WRU" else "all"] += amount - before[(_, what)]
    return units, answer


def test_signing_in_deletes_no_failure_counter_it_does_not_have(meter, portal, table):
    units, me = written(meter, lambda: candidate(portal, table, "500103", province="chongqing"))
    # captcha (its throttle count, the captcha, taken), the entry, the trusted device, the session
    assert units == {"all": 8, "THROTTLE": 1, "CAPTCHA": 1, "CAPTCHA (delete)": 1, "LOG": 1, "DEVICE": 2,
                     "SESSION": 2}, units


def test_an_upload_starts_with_its_audit_entry_alone_and_is_checked_in_one_transaction(meter, portal, table):
    me = candidate(portal, table, "500103", province="chongqing")
    units, answer = written(meter, lambda: me.post("/api/photo/uploads", json={
        "kind": "id_front", "filename": "id_front.jpg", "size": len(small_jpeg())}))
    assert answer.status_code == 200, answer.text
    # The upload id carries the kind and the extension: no attempt item is written before the file arrives.
    assert units == {"all": 1, "LOG": 1}, units
    post = answer.json()
    sent = httpx.post(post["url"], data=post["fields"], files={"file": ("id_front.jpg", small_jpeg(), "image/jpeg")})
    assert sent.status_code in (200, 201, 204), sent.text
    units, checked = written(meter, lambda: me.post(f"/api/photo/uploads/{post['upload_id']}/check"))
    assert checked.status_code == 200 and checked.json()["status"] == "ok", checked.text
    # the attempt, the current file and the entry, each twice (a transaction): 9 units from start to check before
    assert units == {"all": 6, "UPLOADSLOT": 2, "UPLOAD": 2, "LOG": 2}, units
    again, twice = written(meter, lambda: me.post(f"/api/photo/uploads/{post['upload_id']}/check"))
    assert twice.json() == checked.json() and again == {}, again        # asking twice answers the same


def test_an_application_to_its_fee_writes_no_host_entry_item_and_no_order_effect(meter, portal, table):
    university = staff(portal, table, "units-university", "university", universities=HOSTS)
    units, me = written(meter, lambda: at_the_fee(portal, table, university))
    application = ok(me.get("/api/apply/application"))["application"]
    assert len(application["host_universities"]) == 1
    # Its one host university's list entry is on the application item (GSI2), not an item of its own; the order
    # is made in the decision's own transaction, not by an effect item written, performed and deleted.
    assert "APPHOST" not in units and "EFFECT" not in units and "EFFECT (delete)" not in units, units
    assert units["ORDER"] == 2, units
    # sign-in, major, three sections, three files, submit, the decision (the sandbox's key, made once a stack,
    # is left out): 120 units before these savings
    assert units["all"] - units["CONFIG"] <= 97, units
