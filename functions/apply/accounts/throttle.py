"""Failure counters in DynamoDB: throttling per client address and lockout per sign-in identifier.

A counter lives for one window from its first failure; `lock` holds it shut until a time the person is told.
Counters are keyed by a hash, so the table never holds an address or an identifier in a throttle key.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from botocore.exceptions import ClientError

from functions.common.dynamo import keys
from functions.common.errors import TooMany
from functions.common.time import beijing_clock


def subject(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]


def add_one(table, key: dict, attribute: str) -> int:
    """Atomically count one more in `attribute` of the item (made if missing); the new count."""
    answer = table.update_item(Key=key, UpdateExpression="ADD #a :one", ExpressionAttributeNames={"#a": attribute},
                               ExpressionAttributeValues={":one": 1}, ReturnValues="UPDATED_NEW")
    return int(answer["Attributes"][attribute])


@dataclass(frozen=True)
class Rule:
    scope: str
    limit: int          # failures allowed within the window
    window: int         # seconds
    message: str        # Chinese; "{until}" becomes the Beijing time the wait ends


class Throttle:
    def __init__(self, table, clock):
        self.table, self.clock = table, clock

    def _item(self, rule: Rule, who: str) -> dict | None:
        item = self.table.get_item(Key=keys.throttle(rule.scope, who), ConsistentRead=True).get("Item")
        return item if item and int(item[keys.TTL_ATTRIBUTE]) > self.clock() else None

    def blocked_until(self, rule: Rule, who: str) -> int | None:
        item = self._item(rule, who)
        return int(item[keys.TTL_ATTRIBUTE]) if item and int(item["count"]) >= rule.limit else None

    def check(self, rule: Rule, who: str) -> None:
        """Refuse (429, telling when it ends) while `who` is over the rule's limit."""
        until = self.blocked_until(rule, who)
        if until is not None:
            raise TooMany(rule.message.format(until=beijing_clock(until)), retry_at=until)

    def fail(self, rule: Rule, who: str) -> int:
        """Count one failure; returns how many remain before the limit (0 = now blocked until the window ends)."""
        now, key = self.clock(), keys.throttle(rule.scope, who)
        try:  # a fresh window, when there is none or the last one has ended
            self.table.put_item(Item={**key, "count": 1, keys.TTL_ATTRIBUTE: now + rule.window},
                                ConditionExpression="attribute_not_exists(PK) OR #e <= :now",
                                ExpressionAttributeNames={"#e": keys.TTL_ATTRIBUTE},
                                ExpressionAttributeValues={":now": now})
            count = 1
        except ClientError as err:
            if err.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
            count = add_one(self.table, key, "count")
        if count == rule.limit:
            # The lock lasts a full window from the failure that reached the limit, not from the first one.
            self.table.update_item(Key=key, UpdateExpression="SET #e = :until",
                                   ExpressionAttributeNames={"#e": keys.TTL_ATTRIBUTE},
                                   ExpressionAttributeValues={":until": now + rule.window})
        return max(rule.limit - count, 0)

    def clear(self, rule: Rule, who: str) -> None:
        self.table.delete_item(Key=keys.throttle(rule.scope, who))
