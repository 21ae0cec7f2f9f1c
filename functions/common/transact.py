"""All-or-nothing writes: one DynamoDB transaction, and a Conflict when a condition no longer holds."""
from __future__ import annotations

from botocore.exceptions import ClientError

from .errors import Conflict


def put(table, item: dict, condition: str | None = None, values: dict | None = None) -> dict:
    """A Put for write_all (the table resource's client serialises Python values itself)."""
    action = {"TableName": table.name, "Item": item}
    if condition:
        action["ConditionExpression"] = condition
    if values:
        action["ExpressionAttributeValues"] = values
    return {"Put": action}


def update(table, key: dict, expression: str, condition: str | None = None, *, names: dict | None = None,
           values: dict | None = None) -> dict:
    action = {"TableName": table.name, "Key": key, "UpdateExpression": expression}
    if condition:
        action["ConditionExpression"] = condition
    if names:
        action["ExpressionAttributeNames"] = names
    if values:
        action["ExpressionAttributeValues"] = values
    return {"Update": action}


def delete(table, key: dict, condition: str | None = None, values: dict | None = None) -> dict:
    action = {"TableName": table.name, "Key": key}
    if condition:
        action["ConditionExpression"] = condition
    if values:
        action["ExpressionAttributeValues"] = values
    return {"Delete": action}


class TransactionConflict(Conflict):
    """Which actions' conditions failed (their positions in the list), for callers that answer differently."""

    def __init__(self, message: str, failed: list[int]):
        super().__init__(message)
        self.failed = failed


def write_all(table, actions: list[dict], conflict_message: str) -> None:
    try:
        table.meta.client.transact_write_items(TransactItems=actions)
    except ClientError as err:
        reasons = [r.get("Code") for r in err.response.get("CancellationReasons", [])]
        if "ConditionalCheckFailed" in reasons:
            raise TransactionConflict(conflict_message,
                                      [i for i, r in enumerate(reasons) if r == "ConditionalCheckFailed"]) from None
        raise
