"""Sorted keys per partition for one moto DynamoDB table: its base key and each of its indexes.

moto answers a Query by walking every item of the table and sorting what matched. Here each partition keeps its
items' sort keys in a sorted list, in moto's own order, so a Query can cut its partition and its sort-key range
by bisection. infra/local/indexed_query.py keeps these lists current on every write and plans each Query's window.

A sort key is the tuple of the values moto sorts the partition by (`Table._generate_attr_to_sort_by` without the
partition key): `cast_value` of each attribute, as moto compares them (numbers as Decimal, strings as text, binary
as bytes). Key attributes must have the type their AttributeDefinition declares; an item whose index sort
attributes do not is counted `irregular`, and queries of that index go back to moto's walk, which decides what a
mixed-type partition answers.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal


class Irregular(Exception):
    """A key attribute whose type is not its AttributeDefinition's, or whose value moto does not compare alike."""


@dataclass
class KeySpec:
    """How one index (or the base table, name None) places an item: its partition attribute, then the attributes
    moto sorts the partition by, in moto's order."""
    name: str | None
    hash_attr: str
    sort_attrs: tuple[str, ...]            # moto's sort attributes after the partition key
    types: dict[str, str]                  # attribute → S | N | B, from the table's AttributeDefinitions
    parts: dict[object, list[tuple]] = field(default_factory=dict)
    irregular: int = 0

    def copy(self) -> KeySpec:
        return KeySpec(self.name, self.hash_attr, self.sort_attrs, self.types,
                       {p: list(keys) for p, keys in self.parts.items()}, self.irregular)


def native(value, declared: str):
    """The value moto compares for a key attribute of the declared type; Irregular when moto would compare it
    with other types (a mistyped index key) or as something else than the declared type's values."""
    if value.type != declared or not isinstance(value.value, bytes if declared == "B" else str):
        raise Irregular     # moto holds binary as bytes (compared bytewise, as DynamoDB does), the rest as text
    if declared != "N":
        return value.value
    try:
        number = Decimal(value.value)
    except ArithmeticError:
        raise Irregular from None
    if not number.is_finite():
        raise Irregular
    return number


def sort_attributes(table, index) -> tuple[str, ...]:
    """The attributes moto's Table.query sorts an index's partition by, built as it builds them (moto 5.2.5)."""
    from moto.dynamodb.models.table import GlobalSecondaryIndex
    if index is None:
        return tuple(a for a in (table.hash_key_attr, table.range_key_attr) if a)
    hash_keys = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
    range_keys = [k["AttributeName"] for k in index.schema if k["KeyType"] == "RANGE"]
    if range_keys:
        range_attrs = [*range_keys, table.range_key_attr]
    elif table.range_key_attr and isinstance(index, GlobalSecondaryIndex):
        range_attrs = [table.range_key_attr, table.range_key_attr]
    else:
        range_attrs = [table.hash_key_attr, table.range_key_attr]
    return tuple(table._generate_attr_to_sort_by([*hash_keys, table.hash_key_attr], range_attrs))


def specs_of(table) -> list[KeySpec] | None:
    """One spec for the base table and one per index with a single partition attribute and at most one sort
    attribute; None when the table has an index this does not place (multi-attribute keys): moto answers it."""
    types = {a["AttributeName"]: a["AttributeType"] for a in table.attr}
    specs = [KeySpec(None, table.hash_key_attr, sort_attributes(table, None)[1:], types)]
    for index in table.all_indexes():
        kinds = [k["KeyType"] for k in index.schema]
        if kinds.count("HASH") != 1 or kinds.count("RANGE") > 1:
            return None
        attrs = sort_attributes(table, index)
        if any(a not in types for a in attrs):
            return None
        specs.append(KeySpec(index.name, attrs[0], attrs[1:], types))
    return specs


def signature(table) -> tuple:
    """What the specs were built from: a schema or definition change (UpdateTable) makes them stale."""
    definitions = tuple((a["AttributeName"], a["AttributeType"]) for a in table.attr)
    return (table.hash_key_attr, table.range_key_attr, definitions,
            tuple((i.name, tuple((k["AttributeName"], k["KeyType"]) for k in i.schema)) for i in table.all_indexes()))


class TableIndex:
    """Every spec's sorted partitions, and for each stored item where it sits, so a write moves only its own keys.

    `items` is the moto dict it indexes: a table whose items were replaced (a restored table) is rebuilt. Deep
    copies (moto's transaction backup) copy the lists and share the immutable keys, so a rolled-back table comes
    back with the index of its own items."""

    def __init__(self, table, specs: list[KeySpec]):
        self.items = table.items
        self.signature = signature(table)
        self.specs = specs
        self.placed: dict[tuple, tuple] = {}           # primary key → (hash DynamoType, range, placements)
        for stored in list(table.items.values()):
            for item in (list(stored.values()) if isinstance(stored, dict) else [stored]):
                self._place(table, item, insort=False)
        for spec in specs:
            for keys in spec.parts.values():
                keys.sort()

    def fresh_for(self, table) -> bool:
        return self.items is table.items and self.signature == signature(table)

    def __deepcopy__(self, memo):
        import copy
        clone = TableIndex.__new__(TableIndex)
        clone.items = copy.deepcopy(self.items, memo)
        clone.signature, clone.specs, clone.placed = self.signature, [s.copy() for s in self.specs], dict(self.placed)
        memo[id(self)] = clone
        return clone

    def reindex(self, table, hash_key, range_key) -> None:
        """The item at this primary key was written, updated or deleted: move its keys to where it is now."""
        primary = _primary(hash_key, range_key)
        if primary is None:
            return
        old = self.placed.pop(primary, None)
        if old is not None:
            for spec, placement in zip(self.specs, old[2], strict=True):
                self._unplace(spec, placement)
        partition = table.items.get(hash_key)
        item = partition if range_key is None or partition is None else partition.get(range_key)
        if item is not None and not isinstance(item, dict):
            self._place(table, item, insort=True)

    def _place(self, table, item, insort: bool) -> None:
        primary = _primary(item.hash_key, item.range_key)
        if primary is None:
            return
        placements = tuple(_placement(spec, item, table) for spec in self.specs)
        for spec, placement in zip(self.specs, placements, strict=True):
            if placement is IRREGULAR:
                spec.irregular += 1
            elif placement is not None:
                keys = spec.parts.setdefault(placement[0], [])
                if insort:
                    bisect.insort(keys, placement[1])
                else:
                    keys.append(placement[1])
        self.placed[primary] = (item.hash_key, item.range_key, placements)

    @staticmethod
    def _unplace(spec: KeySpec, placement) -> None:
        if placement is IRREGULAR:
            spec.irregular -= 1
        elif placement is not None:
            keys = spec.parts[placement[0]]
            del keys[bisect.bisect_left(keys, placement[1])]
            if not keys:
                del spec.parts[placement[0]]

    def item_at(self, table, spec: KeySpec, partition, key: tuple):
        """The stored item a partition's sort key stands for (the base table's sort key is its range key; an
        index's ends with the table's own key attributes)."""
        if spec.name is None:
            primary = (partition, *key) if table.range_key_attr else (partition, None)
        else:
            ends = dict(zip(spec.sort_attrs, key, strict=True))
            primary = (ends[table.hash_key_attr], ends[table.range_key_attr] if table.range_key_attr else None)
        hash_key, range_key, _ = self.placed[primary]
        stored = table.items[hash_key]
        return stored if range_key is None else stored[range_key]


IRREGULAR = object()


def _primary(hash_key, range_key) -> tuple | None:
    try:
        return (hash_key.cast_value, None if range_key is None else range_key.cast_value)
    except Exception:   # a key moto cannot even cast: never in an index, moto's walk answers for it
        return None


def _placement(spec: KeySpec, item, table):
    """(partition, sort key) of an item in one spec; None when the item is not in that index (sparse index: a key
    attribute missing), IRREGULAR when its key attributes are mistyped."""
    attrs = item.attrs
    if spec.name is None:
        # moto filters the base table by item.hash_key and sorts by item.range_key, but compares a range condition
        # against the attribute: both must agree for a bisection to find what moto's walk finds.
        stored_hash, stored_range = attrs.get(table.hash_key_attr), attrs.get(table.range_key_attr)
        if stored_hash is None or stored_hash != item.hash_key or (
                table.range_key_attr and (stored_range is None or stored_range != item.range_key)):
            return IRREGULAR
    hash_value = attrs.get(spec.hash_attr)
    if hash_value is None or any(a not in attrs for a in spec.sort_attrs):
        return None
    try:
        partition = native(hash_value, spec.types[spec.hash_attr])
    except Irregular:
        return None      # a mistyped partition value: only a query of that wrong type finds it, and moto answers those
    except Exception:
        return IRREGULAR
    try:
        return partition, tuple(native(attrs[a], spec.types[a]) for a in spec.sort_attrs)
    except Exception:
        return IRREGULAR
