"""Failure counters in DynamoDB, for the throttles: one item per rule and subject, living for one window from its
first failure (then DynamoDB's TTL removes it), held shut until a later time once the limit is reached."""
from __future__ import annotations

from botocore.exceptions import ClientError

from functions.common.dynamo import keys


def add_one(table, key: dict, attribute: str) -> int:
    """Atomically count one more in `attribute` of the item (made if missing); the new count."""
    answer = table.update_item(Key=key, UpdateExpression="ADD #a :one", ExpressionAttributeNames={"#a": attribute},
                               ExpressionAttributeValues={":one": 1}, ReturnValues="UPDATED_NEW")
    return int(answer["Attributes"][attribute])


class CounterStore:
    def __init__(self, table):
        self.table = table

    def live(self, scope: str, who: str, now: int) -> tuple[int, int] | None:
        """(failures, when the window or the hold ends) while a window is open; None otherwise."""
        item = self.table.get_item(Key=keys.throttle(scope, who), ConsistentRead=True).get("Item")
        if item is None or int(item[keys.TTL_ATTRIBUTE]) <= now:
            return None    # DynamoDB deletes expired items lazily
        return int(item["count"]), int(item[keys.TTL_ATTRIBUTE])

    def count(self, scope: str, who: str, now: int, window: int) -> int:
        """One failure more; a fresh window of `window` seconds when there is none or the last one has ended."""
        key = keys.throttle(scope, who)
        try:
            self.table.put_item(Item={**key, "count": 1, keys.TTL_ATTRIBUTE: now + window},
                                ConditionExpression="attribute_not_exists(PK) OR #e <= :now",
                                ExpressionAttributeNames={"#e": keys.TTL_ATTRIBUTE},
                                ExpressionAttributeValues={":now": now})
            return 1
        except ClientError as err:
            if err.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
        return add_one(self.table, key, "count")

    def hold(self, scope: str, who: str, until: int) -> None:
        """Keep the counter (and so the block) until `until`."""
        self.table.update_item(Key=keys.throttle(scope, who), UpdateExpression="SET #e = :until",
                               ExpressionAttributeNames={"#e": keys.TTL_ATTRIBUTE},
                               ExpressionAttributeValues={":until": until})

    def clear(self, scope: str, who: str) -> None:
        self.table.delete_item(Key=keys.throttle(scope, who))
