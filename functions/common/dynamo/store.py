"""All access to the main table. Handlers and the command line use this; nobody else builds keys.

Documents (plans, rule sets, records) are stored as canonical JSON strings with their digest: DynamoDB has no
floats, and the digest makes re-importing the same file a no-op.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator

from boto3.dynamodb.conditions import Key

from . import keys

BATCH_GET_LIMIT = 100


def every_item(read, **request) -> Iterator[dict]:
    """Every item a Query or Scan (`read`: the table's method) answers, page after page."""
    while True:
        page = read(**request)
        yield from page["Items"]
        if "LastEvaluatedKey" not in page:
            return
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def canonical(doc) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def document_item(key: dict, kind: str, doc, **attributes) -> dict:
    text = canonical(doc)
    return {**key, "kind": kind, "doc": text, "digest": digest(text), **attributes}


class Store:
    def __init__(self, table):
        self.table = table

    # -- documents ----------------------------------------------------------------------------------------------
    def _batch_get(self, key_list: list[dict], projection: str | None) -> Iterator[dict]:
        """Items for many keys in as few round trips as DynamoDB allows (100 keys each), in no set order."""
        client = self.table.meta.client
        for start in range(0, len(key_list), BATCH_GET_LIMIT):
            request = {self.table.name: {"Keys": key_list[start:start + BATCH_GET_LIMIT]}}
            if projection:
                request[self.table.name]["ProjectionExpression"] = projection
            while request:
                answer = client.batch_get_item(RequestItems=request)
                yield from answer["Responses"].get(self.table.name, [])
                request = answer.get("UnprocessedKeys") or None

    def get_items(self, key_list: list[dict]) -> list[dict]:
        """Whole items for many keys (those that exist), in no set order."""
        return list(self._batch_get(key_list, None))

    def get_docs(self, key_list: list[dict]) -> list:
        return [json.loads(i["doc"]) for i in self._batch_get(key_list, "doc")]

    def get_doc(self, key: dict):
        item = self.table.get_item(Key=key).get("Item")
        return None if item is None else json.loads(item["doc"])

    def digests(self, key_list: list[dict]) -> dict[tuple, str]:
        """(PK, SK) → digest of what is stored now, for the keys that exist."""
        return {(i["PK"], i["SK"]): i["digest"] for i in self._batch_get(key_list, "PK, SK, digest")}

    def put_changed(self, items: list[dict]) -> tuple[int, int]:
        """Write the items whose digest differs from what is stored; (written, unchanged)."""
        stored = self.digests([{keys.PK: i[keys.PK], keys.SK: i[keys.SK]} for i in items])
        changed = [i for i in items if stored.get((i[keys.PK], i[keys.SK])) != i["digest"]]
        with self.table.batch_writer() as batch:
            for item in changed:
                batch.put_item(Item=item)
        return len(changed), len(items) - len(changed)

    # -- reference data -----------------------------------------------------------------------------------------
    def reference_index(self) -> dict:
        return self.get_doc(keys.reference_index()) or {"plans": [], "rulesets": [], "courses": []}

    def plan(self, plan_id: str):
        return self.get_doc(keys.plan(plan_id))

    def ruleset(self, ruleset_id: str):
        return self.get_doc(keys.ruleset(ruleset_id))

    # -- candidate records ---------------------------------------------------------------------------------------
    def candidate(self, exam_no: str) -> dict | None:
        item = self.table.get_item(Key=keys.candidate(exam_no)).get("Item")
        return None if item is None else _candidate(item)

    def candidates(self, exam_nos: list[str]) -> dict[str, dict]:
        """准考证号 → record, for the records that exist (one round trip per 100)."""
        found = self._batch_get([keys.candidate(e) for e in dict.fromkeys(exam_nos)], None)
        return {i["exam_no"]: _candidate(i) for i in found}

    def id_numbers(self, exam_nos: list[str]) -> dict[str, str]:
        """准考证号 → ID number, for the records that exist (one round trip per 100)."""
        found = self._batch_get([keys.candidate(e) for e in dict.fromkeys(exam_nos)], "exam_no, id_number")
        return {i["exam_no"]: i["id_number"] for i in found}

    def candidates_by_id_number(self, id_number: str) -> list[dict]:
        answer = self.table.query(IndexName=keys.GSI1, KeyConditionExpression=Key(keys.GSI1PK).eq(
            keys.by_id_number(id_number)[keys.GSI1PK]))
        return [_candidate(i) for i in answer["Items"] if i.get("kind") == "candidate"]


def _candidate(item: dict) -> dict:
    return {"exam_no": item["exam_no"], "name": item["name"], "id_number": item["id_number"],
            "office": item["office"], **json.loads(item["doc"])}


def candidate_item(entry: dict) -> dict:
    exam_no, id_number, office = entry["exam_no"], entry["id_number"], entry["office"]
    body = {k: v for k, v in entry.items() if k not in ("exam_no", "name", "id_number", "office")}
    item = document_item(keys.candidate(exam_no), "candidate", body, exam_no=exam_no, name=entry["name"],
                         id_number=id_number, office=office,
                         **{keys.GSI1PK: keys.by_id_number(id_number)[keys.GSI1PK], keys.GSI1SK: f"CAND#{exam_no}"},
                         **keys.office_candidates(office, exam_no))
    # The digest covers who the record is as well as the record: a new name or office is a change to write.
    item["digest"] = digest(item["doc"] + canonical([exam_no, entry["name"], id_number, office]))
    return item


def chunks(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
