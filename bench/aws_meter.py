"""Counting what a function's invocations cost on AWS, on the embedded stack: each AWS call a function makes, with
the function whose handler runs it (infra/local/router.CURRENT_FUNCTION); DynamoDB units from the items' sizes as
DynamoDB bills them (moto does not compute them: each item written is read before and after, for the larger of
its two sizes and what each index writes, see Meter._index_units); S3 requests and bytes; and each invocation's
CPU time in the threads that run function code (time waiting on the endpoint is not in it). Used by bench_cost.py.
"""
from __future__ import annotations

import json
import math
import os
import threading
import time
from collections import Counter
from pathlib import Path


def item_bytes(attributes: dict) -> int:
    """An item's size as DynamoDB counts it: names plus values (wire format)."""
    return sum(len(name.encode()) + _value_bytes(value) for name, value in attributes.items())


def _value_bytes(value: dict) -> int:
    (kind, data), = value.items()
    if kind == "S":
        return len(data.encode())
    if kind == "N":
        return len(data.lstrip("-").replace(".", "")) // 2 + 2
    if kind == "B":
        return len(data) * 3 // 4
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "M":
        return 3 + sum(len(k.encode()) + 1 + _value_bytes(v) for k, v in data.items())
    if kind == "L":
        return 3 + sum(1 + _value_bytes(v) for v in data)
    return sum(_value_bytes({kind[0]: v}) for v in data)      # SS, NS, BS


FREE_S3 = ("DeleteObject", "DeleteObjects", "AbortMultipartUpload")
WRITES = ("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem")


def _key_of(item: dict) -> dict:
    return {name: item[name] for name in ("PK", "SK") if name in item}


def _key(key: dict) -> str:
    return json.dumps(key, sort_keys=True)


def _touched(operation: str, request: dict) -> list[tuple[str, dict]]:
    """(table, key) of every item a write request touches."""
    if operation == "PutItem":
        return [(request["TableName"], _key_of(request["Item"]))]
    if operation in ("UpdateItem", "DeleteItem"):
        return [(request["TableName"], request["Key"])]
    if operation == "BatchWriteItem":
        return [(table, _key_of(r["PutRequest"]["Item"]) if "PutRequest" in r else r["DeleteRequest"]["Key"])
                for table, requests in request["RequestItems"].items() for r in requests]
    return [(spec["TableName"], spec["Key"] if "Key" in spec else _key_of(spec["Item"]))
            for part in request["TransactItems"] for spec in part.values()]


def item_kind(item: dict) -> str:
    """What an item is, for the breakdown of write units: its sort key's first part (`APP`, `LOG`, `MSG`, ...;
    `APP…DETAILS` for an application's details), or its partition key's where the sort key is an id (the outbox)."""
    parts = item.get("SK", {}).get("S", "").split("#")
    if not (parts[0].isalpha() and parts[0].isupper()):
        return item.get("PK", {}).get("S", "").split("#")[0]
    return f"{parts[0]}…{parts[-1]}" if len(parts) > 2 and parts[-1].isalpha() and parts[-1].isupper() else parts[0]


def table_indexes() -> list[tuple[tuple[str, ...], set[str] | None]]:
    """(key attributes, projected attributes or None for all) of each index of the template's table."""
    from infra.local import template as tpl
    table = next(r for r in tpl.read_sam()["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table")
    found = []
    for index in table["Properties"].get("GlobalSecondaryIndexes", []):
        keys = tuple(k["AttributeName"] for k in index["KeySchema"])
        projection = index["Projection"]
        kept = None if projection["ProjectionType"] == "ALL" else {
            "PK", "SK", *keys, *projection.get("NonKeyAttributes", [])}
        found.append((keys, kept))
    return found


class Meter:
    """Counts, per function, what its invocations cost: calls, CPU, DynamoDB units, S3 requests and bytes."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.lock = threading.Lock()
        self._raw = None
        self.indexes = table_indexes()

    def add(self, function: str, what: str, amount: float) -> None:
        with self.lock:
            self.counts[(function, what)] += amount

    def install(self) -> None:
        import boto3
        self.hook(boto3._get_default_session()._session.get_component("event_emitter"))   # every client made after

    def _hooks(self) -> tuple[tuple[str, object], ...]:
        return (("before-call.dynamodb", self._keep_request), ("after-call.dynamodb", self._dynamodb),
                ("before-call.s3", self._s3))

    def hook(self, events) -> None:
        """Count the calls of the clients `events` belongs to (a session's: the clients made after; a client's)."""
        for event, handler in self._hooks():
            events.register(event, handler)

    def unhook(self, events) -> None:
        for event, handler in self._hooks():
            events.unregister(event, handler)

    def _raw_client(self):
        """A client of its own session (no hooks): reads an item back to learn its size after an update."""
        if self._raw is None:
            import botocore.session
            self._raw = botocore.session.Session().create_client(
                "dynamodb", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ["AWS_DEFAULT_REGION"])
        return self._raw

    def _item_now(self, table: str, key: dict) -> dict:
        return self._raw_client().get_item(TableName=table, Key=key, ConsistentRead=True).get("Item") or {}

    def _write_units(self, new: dict, old: dict, factor: int) -> tuple[str, float]:
        """(the item's kind, its units) for a write that turns `old` into `new` (either {}: none): 1 KB units of
        the larger of the two, twice in a transaction, and the writes of each index (_index_units)."""
        units = factor * max(1, math.ceil(max(item_bytes(new), item_bytes(old)) / 1024))
        units += sum(self._index_units(new, old, keys, projected) for keys, projected in self.indexes)
        return item_kind(new) if new else f"{item_kind(old)} (delete)", units

    @staticmethod
    def _index_units(new: dict, old: dict, keys: tuple[str, ...], projected: set[str] | None) -> int:
        """What one index bills (the developer guide's GSI.Writes): an item coming in or leaving, one write of what
        it projects; its index key changing, two (the old entry deleted, the new one put); a change of a projected
        attribute, one; a change of nothing it projects, none."""
        def kept(item: dict) -> dict:
            return item if projected is None else {k: v for k, v in item.items() if k in projected}

        def units(item: dict) -> int:
            return max(1, math.ceil(item_bytes(kept(item)) / 1024))
        was, now = all(k in old for k in keys), all(k in new for k in keys)
        if was and now:
            if any(old[k] != new[k] for k in keys):
                return units(old) + units(new)
            return units(new) if kept(old) != kept(new) else 0
        return units(new) if now else units(old) if was else 0

    def _keep_request(self, params, model, context, **_):
        """The request, and before a write, each item it touches as it is (what DynamoDB bills depends on both)."""
        request = context["biye_request"] = json.loads(params.get("body") or b"{}")
        from infra.local.router import CURRENT_FUNCTION
        if CURRENT_FUNCTION.get() is not None and model.name in WRITES:
            context["biye_before"] = {_key(key): self._item_now(table, key) for table, key in _touched(model.name,
                                                                                                       request)}

    def _dynamodb(self, model, http_response, context, **_):
        from infra.local.router import CURRENT_FUNCTION
        function = CURRENT_FUNCTION.get()
        if function is None or http_response.status_code != 200:
            return
        request, operation = context.get("biye_request", {}), model.name
        self.add(function, "DynamoDB calls", 1)
        if operation in WRITES:
            for kind, units in self._writes(operation, request, context.get("biye_before", {})):
                self.add(function, "WRU", units)
                self.add(function, f"WRU {kind}", units)
        else:
            self.add(function, "RRU", self._reads(operation, request, json.loads(http_response.content or b"{}")))

    def _writes(self, operation: str, request: dict, before: dict) -> list[tuple[str, float]]:
        """(item kind, units) of each item the write touches."""
        def one(table: str, key: dict, new: dict | None, factor: int) -> tuple[str, float]:
            old = before.get(_key(key), {})
            return self._write_units(self._item_now(table, key) if new is None else new, old, factor)
        if operation == "PutItem":
            return [one(request["TableName"], _key_of(request["Item"]), request["Item"], 1)]
        if operation == "UpdateItem":
            return [one(request["TableName"], request["Key"], None, 1)]
        if operation == "DeleteItem":
            return [one(request["TableName"], request["Key"], {}, 1)]
        if operation == "BatchWriteItem":
            return [one(table, _key_of(r["PutRequest"]["Item"]), r["PutRequest"]["Item"], 1) if "PutRequest" in r
                    else one(table, r["DeleteRequest"]["Key"], {}, 1)
                    for table, requests in request["RequestItems"].items() for r in requests]
        units = []
        for part in request["TransactItems"]:
            (kind, spec), = part.items()
            if kind == "Put":
                units.append(one(spec["TableName"], _key_of(spec["Item"]), spec["Item"], 2))
            elif kind == "Update":
                units.append(one(spec["TableName"], spec["Key"], None, 2))
            elif kind == "Delete":
                units.append(one(spec["TableName"], spec["Key"], {}, 2))
            else:                                   # ConditionCheck: the item's size, twice, nothing written
                old = before.get(_key(spec["Key"]), {})
                units.append((f"{item_kind(old or spec['Key'])} (check)",
                              2 * max(1, math.ceil(item_bytes(old) / 1024))))
        return units

    @staticmethod
    def _reads(operation: str, request: dict, answer: dict) -> float:
        """Reads are billed by what they return: 4 KB units, half when eventually consistent, twice in a
        transaction."""
        half = 1 if request.get("ConsistentRead") else 0.5
        if operation == "GetItem":
            return max(1, math.ceil(item_bytes(answer.get("Item") or {}) / 4096)) * half
        if operation in ("Query", "Scan"):
            return max(1, math.ceil(sum(item_bytes(i) for i in answer.get("Items", [])) / 4096)) * half
        if operation == "BatchGetItem":
            return sum(max(1, math.ceil(item_bytes(i) / 4096)) * 0.5
                       for items in answer.get("Responses", {}).values() for i in items)
        if operation == "TransactGetItems":
            return sum(2 * max(1, math.ceil(item_bytes(r.get("Item") or {}) / 4096))
                       for r in answer.get("Responses", []))
        return 0

    def _s3(self, model, params, **_):
        from infra.local.router import CURRENT_FUNCTION
        function = CURRENT_FUNCTION.get()
        if function is None:
            return
        # S3 bills a request by its class; DELETE is free (its pricing page: "DELETE and CANCEL requests are free").
        billed = ("S3 free (DELETE)" if model.name in FREE_S3 else
                  "S3 GET-class" if model.name in ("GetObject", "HeadObject") else "S3 PUT-class")
        self.add(function, billed, 1)
        body = params.get("body")
        if model.name == "PutObject" and isinstance(body, bytes | bytearray):
            self.add(function, "S3 bytes stored", len(body))


# The threads that run a function's code: the router's Lambda workers, and the worker threads Starlette runs
# sync routes on. Not moto's (the AWS endpoint), uvicorn's or the journey's own.
FUNCTION_THREADS = ("lambda", "AnyIO worker")


def function_cpu_ms() -> float:
    """CPU time so far of every thread that runs function code (an invocation at a time: the journey waits for
    each answer, so the difference over one invocation is that invocation's)."""
    total = 0.0
    for thread in threading.enumerate():
        if thread.name.startswith(FUNCTION_THREADS) and thread.ident is not None:
            try:
                total += time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
            except (OSError, ProcessLookupError):
                continue                          # ended meanwhile
    return total * 1000


class MeteredRouter:
    """The local router, timing the CPU each invocation takes in the function's threads."""

    def __init__(self, meter: Meter, site_dir: Path):
        from infra.local.router import LocalRouter
        meter_ = meter

        class Timed(LocalRouter):
            def handler(self, route):
                inner = super().handler(route)

                def timed(event, context):
                    started = function_cpu_ms()
                    try:
                        return inner(event, context)
                    finally:
                        meter_.add(route.function, "invocations", 1)
                        meter_.add(route.function, "CPU ms", function_cpu_ms() - started)
                return timed
        self.app = Timed(site_dir)


def invoke(meter: Meter, function: str, handler, event: dict) -> None:
    """A function the schedule invokes (the sweeper), as Lambda would: its calls counted as its own."""
    import contextvars

    from infra.local.router import CURRENT_FUNCTION
    context = contextvars.copy_context()
    context.run(CURRENT_FUNCTION.set, function)
    started = time.thread_time()
    context.run(handler, event, None)
    meter.add(function, "invocations", 1)
    meter.add(function, "CPU ms", (time.thread_time() - started) * 1000)
