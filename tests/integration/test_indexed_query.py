"""The embedded stack answers Query by key (infra/local/indexed_query.py) and still answers exactly as moto does:
the same random traffic goes to it and to a plain moto server in another process (nothing patched), and every
answer must be equal: items, their order, Count, ScannedCount, LastEvaluatedKey, errors (the plain server also
rolls cancelled transactions back its own way, by copies of the tables). The test of the test: with the index or
the rollback broken on purpose, the same traffic finds a difference."""
from __future__ import annotations

import random
import socket
import subprocess
import sys
import time
import uuid

import boto3
import pytest
from botocore.config import Config
from query_workload import Workload, create, outcome, run, tables, whole_partitions

from infra.local import indexed_query, transaction_undo
from infra.local.background import free_port
from infra.local.template import read_sam

STEPS = 2500


@pytest.fixture(scope="module")
def plain():
    """moto's own server, as installed, in a process of its own: the answers to match."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("moto's server did not start") from None
            time.sleep(0.1)
    yield client(f"http://127.0.0.1:{port}")
    # Its state is thrown away: on a busy machine (parallel workers) freeing it can outlast a polite wait.
    server.kill()
    server.wait()


@pytest.fixture(scope="module")
def indexed(stack):
    return client(stack.endpoint)


def client(endpoint: str):
    """One attempt per call: an error is an answer to compare, not something to retry."""
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
                        aws_secret_access_key="local", config=Config(retries={"total_max_attempts": 1}))


def fresh_tables(indexed, plain):
    made = tables(read_sam()["Resources"]["MainTable"]["Properties"], uuid.uuid4().hex[:8])
    for table in made:
        create(indexed, table)
        create(plain, table)
    return made


def test_random_traffic_gets_the_same_answers_from_the_indexed_and_the_plain_moto(indexed, plain):
    made = fresh_tables(indexed, plain)
    before, counts = dict(indexed_query.answered), {}
    mismatches = run(indexed, plain, Workload(random.Random(23), made), STEPS, counts=counts)
    mismatches += whole_partitions(indexed, plain, made)
    assert not mismatches, f"{len(mismatches)} answers differ; the first:\n" + "\n".join(map(str, mismatches[:3]))
    # the traffic did what it is for: pages by cursor, cancelled transactions, invalid queries, conditions failing
    assert counts["query:ok"] > 1200 and counts["query:next page"] > 250, counts
    assert counts["query:error"] > 50 and counts["transact_write_items:error"] > 40, counts
    assert counts["update_item:ok"] > 200 and counts["delete_item:error"] > 10, counts
    assert counts["get_item:ok"] > 60, counts
    by_key = indexed_query.answered["by key"] - before["by key"]
    walked = indexed_query.answered["by moto's walk"] - before["by moto's walk"]
    assert by_key > 10 * walked, (by_key, walked)     # what moto walks is only what the index must not answer


def _off_by_one(bounds):
    def cut_short(*args):
        found = bounds(*args)
        return found if found is None or found[1] <= found[0] else (found[0], found[1] - 1)
    return cut_short


def _keys_left_behind(undo):
    return lambda log, reindex: undo(log, lambda *args: None)


BREAKAGES = {
    "an update's new index keys not followed": lambda patch: patch.setattr(
        indexed_query, "_reindex_key", lambda *args: None),
    "a key range one item short": lambda patch: patch.setattr(
        indexed_query, "_range_bounds", _off_by_one(indexed_query._range_bounds)),
    "a cancelled transaction's items kept": lambda patch: patch.setattr(
        transaction_undo, "_undo", lambda undo, reindex: None),
    "a cancelled transaction's items back, their index keys not": lambda patch: patch.setattr(
        transaction_undo, "_undo", _keys_left_behind(transaction_undo._undo)),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_index_is_caught_by_the_same_traffic(indexed, plain, monkeypatch, breakage):
    made = fresh_tables(indexed, plain)
    BREAKAGES[breakage](monkeypatch)
    found = run(indexed, plain, Workload(random.Random(23), made), STEPS, stop_at_first=True)
    assert found, f"{breakage}: {STEPS} random operations found no difference"


def test_a_mistyped_index_key_is_answered_by_moto_s_walk_until_it_is_gone(indexed, plain):
    """moto stores an index key of another type than declared and then sorts a partition mixing types its own way
    (or fails): that index goes back to moto's walk, and comes back to the keys when the item is gone."""
    main = fresh_tables(indexed, plain)[0]
    query = {"TableName": main.name, "IndexName": "GSI1", "KeyConditionExpression": "GSI1PK = :p",
             "ExpressionAttributeValues": {":p": {"S": "P#1"}}}
    items = [{"PK": {"S": "P#1"}, "SK": {"S": sk}, "GSI1PK": {"S": "P#1"}, "GSI1SK": value}
             for sk, value in (("a", {"S": "x"}), ("b", {"N": "5"}), ("c", {"S": "y"}))]
    for item in items:
        for client in (indexed, plain):
            client.put_item(TableName=main.name, Item=item)
    walked = indexed_query.answered["by moto's walk"]
    assert outcome(indexed, "query", query) == outcome(plain, "query", query)
    assert indexed_query.answered["by moto's walk"] == walked + 1
    for client in (indexed, plain):
        client.delete_item(TableName=main.name, Key={"PK": {"S": "P#1"}, "SK": {"S": "b"}})
    by_key = indexed_query.answered["by key"]
    answer = outcome(indexed, "query", query)
    assert answer == outcome(plain, "query", query) and answer[1]["Count"] == 2
    assert indexed_query.answered["by key"] == by_key + 1


def test_a_restored_table_and_a_new_index_are_indexed_from_their_items(indexed, plain):
    made = fresh_tables(indexed, plain)
    run(indexed, plain, Workload(random.Random(5), made), 300)
    main, restored = made[0], f"{made[0].name}-restored"
    for client in (indexed, plain):
        arn = client.create_backup(TableName=main.name, BackupName="before")["BackupDetails"]["BackupArn"]
        client.restore_table_from_backup(TargetTableName=restored, BackupArn=arn)
        # moto replaces the table's definitions by these (DynamoDB adds them): all of them, so every key has a type
        client.update_table(TableName=main.name, AttributeDefinitions=[
            *main.definition["AttributeDefinitions"], {"AttributeName": "name", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[{"Create": {
                "IndexName": "byName", "Projection": {"ProjectionType": "ALL"},
                "KeySchema": [{"AttributeName": "name", "KeyType": "HASH"},
                              {"AttributeName": "GSI1SK", "KeyType": "RANGE"}]}}])
    queries = [{"TableName": restored, "KeyConditionExpression": "PK = :p", "ExpressionAttributeValues": {
        ":p": {"S": p}}} for p in ("P#1", "P#2", "湖北")]
    queries += [{"TableName": main.name, "IndexName": "byName", "KeyConditionExpression": "#n = :n AND GSI1SK > :s",
                 "ExpressionAttributeNames": {"#n": "name"},
                 "ExpressionAttributeValues": {":n": {"S": name}, ":s": {"S": "A#1"}}} for name in ("A", "B", "安徽")]
    by_key = indexed_query.answered["by key"]
    answers = [(outcome(indexed, "query", q), outcome(plain, "query", q)) for q in queries]
    assert all(mine == theirs for mine, theirs in answers), answers
    assert sum(mine[1]["Count"] for mine, _ in answers) > 10     # the queries found something to agree on
    assert indexed_query.answered["by key"] == by_key + len(queries)


def test_another_moto_is_refused_at_start(monkeypatch):
    import moto
    monkeypatch.setattr(moto, "__version__", "5.2.6")
    with pytest.raises(RuntimeError, match="moto 5.2.5.*moto 5.2.6"):
        indexed_query.install(None)
