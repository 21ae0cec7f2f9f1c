"""The embedded stack keeps the DynamoDB guarantees the code relies on: a transaction retried with the same
ClientRequestToken (as botocore retries after a timeout) succeeds once and writes once; another token is a new
transaction, whose conditions then fail."""
from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


def test_a_retried_transaction_with_the_same_token_is_applied_once(table):
    client = table.meta.client
    put = {"Put": {"TableName": table.name, "Item": {"PK": "TOKENTEST#1", "SK": "X", "n": 1},
                   "ConditionExpression": "attribute_not_exists(PK)"}}
    count = {"Update": {"TableName": table.name, "Key": {"PK": "TOKENTEST#COUNT", "SK": "X"},
                        "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": 1}}}
    for _ in range(3):
        client.transact_write_items(TransactItems=[put, count], ClientRequestToken="retry-of-one-call")
    assert table.get_item(Key={"PK": "TOKENTEST#COUNT", "SK": "X"})["Item"]["n"] == 1
    with pytest.raises(ClientError) as refused:
        client.transact_write_items(TransactItems=[put, count], ClientRequestToken="a-new-call")
    assert refused.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert table.get_item(Key={"PK": "TOKENTEST#COUNT", "SK": "X"})["Item"]["n"] == 1
