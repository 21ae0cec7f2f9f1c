"""The outbox's delivery records and the SMS counters in DynamoDB.

An outbox message (keys.outbox, written by outbox.Outbox) carries its delivery state: `status`
(rules.Status), `attempts`, `next_at` (when a retry is due), `history` (one line per try: when, the provider's
code, what it meant) and `provider_id` (for the receipt). It is also listed under the candidate (keys.messages_to,
GSI1), so staff see a candidate's messages without reading the whole outbox.

Counters (keys.sms_count) are items with an atomic ADD, one per phone, account and the stack per hour and day,
expiring with their window.
"""
from __future__ import annotations

import hashlib

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from functions.common.dynamo import keys
from functions.common.dynamo.store import every_item

from .rules import OPEN, Status

STALE_SENDING_SECONDS = 10 * 60     # a claim older than this lost its sender (the function's timeout is far less)


def _conditional_failed(err: ClientError) -> bool:
    return err.response["Error"]["Code"] == "ConditionalCheckFailedException"


def phone_key(phone: str) -> str:
    """A counter's name for a phone number, so no number stands in a key."""
    return hashlib.sha256(phone.encode()).hexdigest()[:24]


class SmsStore:
    def __init__(self, table):
        self.table = table

    def day(self, day: str) -> list[dict]:
        return list(every_item(self.table.query, ConsistentRead=True,
                               KeyConditionExpression=Key(keys.PK).eq(keys.outbox(day)[keys.PK])))

    def to_candidate(self, exam_no: str, limit: int = 100) -> list[dict]:
        """The messages queued for one candidate, newest first."""
        answer = self.table.query(IndexName=keys.GSI1, ScanIndexForward=False, Limit=limit,
                                  KeyConditionExpression=Key(keys.GSI1PK).eq(keys.messages_to(exam_no)[keys.GSI1PK]))
        return answer["Items"]

    def claim(self, item: dict, now: int) -> bool:
        """Take an open, due message for this sender (queued/held -> sending, one more attempt); False when another
        sender took it first or it is not due. The condition on `attempts` makes two claims of one try impossible."""
        try:
            self.table.update_item(
                Key={keys.PK: item[keys.PK], keys.SK: item[keys.SK]},
                UpdateExpression="SET #s = :sending, attempts = :next, claimed_at = :now",
                ConditionExpression="#s IN (:queued, :held) AND attempts = :attempts AND "
                                    "(attribute_not_exists(next_at) OR next_at <= :now)",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":sending": Status.SENDING.value, ":queued": Status.QUEUED.value,
                                           ":held": Status.HELD.value, ":attempts": item.get("attempts", 0),
                                           ":next": item.get("attempts", 0) + 1, ":now": now})
        except ClientError as err:
            if _conditional_failed(err):
                return False
            raise
        return True

    def settle(self, item: dict, status: Status, entry: dict, *, next_at: int | None = None,
               provider_id: str = "", expect: Status = Status.SENDING) -> None:
        """Record a try's result (one history line) and the new status; only from the state the sender left."""
        names = {"#s": "status"}
        values = {":status": status.value, ":entry": [entry], ":expect": expect.value, ":empty": []}
        parts = ["#s = :status", "history = list_append(if_not_exists(history, :empty), :entry)"]
        if next_at is not None:
            parts.append("next_at = :next_at")
            values[":next_at"] = next_at
        if provider_id:
            parts.append("provider_id = :pid")
            values[":pid"] = provider_id
        try:
            self.table.update_item(Key={keys.PK: item[keys.PK], keys.SK: item[keys.SK]},
                                   UpdateExpression="SET " + ", ".join(parts), ConditionExpression="#s = :expect",
                                   ExpressionAttributeNames=names, ExpressionAttributeValues=values)
        except ClientError as err:
            if not _conditional_failed(err):
                raise

    def forget(self, item: dict, values: dict, text: str) -> None:
        """Keep a handed-over message without its secrets (a one-time code is needed by nobody once sent)."""
        self.table.update_item(Key={keys.PK: item[keys.PK], keys.SK: item[keys.SK]},
                               UpdateExpression="SET #v = :v, #t = :t", ExpressionAttributeNames={"#v": "values",
                                                                                                  "#t": "text"},
                               ExpressionAttributeValues={":v": values, ":t": text})

    def count(self, scope: str, ident: str, window: str, expires_at: int) -> int:
        """Add one to a counter; its new value."""
        answer = self.table.update_item(
            Key=keys.sms_count(scope, ident, window), UpdateExpression="ADD n :one SET #ttl = :ttl",
            ExpressionAttributeNames={"#ttl": keys.TTL_ATTRIBUTE},
            ExpressionAttributeValues={":one": 1, ":ttl": expires_at}, ReturnValues="UPDATED_NEW")
        return int(answer["Attributes"]["n"])

    def counted(self, scope: str, ident: str, window: str) -> int:
        item = self.table.get_item(Key=keys.sms_count(scope, ident, window), ConsistentRead=True).get("Item")
        return int(item["n"]) if item else 0


def is_open(item: dict) -> bool:
    return item.get("status") in OPEN
