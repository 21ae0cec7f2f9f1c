"""All-or-nothing writes: one DynamoDB transaction, and a Conflict when a condition no longer holds."""
from __future__ import annotations

from botocore.exceptions import ClientError

from functions.common.errors import Conflict


def _action(table, condition: str | None, names: dict | None, values: dict | None, **parts) -> dict:
    action = {"TableName": table.name, **parts}
    for key, value in (("ConditionExpression", condition), ("ExpressionAttributeNames", names),
                       ("ExpressionAttributeValues", values)):
        if value:
            action[key] = value
    return action


def put(table, item: dict, condition: str | None = None, values: dict | None = None, *,
        names: dict | None = None) -> dict:
    """A Put for write_all (the table resource's client serialises Python values itself)."""
    return {"Put": _action(table, condition, names, values, Item=item)}


def update(table, key: dict, expression: str, condition: str | None = None, *, names: dict | None = None,
           values: dict | None = None) -> dict:
    return {"Update": _action(table, condition, names, values, Key=key, UpdateExpression=expression)}


def delete(table, key: dict, condition: str | None = None, values: dict | None = None) -> dict:
    return {"Delete": _action(table, condition, None, values, Key=key)}


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
