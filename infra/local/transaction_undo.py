"""A cancelled TransactWriteItems undone item by item, instead of by a copy of every table it names.

Before a transaction moto deep-copies each table it names (once per action), and swaps the copy back in when the
transaction fails. That copy costs what the table weighs: ~5 s at 10,000 applications, ~50 s at 100,000, for each
submit and each staff decision, past the functions' read timeout. Here moto's "backup" is the live table itself
(its swap-back is then a no-op), and each write the transaction makes first remembers the item it replaces (a copy
of that one item, or its absence); when the transaction fails, for whatever reason, those items are put back and
the sorted keys of infra/local/key_index.py follow them. Same rollback, at the cost of the items written.

A table with a stream is still copied whole, as moto does: its stream records are part of what a rollback restores.
"""
from __future__ import annotations

import copy
import threading

_state = threading.local()


def install(reindex) -> None:
    """`reindex(table, hash_key, range_key)` moves an item's index keys to where the item now is."""
    from moto.dynamodb import models
    from moto.dynamodb.models.table import Table
    backend = models.DynamoDBBackend
    if getattr(backend, "_biye_undo", False):
        return
    transact, put_item, delete_item, update_item = (backend.transact_write_items, Table.put_item, Table.delete_item,
                                                    backend.update_item)

    class LiveTablesAsBackup:
        """moto.dynamodb.models' `copy`: during a transaction, a table's backup is the table (see above)."""

        def deepcopy(self, value, *args, **kwargs):
            if getattr(_state, "undo", None) is not None and isinstance(value, Table) and value.stream_shard is None:
                return value
            return copy.deepcopy(value, *args, **kwargs)

        def __getattr__(self, name):
            return getattr(copy, name)

    def transact_write_items(self, *args, **kwargs):
        _state.undo = {}
        try:
            return transact(self, *args, **kwargs)
        except BaseException:
            _undo(_state.undo, reindex)
            raise
        finally:
            _state.undo = None

    def remembering_put(self, item_attrs, *args, **kwargs):
        _remember(self, lambda: _keys(self, item_attrs))
        return put_item(self, item_attrs, *args, **kwargs)

    def remembering_delete(self, hash_key, range_key):
        _remember(self, lambda: (hash_key, range_key))
        return delete_item(self, hash_key, range_key)

    def remembering_update(self, table_name, key, *args, **kwargs):
        if getattr(_state, "undo", None) is not None:
            try:
                table = self.get_table(table_name)
            except Exception:       # moto answers a missing table itself
                table = None
            if table is not None:
                _remember(table, lambda: _keys(table, key))
        return update_item(self, table_name, key, *args, **kwargs)

    models.copy = LiveTablesAsBackup()
    backend.transact_write_items, backend.update_item = transact_write_items, remembering_update
    Table.put_item, Table.delete_item = remembering_put, remembering_delete
    backend._biye_undo = True


def _keys(table, attrs: dict):
    """An item's primary key as moto's put_item and update_item read it from the request."""
    from moto.dynamodb.models.dynamo_type import DynamoType
    hash_key = DynamoType(attrs[table.hash_key_attr])
    return hash_key, DynamoType(attrs[table.range_key_attr]) if table.range_key_attr else None


def _stored(table, hash_key, range_key):
    partition = table.items.get(hash_key)
    return partition if range_key is None or partition is None else partition.get(range_key)


def _remember(table, keys) -> None:
    undo = getattr(_state, "undo", None)
    if undo is None:
        return
    try:
        hash_key, range_key = keys()
        slot = (id(table), hash_key, range_key)
    except Exception:       # a key moto refuses before it writes anything
        return
    if slot not in undo:
        before = _stored(table, hash_key, range_key)
        undo[slot] = (table, hash_key, range_key, None if before is None else copy.deepcopy(before))


def _undo(undo: dict, reindex) -> None:
    for table, hash_key, range_key, before in undo.values():
        if range_key is None:
            if before is None:
                table.items.pop(hash_key, None)
            else:
                table.items[hash_key] = before
        elif before is None:
            table.items.get(hash_key, {}).pop(range_key, None)
        else:
            table.items[hash_key][range_key] = before
        reindex(table, hash_key, range_key)
