"""The embedded stack's Query by key (infra/local/indexed_query.py) at a province's size, against moto's own walk
of the same table in the same run, and what keeping the sorted keys adds to a write.

    .venv/bin/python -m bench key_index
    BENCH_KEY_INDEX_APPLICATIONS=100000 .venv/bin/python -m bench key_index

The applications are bench_review's (the item, its host entries, the candidate's record), stored through moto's
Table.put_item in-process, which is the write path the index follows (and faster to seed than HTTP). The queries
are the staff lists' (GSI3): a queue's first page, its 21st page by ExclusiveStartKey, one city office's range;
each by key (ROUNDS calls after a warm-up) and by moto's walk (WALK_ROUNDS calls: each reads the whole table).
A put is a boto3 put_item moving an application between queues; its index upkeep is timed alone in-process.
"""
from __future__ import annotations

import os
import random
import sys
import time

from bench.timing import median_ms

COUNT = int(os.environ.get("BENCH_KEY_INDEX_APPLICATIONS", "50000"))
ROUNDS, WALK_ROUNDS, PUTS, UPKEEPS = 11, 3, 200, 2000


def _seed(moto_table, batch_id: str, offices: list[str]) -> float:
    from boto3.dynamodb.types import TypeSerializer

    from bench.bench_review import _application
    from functions.apply.review import index
    from functions.common.dynamo.store import candidate_item
    serialize, rng, started = TypeSerializer().serialize, random.Random(7), time.perf_counter()
    for n in range(COUNT):
        item, record = _application(n, offices[n % len(offices)], batch_id, rng)
        for entry in (index.indexed(item), *index.host_entries(item), candidate_item(record)):
            moto_table.put_item({k: serialize(v) for k, v in entry.items()})
    return time.perf_counter() - started


def run() -> list[tuple[str, float, str]]:
    import boto3
    from boto3.dynamodb.conditions import Key
    from botocore.config import Config
    from moto.dynamodb.models import dynamodb_backends

    from functions.common.dynamo import keys
    from functions.common.settings import Settings
    from functions.profiles.loader import load_profile
    from infra.local import indexed_query
    from infra.local import stack as local_stack

    stack = local_stack.start("hubei", "http://127.0.0.1:8000")
    try:
        name = Settings.from_env().table
        moto_table = dynamodb_backends["123456789012"][local_stack.REGION].get_table(name)
        offices = [o["code"] for o in load_profile("hubei").data["offices"]]
        batch_id = "2025-1"
        seconds = _seed(moto_table, batch_id, offices)
        print(f"(seeded {COUNT} applications in {seconds:.0f} s)", file=sys.stderr)
        # one attempt and a long read timeout: moto's walk of a large table takes longer than the functions wait
        table = boto3.resource("dynamodb", endpoint_url=stack.endpoint, region_name=local_stack.REGION,
                               aws_access_key_id="local", aws_secret_access_key="local",
                               config=Config(read_timeout=600, retries={"total_max_attempts": 1})).Table(name)
        partition = keys.review_list(batch_id, "in_review:city_review")[keys.GSI3PK]
        queue = {"IndexName": keys.GSI3, "KeyConditionExpression": Key(keys.GSI3PK).eq(partition), "Limit": 50}
        start_key = table.query(**{**queue, "Limit": 1000})["LastEvaluatedKey"]
        city = {**queue, "KeyConditionExpression": Key(keys.GSI3PK).eq(partition) & Key(keys.GSI3SK).begins_with(
            f"{offices[0]}#")}
        queries = [("queue's first page", queue), ("queue's page 21 (ExclusiveStartKey)",
                                                   {**queue, "ExclusiveStartKey": start_key}),
                   ("a city office's range, first page", city)]
        rows = []
        for label, query in queries:
            by_key = table.query(**query)
            with indexed_query.moto_walk():
                walked = table.query(**query)
            assert by_key["Items"] == walked["Items"] and by_key.get("LastEvaluatedKey") == walked.get(
                "LastEvaluatedKey") and len(by_key["Items"]) == 50, label
            indexed = median_ms(lambda q=query: table.query(**q), ROUNDS)
            with indexed_query.moto_walk():
                walk = median_ms(lambda q=query: table.query(**q), WALK_ROUNDS, warm_up=False)
            print(f"({label}: {indexed:.1f} ms by key, {walk:.0f} ms by moto's walk)", file=sys.stderr)
            rows += [(f"Query by key: {label}", indexed, "ms median"),
                     (f"Query by moto's walk: {label}", walk, "ms median"),
                     (f"{label}: walk / by key", walk / indexed, "×")]
        rows += _writes(table, moto_table, batch_id, offices)
    finally:
        stack.stop()
    return [(f"seed {COUNT:,} applications (+ host entries, records), in-process", round(COUNT / seconds),
             "applications/s"), *rows]


def _writes(table, moto_table, batch_id: str, offices: list[str]) -> list[tuple[str, float, str]]:
    """A put moving an application between queues over HTTP, and the index upkeep of one put alone."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    from bench.bench_review import _application
    from functions.apply.review import index
    from infra.local import indexed_query
    rng = random.Random(11)
    moved = [index.indexed(_application(n, offices[n % len(offices)], batch_id, rng)[0]) for n in range(PUTS + 1)]
    put = median_ms(lambda: table.put_item(Item=moved[rng.randrange(PUTS)]), PUTS)
    keys = [(DynamoType({"S": item["PK"]}), DynamoType({"S": item["SK"]})) for item in moved]
    upkeep = median_ms(lambda: indexed_query.reindex(moto_table, *keys[rng.randrange(PUTS)]), UPKEEPS) * 1000
    transaction = median_ms(lambda: table.meta.client.transact_write_items(TransactItems=[
        {"Put": {"TableName": table.name, "Item": {"PK": f"BENCH#{rng.random()}", "SK": "X"}}}
        for _ in range(2)]), 5)
    return [("put_item of an application (HTTP, boto3)", put, "ms median"),
            ("index upkeep of one put: its keys out and in again (in-process)", upkeep, "µs median"),
            ("index upkeep / put", upkeep / 1000 / put, "share"),
            ("transact_write_items, 2 puts (a cancelled one is undone item by item)", transaction, "ms median")]


if __name__ == "__main__":
    for row in run():
        print(" | ".join(str(x) for x in row))
