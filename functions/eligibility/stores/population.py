"""The population as stored: every candidate's record with their 顶替 choices and staff exceptions per plan, and
the verdicts of the last re-audit (kept in chunks, as one DynamoDB item holds at most 400 KB)."""
from __future__ import annotations

import json
from collections import defaultdict

from boto3.dynamodb.conditions import Attr, Key

from functions.common.dynamo import keys
from functions.common.dynamo.store import Store, chunks, every_item
from functions.eligibility.other_exam_numbers import merged

LAST_RUN_PK = "REAUDIT"
CHUNK_SIZE = 4000  # ~35 bytes a verdict: well under 400 KB an item


def audit_items(store: Store) -> list[tuple[str, str, dict, list]]:
    """(candidate:plan id, plan id, record with its choices and the sittings, 免考 and 转考 of the other 准考证 the
    office confirmed, exceptions) for every enrolled plan of everyone."""
    records, choices, exceptions, others = {}, defaultdict(dict), defaultdict(dict), {}
    for item in every_item(store.table.scan, FilterExpression=Attr(keys.PK).begins_with("CAND#")):
        exam_no, sk = item[keys.PK][5:], item[keys.SK]
        if sk == "RECORD":
            records[exam_no] = item
        elif sk.startswith("CHOICES#"):
            choices[exam_no][sk[8:]] = json.loads(item["doc"])
        elif sk.startswith("EXCEPTIONS#"):
            exceptions[exam_no][sk[11:]] = json.loads(item["doc"])
        elif sk == keys.other_exam_numbers(exam_no)[keys.SK]:
            others[exam_no] = json.loads(item["doc"])
    items = []
    for exam_no in sorted(records):
        record = merged(json.loads(records[exam_no]["doc"]), others.get(exam_no, []))
        for plan_id in record.get("majors") or ():
            chosen = [*(record.get("applied_substitutions") or ()), *choices[exam_no].get(plan_id, ())]
            items.append((f"{exam_no}:{plan_id}", plan_id, {**record, "applied_substitutions": chosen},
                          exceptions[exam_no].get(plan_id, [])))
    return items


def last_verdicts(store: Store) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in every_item(store.table.query, KeyConditionExpression=Key(keys.PK).eq(LAST_RUN_PK),
                           ConsistentRead=True):
        found.update(json.loads(item["doc"]))
    return found


def save_verdicts(store: Store, ids: list[str], verdicts: list[str], run_at: str) -> None:
    """Replace the last run: write the new chunks, then delete chunks the smaller population no longer fills."""
    pairs = list(zip(ids, verdicts, strict=True))
    written = set()
    with store.table.batch_writer() as batch:
        for n, part in enumerate(chunks(pairs, CHUNK_SIZE)):
            sk = f"CHUNK#{n:06d}"
            written.add(sk)
            batch.put_item(Item={keys.PK: LAST_RUN_PK, keys.SK: sk, "kind": "reaudit", "run_at": run_at,
                                 "doc": json.dumps(dict(part), separators=(",", ":"))})
    stale = store.table.query(KeyConditionExpression=Key(keys.PK).eq(LAST_RUN_PK), ProjectionExpression="SK")
    with store.table.batch_writer() as batch:
        for item in stale["Items"]:
            if item[keys.SK] not in written:
                batch.delete_item(Key={keys.PK: LAST_RUN_PK, keys.SK: item[keys.SK]})
