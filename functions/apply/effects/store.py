"""Owed effects and the message outbox in DynamoDB.

An owed effect is an item under the candidate (keys.effect), written in the transaction of the change that owes
it, found again by the candidate's next request or, across candidates, by its sparse GSI2 entry (keys.effects_due),
and deleted once performed. The outbox holds SMS and e-mail for the province's sender, one item per message by
Beijing day: SES does not exist in the China partition and SNS sends no SMS there, so a province's SMS gateway
(阿里云短信, 腾讯云短信, …) reads the outbox, or plugs in behind service.Messenger instead.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from functions.common.dynamo import keys
from functions.common.dynamo.store import every_item
from functions.common.time import beijing_day, iso

OUTBOX_SECONDS = 30 * 24 * 60 * 60       # how long the outbox keeps a message for the province's sender


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


class TableOutbox:
    """Messages waiting for the province's sender, one item per message, by Beijing day (a service.Messenger)."""

    def __init__(self, table, clock: Callable[[], int]):
        self.table, self.clock = table, clock

    def send(self, channel: str, to: str, text: str, *, dedupe: str, message_kind: str | None = None,
             variables: dict[str, str] | None = None) -> None:
        """`message_kind` and `variables` name the provider's template and fill it (template SMS needs both);
        `text` is the same message written out, for the admin page and a sender without templates."""
        now = self.clock()
        day = beijing_day(now).isoformat()
        item = {**keys.outbox(day, dedupe), "kind": "outbox", "channel": channel, "to": to, "text": text,
                "queued_at": iso(now), "status": "queued", keys.TTL_ATTRIBUTE: now + OUTBOX_SECONDS}
        if message_kind:
            item.update(message_kind=message_kind, variables=dict(variables or {}))
        try:
            self.table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
        except ClientError as err:
            if err.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise                                  # already queued today: handed over once is enough

    def day(self, day: str) -> list[dict]:
        """What the outbox holds for one Beijing day (for the sender, the admin page and the tests)."""
        answer = self.table.query(KeyConditionExpression=Key(keys.PK).eq(keys.outbox(day)[keys.PK]))
        return answer["Items"]
