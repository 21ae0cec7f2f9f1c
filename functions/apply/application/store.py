"""Applications in DynamoDB: the application item, and everything written in the same transaction as a change of
it: its audit entry, a portal message for each status change and its SMS (an outbox item: the sender's work), an
item for each effect still owed (an order, a refund, a form: effects.Effects performs it afterwards and deletes
it), a submit's receipt, and the review lists' entries. So a change never lands without its record, its message
or its follow-up work, and the follow-up survives a crash between the write and the work.

What the candidate filled in (`details`: a few KB of contact, resume and self-assessment) is stored in an item of
its own (keys.application_details), written in the same transaction only when it changes: every step of the
review rewrites the application item, its name-search copy (GSI1) and its list entries, and DynamoDB bills each
write by the whole item's size (1 KB units, twice in a transaction). Readers get the application whole, details
included: one consistent query reads both items. An item stored with its details inside (before) is read as it is
and moves them out at its next write (DETAILS_APART says where they are).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from boto3.dynamodb.conditions import Key

from functions.apply.effects.store import owed_item
from functions.apply.review import index as review_index
from functions.common.audit_log import log_item, unique
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.common.dynamo.transact import put, write_all
from functions.common.session import Identity
from functions.common.time import iso
from functions.photo.identity import store as identity
from functions.photo.uploads.store import moved_to

from .rules import RECEIPT_SECONDS

MESSAGE_FIELDS = ("event", "stage", "status_text", "next_step", "reason", "at")
DETAILS, DETAILS_APART = "details", "details_apart"


def read_application(table, exam_no: str, batch_id: str, pair: str = "") -> dict | None:
    """The application with its details, by a consistent read (None: the candidate has none in the batch); `pair`:
    the second application of the batch (keys.PAIRS)."""
    key, apart = keys.application(exam_no, batch_id, pair), keys.application_details(exam_no, batch_id, pair)
    answer = table.query(ConsistentRead=True, KeyConditionExpression=Key(keys.PK).eq(key[keys.PK])
                         & Key(keys.SK).between(key[keys.SK], apart[keys.SK]))
    found = {i[keys.SK]: i for i in answer["Items"]}      # the two keys only, whatever sorts between them
    item = found.get(key[keys.SK])
    return _whole(item, found.get(apart[keys.SK])) if item else None


def read_applications(table, exam_nos: list[str], batch_id: str) -> list[dict]:
    """The applications (with their details) of those candidates who have one in the batch, in no set order."""
    store = Store(table)
    items = store.get_items([keys.application(e, batch_id) for e in exam_nos])
    apart = {i[keys.PK]: i for i in store.get_items([keys.application_details(i["exam_no"], batch_id)
                                                     for i in items if i.get(DETAILS_APART)])} if items else {}
    return [_whole(i, apart.get(i[keys.PK])) for i in items]


def _whole(item: dict, details: dict | None) -> dict:
    return {**item, DETAILS: details[DETAILS]} if item.get(DETAILS_APART) and details else item


def _details_writes(table, new: dict, old: dict | None) -> tuple[dict, list[dict]]:
    """(the application item to store, without its details; the put of its details item when they changed, or
    were still inside the item read)."""
    if new.get(DETAILS) is None:
        return new, []
    stored = {k: v for k, v in new.items() if k != DETAILS}
    stored[DETAILS_APART] = True
    if old and old.get(DETAILS_APART) and old.get(DETAILS) == new[DETAILS]:
        return stored, []
    item = {**keys.application_details(new["exam_no"], new["batch_id"], new.get("pair", "")),
            "kind": "application_details",
            "exam_no": new["exam_no"], "batch_id": new["batch_id"], DETAILS: new[DETAILS]}
    return stored, [put(table, item)]


@dataclass
class Owed:
    """What a change writes beside the application: portal messages ({event, stage, status_text, next_step,
    reason}), effects still owed ((effect id, effect body)), SMS for the outbox (its items, sms/outbox.py), orders
    (the transaction actions that make them, payments/store.py), and a submit's receipt ((idempotency key,
    answer))."""
    messages: list[dict] = field(default_factory=list)
    effects: list[tuple[str, dict]] = field(default_factory=list)
    outbox: list[dict] = field(default_factory=list)
    orders: list[dict] = field(default_factory=list)
    receipt: tuple[str, dict] | None = None


class ApplicationStore:
    def __init__(self, table):
        self.table = table

    def item(self, exam_no: str, batch_id: str, pair: str = "") -> dict | None:
        return read_application(self.table, exam_no, batch_id, pair)

    @staticmethod
    def started(item: dict | None, exam_no: str, batch_id: str, pair: str = "") -> dict:
        """The application item of a candidate in a batch: `item` as it is, or a new one; `pair`: the second
        application of the batch (keys.PAIRS), which carries it."""
        return {**(item or {}), **keys.application(exam_no, batch_id, pair), "kind": "application", "exam_no": exam_no,
                "batch_id": batch_id, **({"pair": pair} if pair else {})}

    def identity_verified(self, exam_no: str) -> bool:
        """Whether the candidate passed the identity check by photos (where the profile has one)."""
        return identity.is_verified(self.table, exam_no)

    def identity_status(self, exam_no: str) -> str:
        """The identity check's status (not_started before the first check)."""
        return identity.current(self.table, exam_no)["status"]

    def receipt(self, exam_no: str, idempotency_key: str) -> dict | None:
        """The answer an earlier submit with this key got, if any."""
        earlier = self.table.get_item(Key=keys.submission_receipt(exam_no, idempotency_key),
                                      ConsistentRead=True).get("Item")
        return json.loads(earlier["answer"]) if earlier else None

    def messages(self, exam_no: str, limit: int = 50) -> list[dict]:
        """The candidate's status messages, newest first."""
        answer = self.table.query(KeyConditionExpression=Key(keys.PK).eq(keys.candidate(exam_no)[keys.PK])
                                  & Key(keys.SK).begins_with(keys.MESSAGE_PREFIX), ScanIndexForward=False, Limit=limit)
        return [{k: item.get(k) for k in MESSAGE_FIELDS} for item in answer["Items"]]

    def photo_moved(self, exam_no: str, office: str) -> list[dict]:
        """The action (for `write`'s `extra`) that gives the candidate's photo, and its review, to `office`."""
        return moved_to(self.table, exam_no, office)

    def logged(self, item: dict, who: Identity | str, action: str, at: int, *, before=None, after=None) -> dict:
        """A second audit entry for a change (an action for `write`'s `extra`), beside the one `write` makes."""
        entry = log_item(item[keys.PK], who, action, at, before=before, after=after)
        return put(self.table, {**entry, "pair": item["pair"]} if item.get("pair") else entry)

    def write(self, new: dict, old: dict | None, who: Identity | str, action: str, at: int, *, before=None,
              after=None, reason: str | None = None, owed: Owed | None = None, extra: list[dict] | None = None) -> None:
        """The application conditional on the version read (or on not existing), its audit entry, what the change
        owes and `extra` (more transaction actions), all or nothing."""
        condition = ("attribute_not_exists(PK)", None) if old is None else ("version = :v", {":v": int(old["version"])})
        new = review_index.indexed(new)        # the staff lists and name search it shows up in, written with it
        stored, details = _details_writes(self.table, new, old)
        actions = [put(self.table, stored, *condition), *details, *self._owed(new, owed or Owed(), at),
                   *(extra or [])]
        entry = log_item(new[keys.PK], who, action, at, before=before, after=after, reason=reason)
        if new.get("pair"):         # a second application's history is its own (review/service.py reads it so)
            entry["pair"] = new["pair"]
        actions.append(put(self.table, entry))
        actions += review_index.entry_writes(self.table, new, old)    # last: the positions callers read stay
        write_all(self.table, actions, "申请状态已被他人更新，请刷新后查看")

    def _owed(self, item: dict, owed: Owed, at: int) -> list[dict]:
        exam_no, now = item["exam_no"], iso(at)
        actions = []
        if owed.receipt:
            key, answer = owed.receipt
            receipt = {**keys.submission_receipt(exam_no, key), "kind": "receipt",
                       "answer": json.dumps(answer, ensure_ascii=False), keys.TTL_ATTRIBUTE: at + RECEIPT_SECONDS}
            actions.append(put(self.table, receipt, "attribute_not_exists(PK)"))
        for message in owed.messages:
            actions.append(put(self.table, {**keys.message(exam_no, now, unique()), "kind": "message", **message,
                                            "at": now}))
        for message in owed.outbox:         # named by its effect: handed over once, as the performer would
            actions.append(put(self.table, message, "attribute_not_exists(PK)"))
        actions += owed.orders
        for effect_id, body in owed.effects:
            actions.append(put(self.table, owed_item(exam_no, item["batch_id"], effect_id, body, now)))
        return actions
