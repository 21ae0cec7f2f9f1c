"""Owed effects in DynamoDB.

An owed effect is an item under the candidate (keys.effect), written in the transaction of the change that owes
it, found again by the candidate's next request or, across candidates, by its sparse GSI2 entry (keys.effects_due),
and deleted once performed. The SMS outbox is the sms feature's (functions/apply/sms/outbox.py).
"""
from __future__ import annotations

from collections.abc import Iterator

from boto3.dynamodb.conditions import Key

from functions.common.dynamo import keys
from functions.common.dynamo.store import every_item


def owed_item(exam_no: str, batch_id: str, effect_id: str, body: dict, now_iso: str) -> dict:
    """The item of one owed effect (the change that owes it puts it in its own transaction): under the candidate,
    with its entry in the sweeper's GSI2 list."""
    return {**keys.effect(exam_no, effect_id), **keys.effects_due(now_iso, exam_no, effect_id), "kind": "effect",
            "effect": body, "exam_no": exam_no, "batch_id": batch_id, "created_at": now_iso}


def owed_id(item: dict) -> str:
    """An owed effect's own id (its key under the candidate): the same work owed twice is one id."""
    return item[keys.SK]


class EffectStore:
    def __init__(self, table):
        self.table = table

    def owed(self, exam_no: str) -> list[dict]:
        """What the candidate's changes still owe."""
        answer = self.table.query(ConsistentRead=True,
                                  KeyConditionExpression=Key(keys.PK).eq(keys.candidate(exam_no)[keys.PK])
                                  & Key(keys.SK).begins_with(keys.EFFECT_PREFIX))
        return answer["Items"]

    def due(self) -> Iterator[dict]:
        """Every owed effect, oldest first, as stored now (one a request performed since is left out)."""
        for entry in every_item(self.table.query, IndexName=keys.GSI2, Limit=100,
                                KeyConditionExpression=Key(keys.GSI2PK).eq(keys.effects_due()[keys.GSI2PK])):
            item = self.table.get_item(Key={keys.PK: entry[keys.PK], keys.SK: entry[keys.SK]},
                                       ConsistentRead=True).get("Item")
            if item is not None:
                yield item

    def done(self, item: dict) -> None:
        self.table.delete_item(Key={keys.PK: item[keys.PK], keys.SK: item[keys.SK]})
