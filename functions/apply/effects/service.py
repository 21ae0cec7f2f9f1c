"""Performing what a change owes: orders, refunds, forms, SMS. Each owed effect is an item written in the change's
own transaction (application_store.py); performing it and then deleting it makes "nothing lost" a property of the
storage, not of the request: if the request dies in between, the next request for the candidate (`settle`) or
the sweeper (`sweep`, scheduled in template.yaml, also `biye effects`) does it.

Requests do the quick effects at once and leave the slow ones (BACKGROUND: making a form, ~100 ms of PDF) to the
sweeper, so a submit stays quick; a download before the sweeper comes makes the form itself.

Performers are idempotent (an order is made once per submission, a form copy is named by its data, the outbox
keeps one message per effect id), so doing one twice after a crash is harmless. A performer that refuses for a
reason a retry cannot change (an AppError: the application moved on, a character the font lacks) drops the
effect with a log line; anything else (throttling, an S3 outage) leaves it for the next try.
"""
from __future__ import annotations

import logging

from boto3.dynamodb.conditions import Key

from functions.common.dynamo import keys
from functions.common.dynamo.store import every_item
from functions.common.errors import AppError

log = logging.getLogger("biye.effects")
BACKGROUND = frozenset({"make_form"})


class Effects:
    def __init__(self, table, performers: dict):
        """`performers`: tag → callable(owed item); the item holds `effect` (its tag and fields), `exam_no`,
        `batch_id` and its own key (SK), which is the effect's id."""
        self.table, self.performers = table, performers

    def owed(self, exam_no: str) -> list[dict]:
        answer = self.table.query(ConsistentRead=True, KeyConditionExpression=Key(keys.PK).eq(f"CAND#{exam_no}")
                                  & Key(keys.SK).begins_with(keys.EFFECT_PREFIX))
        return answer["Items"]

    def settle(self, exam_no: str) -> int:
        """Perform the quick effects the candidate's changes still owe, oldest first; how many are left."""
        left = 0
        for item in sorted(self.owed(exam_no), key=lambda i: i["created_at"]):
            left += item["effect"]["tag"] in BACKGROUND or not self._perform(item)
        return left

    def sweep(self, limit: int = 500) -> tuple[int, int]:
        """Perform every owed effect, across candidates (the scheduled sweeper); (done, left)."""
        done = left = 0
        for index_item in every_item(self.table.query, IndexName=keys.GSI2, Limit=100,
                                     KeyConditionExpression=Key(keys.GSI2PK).eq(keys.effects_due()[keys.GSI2PK])):
            item = self.table.get_item(Key={keys.PK: index_item[keys.PK], keys.SK: index_item[keys.SK]},
                                       ConsistentRead=True).get("Item")
            if item is None:                      # a request performed it since the index was read
                continue
            if self._perform(item):
                done += 1
            else:
                left += 1
            if done + left >= limit:
                break
        return done, left

    def _perform(self, item: dict) -> bool:
        """True when the effect is done (or dropped for good) and deleted."""
        tag = item["effect"]["tag"]
        try:
            self.performers[tag](item)
        except AppError as err:
            log.warning("effect %s for %s dropped: %s", tag, item["exam_no"], err.message)
        except Exception:  # noqa: BLE001 - storage or provider trouble: kept for the next try
            log.warning("effect %s for %s failed; it stays owed", tag, item["exam_no"], exc_info=True)
            return False
        self.table.delete_item(Key={keys.PK: item[keys.PK], keys.SK: item[keys.SK]})
        return True
