"""The embedded stack's transactions behave as DynamoDB's: all or nothing (a cancelled one is undone item by item
here, infra/local/transaction_undo.py), and fast enough to write through the real code in tests."""
from __future__ import annotations

import pytest

from functions.common.dynamo.transact import put, write_all
from functions.common.errors import Conflict


def test_a_failed_transaction_leaves_nothing_of_itself(table):
    first = {"PK": "TXTEST#a", "SK": "X", "n": 1}
    existing = {"PK": "TXTEST#b", "SK": "X", "n": 1}
    table.put_item(Item=existing)
    with pytest.raises(Conflict):
        write_all(table, [put(table, first), put(table, {**first, "SK": "Y"}),
                          put(table, {**existing, "n": 2}, "attribute_not_exists(PK)")], "conflict")
    assert "Item" not in table.get_item(Key={"PK": "TXTEST#a", "SK": "X"})
    assert "Item" not in table.get_item(Key={"PK": "TXTEST#a", "SK": "Y"})
    assert table.get_item(Key={"PK": "TXTEST#b", "SK": "X"})["Item"]["n"] == 1
    write_all(table, [put(table, first), put(table, {**existing, "n": 2}, "n = :n", {":n": 1})], "conflict")
    assert table.get_item(Key={"PK": "TXTEST#a", "SK": "X"})["Item"]["n"] == 1
    assert table.get_item(Key={"PK": "TXTEST#b", "SK": "X"})["Item"]["n"] == 2
