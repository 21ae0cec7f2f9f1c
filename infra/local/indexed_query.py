"""moto's DynamoDB Query by key: the partition and the sort-key range found by bisection, not by walking the table.

moto 5.2.5's Table.query walks and sorts every item of the table (or of the index) on each call: a staff queue page
over 100,000 applications took seconds. Here every write moves its item's keys in sorted lists per partition
(infra/local/key_index.py), and a Query hands moto's own Table.query only the window of its partition it can
reach: the items from the ExclusiveStartKey on, within the key condition, up to Limit, plus the one item after
them that tells moto there is more (its LastEvaluatedKey). moto then does everything else as before (the key
checks, sorting, paging, size limit, Count/ScannedCount, projection, filters, errors), so its answers are its
answers; tests/integration/test_indexed_query.py holds both against each other.

What moto answers in ways a window cannot reproduce goes to moto's walk unchanged: the legacy QueryFilter and
non-key KeyConditions (moto adds items outside the key range then), multi-attribute index keys, mistyped key
values, a malformed ExclusiveStartKey or Limit. moto does not expire items by TTL, so no write path is missing.

The patch is written against moto's internals and refuses to start on another moto than WRITTEN_FOR.
"""
from __future__ import annotations

import bisect
import contextlib
import threading
from operator import itemgetter

from . import index_projection, query_response
from .key_index import Irregular, KeySpec, TableIndex, native, specs_of

WRITTEN_FOR = "5.2.5"
# moto stores items of at most 405,000 bytes and stops a page at 1,000,000: while a page's items weigh at most
# the difference, no item after the key range can end it, so the window may stop at the range's end.
_MOTO_ITEM_LIMIT, _MOTO_PAGE_BYTES = 405_000, 1_000_000
_RANGE_ARITY = {"=": 1, "<": 1, "<=": 1, ">": 1, ">=": 1, "BEGINS_WITH": 1, "BETWEEN": 2}

_state = threading.local()
_settings = {"indexed": True, "lock": None}
answered = {"by key": 0, "by moto's walk": 0}     # how queries were answered since start (for tests and benches)
_first = itemgetter(0)


def check_moto_version() -> None:
    import moto
    if moto.__version__ != WRITTEN_FOR:
        raise RuntimeError(
            f"本地栈: infra/local/indexed_query.py 按 moto {WRITTEN_FOR} 的内部结构编写，当前安装的是 moto "
            f"{moto.__version__}。请按锁定文件重新安装（make install），或对照新版 moto 的 Table.query 更新该补丁。")


@contextlib.contextmanager
def moto_walk():
    """Queries answered by moto's own walk while inside: the baseline the benchmark and the tests compare with."""
    _settings["indexed"] = False
    try:
        yield
    finally:
        _settings["indexed"] = True


def install(lock) -> None:
    """Patch moto's Table and backend once; `lock` is the one moto's writes already hold (stack.py)."""
    check_moto_version()
    index_projection.install()
    query_response.install()
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.table import Table
    if getattr(Table, "_biye_indexed", False):
        return
    _settings["lock"] = lock
    query, all_items, put_item, delete_item = Table.query, Table.all_items, Table.put_item, Table.delete_item
    update_item = DynamoDBBackend.update_item

    def indexed_query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
                      projection_expressions, index_name=None, consistent_read=False, filter_expression=None,
                      hash_key_conditions=None, range_key_conditions=None, **filter_kwargs):
        args = (self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
                projection_expressions, index_name, consistent_read, filter_expression)
        keys = {"hash_key_conditions": hash_key_conditions, "range_key_conditions": range_key_conditions}
        window = None
        if _settings["indexed"] and not filter_kwargs:
            window = _window(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                             scan_index_forward, index_name, hash_key_conditions or [], range_key_conditions or [])
        if window is None:
            answered["by moto's walk"] += 1
            return query(*args, **keys, **filter_kwargs)
        answered["by key"] += 1
        _state.window = (self, window)
        try:
            return query(*args, **keys)
        finally:
            _state.window = None

    def windowed_all_items(self):
        window = getattr(_state, "window", None)
        return list(window[1]) if window is not None and window[0] is self else all_items(self)

    def indexed_put_item(self, *args, **kwargs):
        item = put_item(self, *args, **kwargs)
        reindex(self, item.hash_key, item.range_key)
        return item

    def indexed_delete_item(self, hash_key, range_key):
        try:
            return delete_item(self, hash_key, range_key)
        finally:
            reindex(self, hash_key, range_key)

    def indexed_update_item(self, table_name, key, *args, **kwargs):
        # moto updates the stored item in place; whatever it did (even half an update that then failed), the index
        # follows the item as it now is.
        try:
            return update_item(self, table_name, key, *args, **kwargs)
        finally:
            _reindex_key(self, table_name, key)

    Table.query, Table.all_items = indexed_query, windowed_all_items
    Table.put_item, Table.delete_item = indexed_put_item, indexed_delete_item
    DynamoDBBackend.update_item = indexed_update_item
    Table._biye_indexed = True


def _index_of(table) -> TableIndex | None:
    """The table's index, built on first use and again when its items or its schema were replaced."""
    index = table.__dict__.get("_biye_index")
    if index is not None and index.fresh_for(table):
        return index
    specs = specs_of(table)
    index = None if specs is None else TableIndex(table, specs)
    table.__dict__["_biye_index"] = index
    return index


def reindex(table, hash_key, range_key) -> None:
    with _settings["lock"]:
        index = _index_of(table)
        if index is not None:
            index.reindex(table, hash_key, range_key)


def _reindex_key(backend, table_name, key) -> None:
    """The stored item moto's update_item addressed, found as update_item finds it."""
    from moto.dynamodb.models.dynamo_type import DynamoType
    try:
        table = backend.get_table(table_name)
        if table.hash_key_attr in key and table.range_key_attr in key:
            hash_key, range_key = DynamoType(key[table.hash_key_attr]), DynamoType(key[table.range_key_attr])
        elif table.hash_key_attr in key:
            hash_key, range_key = DynamoType(key[table.hash_key_attr]), None
        else:
            hash_key, range_key = DynamoType(key), None
    except Exception:   # a key moto refused before it touched anything
        return
    reindex(table, hash_key, range_key)


def _window(table, hash_key, comparison, range_objs, limit, start_key, forward, index_name, hash_conditions,
            range_conditions) -> list | None:
    """The items moto's walk would reach, in its order; None to let moto walk (what this does not reproduce)."""
    if (limit is not None and (type(limit) is not int or limit < 1)) or type(forward) is not bool:
        return None
    with _settings["lock"]:
        index = _index_of(table)
        spec = next((s for s in index.specs if s.name == index_name), None) if index is not None else None
        if spec is None or spec.irregular:
            return None
        if index_name is None:
            range_attr = table.range_key_attr
        else:
            if [name for name, _ in hash_conditions] != [spec.hash_attr]:
                return None
            hash_key = hash_conditions[0][1]
            range_attr = next((k["AttributeName"] for k in table.get_index(index_name).schema
                               if k["KeyType"] == "RANGE"), None)
        if comparison or range_conditions:
            # moto compares the condition against this attribute, and the partition must be sorted by it first
            if range_attr is None or spec.sort_attrs[:1] != (range_attr,) or len(range_conditions) > 1 or (
                    range_conditions and range_conditions[0][0] != range_attr):
                return None
        if hash_key is None:
            return None
        try:
            partition = native(hash_key, spec.types[spec.hash_attr])
            keys = spec.parts.get(partition, [])
            bounds = _range_bounds(keys, comparison, range_objs, spec.types.get(range_attr)) if comparison else (
                0, len(keys))
            skipped = _after_start_key(keys, spec, partition, start_key, forward) if start_key is not None else None
        except Irregular:
            return None
        if bounds is None:
            return None
        chosen = _cut(keys, bounds, skipped, limit, forward, lambda ks: _weight(index, table, spec, partition, ks))
        return [index.item_at(table, spec, partition, key) for key in chosen]


def _range_bounds(keys: list[tuple], comparison: str, range_objs, declared: str | None) -> tuple[int, int] | None:
    """[lo, hi) of the partition's keys whose sort value meets the key condition, as moto's compare decides."""
    if declared is None or _RANGE_ARITY.get(comparison) != len(range_objs):
        return None
    values = [native(v, declared) for v in range_objs]
    n, v = len(keys), values[0]
    if comparison == "=":
        return bisect.bisect_left(keys, v, key=_first), bisect.bisect_right(keys, v, key=_first)
    if comparison in ("<", "<="):
        return 0, (bisect.bisect_left if comparison == "<" else bisect.bisect_right)(keys, v, key=_first)
    if comparison in (">", ">="):
        return (bisect.bisect_right if comparison == ">" else bisect.bisect_left)(keys, v, key=_first), n
    if comparison == "BETWEEN":
        lo, hi = bisect.bisect_left(keys, v, key=_first), bisect.bisect_right(keys, values[1], key=_first)
        return lo, max(lo, hi)
    if declared == "N":
        return None      # moto fails begins_with on a number; let it
    # Sort values with a prefix are contiguous, and their truncations to the prefix's length sort alike.
    lo = bisect.bisect_left(keys, v, key=_first)
    return lo, max(lo, bisect.bisect_right(keys, v, key=lambda k: k[0][:len(v)]))


def _after_start_key(keys: list[tuple], spec: KeySpec, partition, start_key, forward: bool) -> int:
    """Where moto's walk stops skipping the previous page: forward, the first key after ExclusiveStartKey; backward,
    the end of the keys before it. moto compares partition key first, then the sort attributes, attribute by
    attribute (Table._item_comes_before_dct)."""
    if not isinstance(start_key, dict):
        raise Irregular
    from moto.dynamodb.models.dynamo_type import DynamoType
    values = []
    for attr in (spec.hash_attr, *spec.sort_attrs):
        value = start_key.get(attr)
        if not isinstance(value, dict) or len(value) != 1:
            raise Irregular
        values.append(native(DynamoType(value), spec.types[attr]))
    if values[0] != partition:
        after_all = values[0] < partition     # the start key's partition sorts before this one: nothing skipped
        return (0 if after_all else len(keys)) if forward else (len(keys) if not after_all else 0)
    rest = tuple(values[1:])
    return bisect.bisect_right(keys, rest) if forward else bisect.bisect_left(keys, rest)


def _cut(keys, bounds, skipped, limit, forward, weight) -> list[tuple]:
    """The keys moto's walk visits, ascending (moto sorts and reverses them itself)."""
    lo, hi = bounds
    n = len(keys)
    if forward:
        start = lo if skipped is None else max(lo, skipped)
        end = hi if limit is None else min(hi, start + limit)
        start = min(start, end)
        chosen = keys[start:end]
        if limit is not None and end - start == limit:
            return chosen + keys[end:end + 1]          # the next item: moto answers a LastEvaluatedKey
        return chosen + (keys[hi:] if hi < n and weight(chosen) > _MOTO_PAGE_BYTES - _MOTO_ITEM_LIMIT else [])
    end = hi if skipped is None else min(hi, skipped)
    begin = lo if limit is None else max(lo, end - limit)
    end = max(begin, end)
    chosen = keys[begin:end]
    if limit is not None and end - begin == limit:
        return keys[max(begin - 1, 0):begin] + chosen
    return (keys[:lo] if lo > 0 and weight(chosen) > _MOTO_PAGE_BYTES - _MOTO_ITEM_LIMIT else []) + chosen


def _weight(index: TableIndex, table, spec: KeySpec, partition, keys: list[tuple]) -> int:
    return sum(index.item_at(table, spec, partition, key).size() for key in keys)
