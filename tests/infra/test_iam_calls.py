"""The IAM check the test run applies to every AWS call a function makes (tests/conftest.py, check_aws_calls):
the policies are read from the translated template with their resource ARNs, calls are named as IAM names them,
and what a function's role does not hold is refused. The calls below are ones the functions make (or must never)."""
from __future__ import annotations

import pytest
from support.aws_calls import iam_calls
from support.iam_policies import Call, allowed

TABLE = "arn:aws:dynamodb:REGION:ACCOUNT:table/MainTable"


@pytest.mark.parametrize("call", [
    Call("PhotoFunction", "dynamodb:BatchGetItem", TABLE),     # names in the 安徽 photo and 山西 identity queues
    Call("PhotoFunction", "dynamodb:Query", TABLE + "/index/GSI2"),
    Call("PhotoFunction", "s3:GetObject", "arn:aws:s3:::UploadsBucket/uploads/abc"),
    Call("ApplyFunction", "dynamodb:UpdateItem", TABLE),
    Call("ApplyFunction", "s3:PutObject", "arn:aws:s3:::FormsBucket/forms/x.pdf"),
    Call("EligibilityFunction", "dynamodb:GetItem", TABLE),
])
def test_calls_the_functions_make_are_allowed(call):
    assert allowed(call)


@pytest.mark.parametrize("call", [
    Call("PhotoFunction", "dynamodb:DeleteItem", TABLE),             # the photo function only puts whole items
    Call("PhotoFunction", "dynamodb:Query", TABLE + "/index/GSI1"),
    Call("PhotoFunction", "s3:GetObject", "arn:aws:s3:::FormsBucket/forms/x.pdf"),
    Call("EligibilityFunction", "s3:GetObject", "arn:aws:s3:::UploadsBucket/uploads/abc"),
    Call("EligibilityFunction", "dynamodb:DeleteItem", TABLE),
    Call("ApplyFunction", "dynamodb:Scan", TABLE),
    Call("ApplyFunction", "dynamodb:GetItem", "arn:aws:dynamodb:REGION:ACCOUNT:table/SomeOtherTable"),
])
def test_calls_outside_a_functions_policies_are_refused(call):
    assert not allowed(call)


def test_calls_are_named_as_iam_checks_them():
    transaction = {"TransactItems": [{"Put": {"TableName": "t"}}, {"ConditionCheck": {"TableName": "t"}}]}
    assert [a for a, _ in iam_calls("dynamodb", "TransactWriteItems", transaction)] == [
        "dynamodb:PutItem", "dynamodb:ConditionCheckItem"]
    assert iam_calls("dynamodb", "Query", {"TableName": "t", "IndexName": "GSI2"})[0][1].endswith("t/index/GSI2")
    assert iam_calls("s3", "HeadObject", {"Bucket": "b", "Key": "k/1"}) == [("s3:GetObject", "arn:aws:s3:::b/k/1")]
