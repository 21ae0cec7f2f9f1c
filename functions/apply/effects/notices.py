"""Messages: the candidate's portal messages, and SMS/e-mail through a sender interface with a local outbox.

The portal message is written in the same transaction as the status change it reports (application_store.py), so
the portal always shows it. An SMS is owed work (an effect): `Messenger.send` hands it to the province's sender.
SES does not exist in the China partition and SNS sends no SMS there, so the shipped sender is an outbox in the
table: a province's SMS gateway (阿里云短信, 腾讯云短信, …) reads it, or plugs in behind `Messenger` instead.
"""
from __future__ import annotations

from typing import Protocol

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from functions.common.dynamo import keys
from functions.common.time import beijing_day, iso

OUTBOX_SECONDS = 30 * 24 * 60 * 60


class Messenger(Protocol):
    def send(self, channel: str, to: str, text: str, *, dedupe: str) -> None:
        """Hand one message to the sender; the same `dedupe` twice is one message."""


class TableOutbox:
    """Messages waiting for the province's sender, one item per message, by Beijing day."""

    def __init__(self, table, clock):
        self.table, self.clock = table, clock

    def send(self, channel: str, to: str, text: str, *, dedupe: str) -> None:
        now = self.clock()
        day = beijing_day(now).isoformat()
        item = {**keys.outbox(day, dedupe), "kind": "outbox", "channel": channel, "to": to, "text": text,
                "queued_at": iso(now), "status": "queued", keys.TTL_ATTRIBUTE: now + OUTBOX_SECONDS}
        try:
            self.table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
        except ClientError as err:
            if err.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise                                  # already queued today: handed over once is enough

    def day(self, day: str) -> list[dict]:
        """What the outbox holds for one Beijing day (for the sender, the admin page and the tests)."""
        answer = self.table.query(KeyConditionExpression=Key(keys.PK).eq(keys.outbox(day)[keys.PK]))
        return answer["Items"]


def portal_messages(table, exam_no: str, limit: int = 50) -> list[dict]:
    """The candidate's status messages, newest first."""
    answer = table.query(KeyConditionExpression=Key(keys.PK).eq(f"CAND#{exam_no}")
                         & Key(keys.SK).begins_with(keys.MESSAGE_PREFIX), ScanIndexForward=False, Limit=limit)
    return [{k: item.get(k) for k in ("event", "stage", "status_text", "next_step", "reason", "at")}
            for item in answer["Items"]]


class SmsNotices:
    """Performs a Notify effect: the status message as an SMS to the phone the candidate gave (or the record's)."""

    def __init__(self, store, messenger: Messenger):
        self.store, self.messenger = store, messenger

    def perform(self, owed: dict) -> None:
        item = self.store.item(owed["exam_no"], owed["batch_id"]) or {}
        phone = ((item.get("details") or {}).get("contact") or {}).get("phone") or \
            self.store.record(owed["exam_no"]).get("phone")
        if phone:
            self.messenger.send("sms", phone, owed["effect"]["text"], dedupe=f"{owed['exam_no']}#{owed[keys.SK]}")
