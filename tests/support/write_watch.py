"""What the functions write to DynamoDB while serving each request of a walk's clients (test_audit_walk,
test_read_walk): every write call is watched (aws_calls.WATCHERS) and each request keeps the writes made while it
was served (httpx event hooks on the clients), with its route found again from the apps' route tables."""
from __future__ import annotations

import re
from collections.abc import Iterator

from functions.common.dynamo import keys
from support import aws_calls


class Seen:
    """One request of a watched client: how it was answered and the table writes made while serving it."""

    def __init__(self, method: str, path: str, status: int, text: str, writes: list[dict]):
        self.method, self.path, self.status, self.text, self.writes = method, path, status, text, writes

    def log_entries(self) -> list[dict]:
        """The audit-log items this request put."""
        return [w["item"] for w in self.writes if w["sk"].startswith("LOG#") and w["item"]]


def plain(v):
    """An attribute as the call carries it: plain (the resource layer) or typed ({"S": ...})."""
    if isinstance(v, dict) and len(v) == 1 and next(iter(v)) in ("S", "N", "M", "L", "BOOL", "NULL"):
        kind, inner = next(iter(v.items()))
        if kind == "M":
            return {k: plain(x) for k, x in inner.items()}
        if kind == "L":
            return [plain(x) for x in inner]
        return inner
    return v


def written(operation: str, params: dict) -> list[dict]:
    """[{"pk", "sk", "item": the item put or None}] for every item a DynamoDB write touches."""
    parts = []
    if operation == "TransactWriteItems":
        for action in params.get("TransactItems", []):
            parts += [part for kind, part in action.items() if kind in ("Put", "Update", "Delete")]
    elif operation in ("PutItem", "UpdateItem", "DeleteItem"):
        parts.append(params)
    elif operation == "BatchWriteItem":
        for requests in params.get("RequestItems", {}).values():
            parts += [r.get("PutRequest") or r.get("DeleteRequest") for r in requests]
    answer = []
    for part in parts:
        item = part.get("Item")
        key = {k: plain(v) for k, v in (item or part.get("Key") or {}).items()}
        answer.append({"pk": key.get(keys.PK, ""), "sk": key.get(keys.SK, ""),
                       "item": {k: plain(v) for k, v in item.items()} if item else None})
    return answer


def watching() -> Iterator[list]:
    """For a module fixture: the list the watched clients' requests go to (its first element is the buffer of the
    request being served)."""
    buffer: list[dict] = []

    def watch(service, operation, params):
        if service == "dynamodb":
            buffer.extend(written(operation, params))
    aws_calls.WATCHERS.append(watch)
    try:
        yield [buffer]
    finally:
        aws_calls.WATCHERS.remove(watch)


def watched(client, seen):
    """`client`, its requests kept in `seen` (a `watching()` list) with the writes made while serving each."""
    buffer = seen[0]

    def before(request):
        buffer.clear()

    def after(response):
        response.read()
        # a redirect's answer is where it sends the browser (a file route's fresh signed link)
        text = response.headers.get("location", "") if response.is_redirect else response.text
        seen.append(Seen(response.request.method, response.request.url.path, response.status_code, text,
                         list(buffer)))
    client.event_hooks = {"request": [before], "response": [after]}
    return client


def route_of(routes, method: str, path: str):
    """The route template a request path matches: the most literal one (…/exceptions/preview before …/{id})."""
    matching = [r for r in routes if r.method == method and re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", r.path), path)]
    return min(matching, key=lambda r: r.path.count("{"), default=None)
