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


def write_all(table, actions: list[dict], conflict_message: str) -> None:
    try:
        table.meta.client.transact_write_items(TransactItems=actions)
    except ClientError as err:
        reasons = [r.get("Code") for r in err.response.get("CancellationReasons", [])]
        if "ConditionalCheckFailed" in reasons:
            raise Conflict(conflict_message) from None
        raise
