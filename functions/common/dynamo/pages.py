"""Cursor pages over one or more key ranges of an index, read one after the other.

A list a member of staff sees may span several key ranges (a city office with three counties, a university that
hosts under two names, "every stage"): each is a `Source` (a partition, and a sort-key prefix within it), read in
order. The cursor names the source and the key after which to go on, so a deep page costs what the first does.

Filters are DynamoDB filter expressions: they are applied after the read, so a selective filter may need several
reads to fill a page; `MAX_READS` bounds one request, and a short page still carries a cursor to go on with.
A cursor is sealed (common/sealed.py): unreadable (no table key shows) and bound to who asked and to the list's
index and sources, so an edited cursor, one made by hand, or one from another list or another person is refused
(BAD_CURSOR, a 422), never followed elsewhere. Once opened it is still checked against the sources it belongs to.
The key is made at random by whichever container needs it first and kept in the table (keys.cursor_key), like the
payment sandbox's: nothing in the template, the same key for every container, and one read per container.
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from boto3.dynamodb.conditions import Key

from functions.common.errors import BadInput
from functions.common.sealed import open_sealed, seal

from . import keys

MAX_READS = 8                  # DynamoDB reads per request (each at most 1 MB)
FILTERED_READ = 400            # items examined per read when a filter may drop most of them
BAD_CURSOR = "翻页参数无效，请回到第一页重新查看"


@dataclass(frozen=True)
class Source:
    partition: str
    prefix: str = ""


@dataclass(frozen=True)
class Page:
    items: list
    cursor: str | None         # None: nothing more


@dataclass(frozen=True)
class Binding:
    """What a cursor is sealed with and for: the key, and who asked for which list (the index and its sources)."""
    key: bytes
    context: bytes

    @classmethod
    def of(cls, key: bytes, asked_by: str, list_name: str, index: str, sources: list[Source]) -> Binding:
        listed = [asked_by, list_name, index, [[s.partition, s.prefix] for s in sources]]
        return cls(key, json.dumps(listed, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


_KEYS: dict[str, bytes] = {}     # table name: its cursor key, for the container's life


def cursor_key(table) -> bytes:
    """The table's cursor key, made at random by whichever container asks first (a conditional put)."""
    if table.name not in _KEYS:
        item = {**keys.cursor_key(), "kind": "config", "secret": secrets.token_hex(32)}
        try:
            table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
        except table.meta.client.exceptions.ConditionalCheckFailedException:
            item = table.get_item(Key=keys.cursor_key(), ConsistentRead=True)["Item"]
        _KEYS[table.name] = bytes.fromhex(item["secret"])
    return _KEYS[table.name]


def encode(source: int, key: dict | None, binding: Binding) -> str:
    doc = {"s": source} if key is None else {"s": source, "k": key}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return seal(binding.key, text.encode("utf-8"), binding.context)


def decode(cursor: str, binding: Binding, sources: list[Source], key_names: tuple[str, ...], pk: str,
           sk: str) -> tuple[int, dict | None]:
    """(source index, exclusive start key or None), or BadInput when the cursor was not sealed for this person and
    list, or does not belong to these sources."""
    opened = open_sealed(binding.key, cursor, binding.context)
    if opened is None:
        raise BadInput(BAD_CURSOR, field="cursor")
    try:
        raw = json.loads(opened.decode("utf-8"))
        source, key = int(raw["s"]), raw.get("k")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise BadInput(BAD_CURSOR, field="cursor") from None
    if not 0 <= source < len(sources):
        raise BadInput(BAD_CURSOR, field="cursor")
    if key is not None and not (isinstance(key, dict) and set(key) == set(key_names)
                                and all(isinstance(v, str) for v in key.values())
                                and key[pk] == sources[source].partition
                                and key[sk].startswith(sources[source].prefix)):
        raise BadInput(BAD_CURSOR, field="cursor")
    return source, key


def read_page(table, index: str, key_names: tuple[str, ...], sources: list[Source], limit: int,
              cursor: str | None = None, filter_expression=None, keep: Callable[[dict, int], bool] | None = None,
              projection: str | None = None, *, asked_by: str, list_name: str = "") -> Page:
    """Up to `limit` items from the sources in order, after `cursor`. `key_names`: the table's and the index's key
    attributes (what a cursor holds), the index's partition and sort key last. `keep(item, source)`: a last
    say per item (e.g. to show once what two sources both hold). `asked_by`: whose list it is (a staff account
    id), `list_name`: what the key ranges do not say of the list (its filters): the cursors given out open for
    that person only, on this list only.

    A cursor is given only when there is more to show: the read looks one kept item past the page, so a list of
    exactly `limit` rows has no 下一页 leading to an empty page. Reads of empty ranges (a university's list spans
    stages × its names) do not count against `MAX_READS`, and a page is never returned empty with a cursor."""
    pk, sk = key_names[-2], key_names[-1]
    binding = Binding.of(cursor_key(table), asked_by, list_name, index, sources)
    index_at, start = decode(cursor, binding, sources, key_names, pk, sk) if cursor else (0, None)
    items: list = []
    last: tuple[int, dict] | None = None      # (source, key) of the page's last item: where the next page starts
    reads = 0
    while index_at < len(sources):
        source = sources[index_at]
        condition = Key(pk).eq(source.partition)
        if source.prefix:
            condition &= Key(sk).begins_with(source.prefix)
        request = {"IndexName": index, "KeyConditionExpression": condition,
                   "Limit": FILTERED_READ if filter_expression is not None else limit + 1 - len(items)}
        if filter_expression is not None:
            request["FilterExpression"] = filter_expression
        if projection:
            request["ProjectionExpression"] = ", ".join((projection, *key_names))
        if start:
            request["ExclusiveStartKey"] = start
        answer = table.query(**request)
        reads += 1 if answer.get("ScannedCount", len(answer["Items"])) else 0
        for item in answer["Items"]:
            if keep is not None and not keep(item, index_at):
                continue
            if len(items) == limit:
                # One more exists: go on after the page's last item, not after the read.
                return Page(items, encode(*last, binding)) if last else Page(items, None)
            items.append(item)
            last = (index_at, {k: item[k] for k in key_names})
        start = answer.get("LastEvaluatedKey")
        if start is None:
            index_at += 1
        if reads >= MAX_READS and items and index_at < len(sources):
            return Page(items, encode(index_at, start, binding))
    return Page(items, None)
