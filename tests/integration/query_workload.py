"""Random DynamoDB traffic sent to two moto endpoints at once, every answer compared (tests/integration/
test_indexed_query.py): puts, conditional updates that move index keys (some returning the items), deletes, reads
by key, transactions (some cancelled, so moto rolls its tables back), batch writes, and queries of the base tables
and their indexes with every key-condition operator, filters, projections, limits, cursors, random start keys and
both orders, and invalid ones.

Three tables: the template's own MainTable (string keys, three GSIs, one projecting INCLUDE), one with number,
binary, local-index and range-less-index keys, and one with a hash key only. Small value domains, so partitions
fill, ranges overlap, and strings share prefixes (with CJK and an emoji, which sort by code point).
"""
from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from botocore.exceptions import ClientError

STRINGS = ["A", "A#1", "A#10", "A#2", "A#2#b", "B", "B#1", "a", "湖北#01", "湖北#02", "安徽", "😀", "~"]
NUMBERS = ["-10", "-1.5", "0", "0.001", "1", "1.0", "1.50", "2", "10", "1E+2", "99.99", "100"]
BINARIES = [b"\x00", b"\x00\x01", b"\x01", b"\xfb\xff", b"a", b"ab", b"\xff"]
PARTITIONS = {"S": ["P#1", "P#2", "P#3", "湖北"], "N": ["1", "2", "-3"], "B": [b"p", b"q"]}
OPERATORS = ["=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"]


@dataclass
class Table:
    name: str
    definition: dict
    types: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.types = {a["AttributeName"]: a["AttributeType"] for a in self.definition["AttributeDefinitions"]}

    def keys(self, index: str | None = None) -> tuple[str, str | None]:
        schema = self.definition["KeySchema"]
        if index:
            indexes = self.definition.get("GlobalSecondaryIndexes", []) + self.definition.get(
                "LocalSecondaryIndexes", [])
            schema = next(i["KeySchema"] for i in indexes if i["IndexName"] == index)
        hash_attr = next(k["AttributeName"] for k in schema if k["KeyType"] == "HASH")
        return hash_attr, next((k["AttributeName"] for k in schema if k["KeyType"] == "RANGE"), None)

    def index_names(self) -> list[str]:
        return [i["IndexName"] for i in self.definition.get("GlobalSecondaryIndexes", []) +
                self.definition.get("LocalSecondaryIndexes", [])]


def tables(main_table_properties: dict, suffix: str) -> list[Table]:
    main = {k: main_table_properties[k] for k in ("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes")}
    attr = lambda name, kind: {"AttributeName": name, "AttributeType": kind}  # noqa: E731
    key = lambda name, kind: {"AttributeName": name, "KeyType": kind}  # noqa: E731
    typed = {"AttributeDefinitions": [attr("PK", "S"), attr("SK", "N"), attr("G", "N"), attr("GB", "B"),
                                      attr("L", "N"), attr("H", "S")],
             "KeySchema": [key("PK", "HASH"), key("SK", "RANGE")],
             "GlobalSecondaryIndexes": [
                 {"IndexName": "byBinary", "KeySchema": [key("G", "HASH"), key("GB", "RANGE")],
                  "Projection": {"ProjectionType": "KEYS_ONLY"}},
                 {"IndexName": "rangeless", "KeySchema": [key("H", "HASH")],
                  "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["n"]}}],
             "LocalSecondaryIndexes": [{"IndexName": "byNumber", "KeySchema": [key("PK", "HASH"), key("L", "RANGE")],
                                        "Projection": {"ProjectionType": "ALL"}}]}
    flat = {"AttributeDefinitions": [attr("K", "S"), attr("G", "S"), attr("R", "N")],
            "KeySchema": [key("K", "HASH")],
            "GlobalSecondaryIndexes": [{"IndexName": "byR", "KeySchema": [key("G", "HASH"), key("R", "RANGE")],
                                        "Projection": {"ProjectionType": "ALL"}}]}
    return [Table(f"diff-main-{suffix}", main), Table(f"diff-typed-{suffix}", typed),
            Table(f"diff-flat-{suffix}", flat)]


def create(client, table: Table) -> None:
    client.create_table(TableName=table.name, BillingMode="PAY_PER_REQUEST", **table.definition)


class Workload:
    """One random operation at a time, as the same request to both endpoints."""

    def __init__(self, rng: random.Random, tables: list[Table]):
        self.rng, self.tables = rng, tables

    def value(self, kind: str, partition: bool = False) -> dict:
        if partition:
            return {kind: self.rng.choice(PARTITIONS[kind])}
        return {kind: self.rng.choice({"S": STRINGS, "N": NUMBERS, "B": BINARIES}[kind])}

    def key(self, table: Table) -> dict:
        hash_attr, range_attr = table.keys()
        # a hash-only table's items are their own partitions: they take their keys from the larger domain
        key = {hash_attr: self.value(table.types[hash_attr], partition=range_attr is not None)}
        if range_attr:
            key[range_attr] = self.value(table.types[range_attr])
        return key

    def item(self, table: Table) -> dict:
        item = self.key(table)
        for index in table.index_names():
            for attr in table.keys(index):
                if attr and attr not in item and self.rng.random() < 0.75:     # sparse indexes: keys left out
                    item[attr] = self.value(table.types[attr], partition=attr == table.keys(index)[0])
        item["n"] = {"N": str(self.rng.randint(-5, 5))}
        if self.rng.random() < 0.5:
            item["name"] = {"S": self.rng.choice(STRINGS)}
        if self.rng.random() < 0.3:     # nested values, number spellings and binary, through index projections
            item["lifecycle"] = {"M": {"status": {"S": self.rng.choice(["in_review", "approved"])}, "paid": {
                "NULL": True}, "final": {"BOOL": False}, "since": {"N": self.rng.choice(NUMBERS)}}}
            item["host_universities"] = {"L": [{"S": self.rng.choice(STRINGS)}, {"B": self.rng.choice(BINARIES)}]}
            item["version"] = {"N": self.rng.choice(NUMBERS)}
            item["audit"] = {"M": {"findings": {"L": [{"M": {"code": {"S": "X"}}}]}, "tags": {"SS": ["b", "a"]}}}
        if self.rng.random() < 0.2:
            item["blob"] = {"S": "x" * self.rng.randint(1, 3000)}
        elif self.rng.random() < 0.02:     # a few items near moto's 400 KB: pages end at 1 MB, not at Limit
            item["blob"] = {"S": "x" * self.rng.randint(250_000, 380_000)}
        return item

    def table(self) -> Table:
        return self.rng.choice(self.tables)

    # --- writes -------------------------------------------------------------------------------------------------

    def put(self, t: Table) -> tuple[str, dict]:
        request = {"TableName": t.name, "Item": self.item(t)}
        if self.rng.random() < 0.2:
            request |= {"ConditionExpression": "attribute_not_exists(#k)",
                        "ExpressionAttributeNames": {"#k": t.keys()[0]}}
        return "put_item", request

    def update_parts(self, t: Table) -> dict:
        sets, removes, names, values = [], [], {}, {}
        movable = [a for i in t.index_names() for a in t.keys(i) if a and a not in t.keys()]
        for n, attr in enumerate(self.rng.sample(movable, k=min(len(movable), self.rng.randint(1, 3)))):
            names[f"#a{n}"] = attr
            if self.rng.random() < 0.25:
                removes.append(f"#a{n}")
            else:
                index_hash = any(t.keys(i)[0] == attr for i in t.index_names())
                values[f":v{n}"] = self.value(t.types[attr], partition=index_hash)
                sets.append(f"#a{n} = :v{n}")
        if self.rng.random() < 0.5:
            names["#n"], values[":one"] = "n", {"N": "1"}
            sets.append("#n = if_not_exists(#n, :one) + :one")
        expression = " ".join(part for part in (("SET " + ", ".join(sets)) if sets else "",
                                                ("REMOVE " + ", ".join(removes)) if removes else "") if part)
        parts = {"UpdateExpression": expression, "ExpressionAttributeNames": names}
        if self.rng.random() < 0.25:
            names["#k"] = t.keys()[0]
            parts["ConditionExpression"] = "attribute_exists(#k)"
        if values:
            parts["ExpressionAttributeValues"] = values
        return parts

    def update(self, t: Table) -> tuple[str, dict]:
        request = {"TableName": t.name, "Key": self.key(t), **self.update_parts(t)}
        if self.rng.random() < 0.5:     # the items written back go through the same answer writer as a read's
            request["ReturnValues"] = self.rng.choice(["ALL_NEW", "ALL_OLD", "UPDATED_NEW", "UPDATED_OLD"])
        return "update_item", request

    def get(self, t: Table) -> tuple[str, dict]:
        request = {"TableName": t.name, "Key": self.key(t), "ConsistentRead": self.rng.random() < 0.5}
        if self.rng.random() < 0.3:
            request |= {"ProjectionExpression": "#k, #n", "ExpressionAttributeNames": {"#k": t.keys()[0], "#n": "n"}}
        return "get_item", request

    def delete(self, t: Table) -> tuple[str, dict]:
        request = {"TableName": t.name, "Key": self.key(t)}
        if self.rng.random() < 0.2:
            request |= {"ConditionExpression": "#n > :zero", "ExpressionAttributeNames": {"#n": "n"},
                        "ExpressionAttributeValues": {":zero": {"N": "0"}}}
        return "delete_item", request

    def transaction(self) -> tuple[str, dict]:
        actions = []
        for _ in range(self.rng.randint(2, 4)):
            t = self.table()
            kind = self.rng.choice(["Put", "Update", "Delete", "ConditionCheck"])
            if kind == "Put":
                action = {"TableName": t.name, "Item": self.item(t)}
            else:
                action = {"TableName": t.name, "Key": self.key(t)}
                action |= self.update_parts(t) if kind == "Update" else {}
            if kind in ("Put", "Delete", "ConditionCheck") and (kind == "ConditionCheck" or self.rng.random() < 0.4):
                # sometimes false: the whole transaction is cancelled and moto restores its backup
                action |= {"ConditionExpression": "attribute_exists(#k)",
                           "ExpressionAttributeNames": {"#k": t.keys()[0]}}
            actions.append({kind: action})
        return "transact_write_items", {"TransactItems": actions}

    def batch(self) -> tuple[str, dict]:
        t, requests, seen = self.table(), [], set()
        for _ in range(self.rng.randint(1, 6)):
            if self.rng.random() < 0.7:
                item = self.item(t)
                identity, request = repr(sorted((k, item[k]) for k in t.keys() if k)), {"PutRequest": {"Item": item}}
            else:
                key = self.key(t)
                identity, request = repr(sorted(key.items())), {"DeleteRequest": {"Key": key}}
            if identity not in seen:
                seen.add(identity)
                requests.append(request)
        return "batch_write_item", {"RequestItems": {t.name: requests}}

    # --- queries ------------------------------------------------------------------------------------------------

    def query(self) -> tuple[str, dict]:
        t = self.table()
        index = self.rng.choice([None, *t.index_names()])
        hash_attr, range_attr = t.keys(index)
        partition = index is not None or range_attr is not None      # which domain the items took it from
        names, values = {"#h": hash_attr}, {":h": self.value(t.types[hash_attr], partition=partition)}
        condition = "#h = :h"
        if range_attr and self.rng.random() < 0.8:
            names["#r"] = range_attr
            kind = t.types[range_attr]
            operator = self.rng.choice(OPERATORS if kind != "N" or self.rng.random() < 0.05 else OPERATORS[:-1])
            values[":a"] = self.value(kind)
            if operator == "BETWEEN":
                values[":b"] = self.value(kind)
                condition += " AND #r BETWEEN :a AND :b"
            elif operator == "begins_with":
                condition += " AND begins_with(#r, :a)"
            else:
                condition += f" AND #r {operator} :a"
        request = {"TableName": t.name, "KeyConditionExpression": condition,
                   "ScanIndexForward": self.rng.random() < 0.5}
        if index:
            request["IndexName"] = index
        if self.rng.random() < 0.8:
            request["Limit"] = self.rng.randint(1, 8)
        if self.rng.random() < 0.3:
            names["#f"], values[":f"] = "n", {"N": str(self.rng.randint(-3, 3))}
            request["FilterExpression"] = self.rng.choice(["#f > :f", "#f <= :f OR attribute_exists(lifecycle)"])
        if self.rng.random() < 0.15:
            names["#p"] = "n"
            request["ProjectionExpression"] = "#h, #p" if "#r" not in names else "#h, #r, #p"
        elif self.rng.random() < 0.1:
            request["Select"] = "COUNT"
        if self.rng.random() < 0.05:
            request["ConsistentRead"] = True
        if self.rng.random() < 0.2:
            request["ExclusiveStartKey"] = self.start_key(t, index)
        request |= {"ExpressionAttributeNames": names, "ExpressionAttributeValues": values}
        if self.rng.random() < 0.06:
            self.spoil(t, request)
        return "query", request

    def start_key(self, t: Table, index: str | None) -> dict:
        """A start key that need not be any item's: moto starts after where it would sort."""
        key = self.key(t)
        if index:
            for attr in t.keys(index):
                if attr and attr not in key:
                    key[attr] = self.value(t.types[attr], partition=attr == t.keys(index)[0])
        return key

    def spoil(self, t: Table, request: dict) -> None:
        """An invalid query: moto's error must be the same."""
        how = self.rng.choice(["index", "hash name", "start key type", "empty hash", "range on other"])
        if how == "index":
            request["IndexName"] = "noSuchIndex"
        elif how == "hash name":
            request["ExpressionAttributeNames"]["#h"] = "notAKey"
        elif how == "start key type":
            request["ExclusiveStartKey"] = {k: {"BOOL": True} for k in self.start_key(t, request.get("IndexName"))}
        elif how == "empty hash":
            request["ExpressionAttributeValues"][":h"] = {"S": ""}
        elif "#r" in request["ExpressionAttributeNames"]:
            request["ExpressionAttributeNames"]["#r"] = "n"

    def next_operation(self) -> tuple[str, dict]:
        roll = self.rng.random()
        if roll < 0.18:
            return self.put(self.table())
        if roll < 0.30:
            return self.update(self.table())
        if roll < 0.36:
            return self.delete(self.table())
        if roll < 0.41:
            return self.transaction()
        if roll < 0.45:
            return self.batch()
        if roll < 0.49:
            return self.get(self.table())
        return self.query()


def outcome(client, operation: str, request: dict) -> tuple:
    try:
        answer = getattr(client, operation)(**request)
    except ClientError as error:
        return ("error", error.response["Error"].get("Code"), error.response["Error"].get("Message"))
    answer.pop("ResponseMetadata", None)
    return ("ok", _sets_sorted(answer))


def _sets_sorted(value):
    """DynamoDB sets have no order, and moto's follows Python's per-process string hashing: compared as sets."""
    if isinstance(value, dict):
        return {k: sorted(v) if k in ("SS", "NS", "BS") and isinstance(v, list) else _sets_sorted(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_sets_sorted(v) for v in value]
    return value


@dataclass
class Mismatch:
    step: int
    operation: str
    request: dict
    indexed: tuple
    plain: tuple

    def __str__(self) -> str:
        return (f"step {self.step}: {self.operation} {self.request}\n  indexed: {self.indexed}\n"
                f"  plain:   {self.plain}")


def run(indexed, plain, workload: Workload, steps: int, stop_at_first: bool = False,
        counts: dict | None = None) -> list[Mismatch]:
    """`steps` random operations against both endpoints; a query answered with a LastEvaluatedKey is followed for
    up to five more pages. Answers (items, order, Count, ScannedCount, LastEvaluatedKey, errors) must be equal."""
    mismatches: list[Mismatch] = []
    counts = counts if counts is not None else {}
    with ThreadPoolExecutor(1) as other:      # both endpoints at once: the machine has two cores
        for step in range(steps):
            if _step(indexed, plain, workload, step, other, counts, mismatches) and stop_at_first:
                break
    return mismatches


def _step(indexed, plain, workload: Workload, step: int, other, counts: dict, mismatches: list) -> bool:
    """One operation (and the pages after it): True when an answer differed."""
    operation, request = workload.next_operation()
    for _page in range(6):
        theirs = other.submit(outcome, plain, operation, request)
        mine = outcome(indexed, operation, request)
        theirs = theirs.result()
        counts[operation] = counts.get(operation, 0) + 1
        counts[f"{operation}:{mine[0]}"] = counts.get(f"{operation}:{mine[0]}", 0) + 1
        if mine != theirs:
            mismatches.append(Mismatch(step, operation, request, mine, theirs))
            return True
        if operation != "query" or mine[0] != "ok" or "LastEvaluatedKey" not in mine[1]:
            return False
        counts["query:next page"] = counts.get("query:next page", 0) + 1
        request = {**request, "ExclusiveStartKey": mine[1]["LastEvaluatedKey"]}
    return False


def scan_all(client, table: Table) -> list[dict]:
    items, request = [], {"TableName": table.name}
    while True:
        page = client.scan(**request)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def whole_partitions(indexed, plain, tables: list[Table]) -> list[Mismatch]:
    """The same items on both sides, and every partition of every table and index read whole, both orders."""
    mismatches = []
    for t in tables:
        seen = scan_all(plain, t)
        if scan_all(indexed, t) != seen:
            mismatches.append(Mismatch(-1, "scan", {"TableName": t.name}, ("items differ",), ()))
        for index in [None, *t.index_names()]:
            hash_attr, _ = t.keys(index)
            for value in {repr(i[hash_attr]): i[hash_attr] for i in seen if hash_attr in i}.values():
                for forward in (True, False):
                    request = {"TableName": t.name, "KeyConditionExpression": "#h = :h", "ScanIndexForward": forward,
                               "ExpressionAttributeNames": {"#h": hash_attr},
                               "ExpressionAttributeValues": {":h": value}}
                    request |= {"IndexName": index} if index else {}
                    mine, theirs = outcome(indexed, "query", request), outcome(plain, "query", request)
                    if mine != theirs:
                        mismatches.append(Mismatch(-1, "query", request, mine, theirs))
    return mismatches
