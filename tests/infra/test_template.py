"""template.yaml: valid in the global and both China regions, partition-neutral, and the same keys as the code."""
from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from functions.common.dynamo import keys
from infra.local import template as tpl

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_TEXT = (ROOT / "template.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("region", ["us-east-1", "cn-north-1", "cn-northwest-1"])
def test_cfn_lint_is_clean(region):
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run([str(cfn_lint), "--regions", region, "--", str(ROOT / "template.yaml")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_hard_coded_partition_or_host():
    assert "arn:aws:" not in TEMPLATE_TEXT
    assert "amazonaws.com" not in TEMPLATE_TEXT
    assert "${AWS::Partition}" in TEMPLATE_TEXT or "AWS::Partition" in TEMPLATE_TEXT
    assert "${AWS::URLSuffix}" in TEMPLATE_TEXT


def test_nothing_the_china_partition_lacks():
    sam = tpl.read_sam()
    types = {r["Type"] for r in sam["Resources"].values()}
    assert not {t for t in types if t.startswith(("AWS::Cognito::", "AWS::SES::"))}
    assert "Tracing" not in TEMPLATE_TEXT
    assert "FunctionUrlConfig" not in TEMPLATE_TEXT
    assert "AWS::Lambda::Url" not in TEMPLATE_TEXT
    assert "OriginAccessControl" not in TEMPLATE_TEXT  # China has only origin access identities


def _functions(sam):
    return {name: r for name, r in sam["Resources"].items() if r["Type"] == "AWS::Serverless::Function"}


def test_one_python312_function_per_folder_with_a_mangum_handler():
    sam = tpl.read_sam()
    assert sam["Globals"]["Function"]["Runtime"] == "python3.12"
    handlers = {r["Properties"]["Handler"] for r in _functions(sam).values()}
    assert handlers == {f"functions.{name}.handler.handler" for name in ("eligibility", "photo", "apply")} | {
        "functions.apply.sweeper.handler",   # the scheduled sweeper of owed effects: no HTTP, no Mangum
        "functions.apply.sms.handler.handler"}  # the scheduled SMS sender
    for name in ("eligibility", "photo", "apply"):
        source = (ROOT / "functions" / name / "handler.py").read_text()
        assert 'Mangum(app, lifespan="off")' in source


def test_http_api_uses_the_default_stage_and_routes_each_function():
    sam = tpl.read_sam()
    api = sam["Resources"]["HttpApi"]
    assert api["Properties"]["StageName"] == "$default"
    routes = {(r.function, r.path) for r in tpl.http_routes(sam)}
    assert routes == {("EligibilityFunction", "/api/eligibility/{proxy+}"), ("PhotoFunction", "/api/photo/{proxy+}"),
                      ("ApplyFunction", "/api/apply/{proxy+}"),
                      # the identity check's paths: more specific than the photo function's, so they go here
                      ("IdentityFunction", "/api/photo/identity"), ("IdentityFunction", "/api/photo/identity/{proxy+}"),
                      ("IdentityFunction", "/api/photo/staff/identity"),
                      ("IdentityFunction", "/api/photo/staff/identity/{proxy+}")}
    routed = {path: next(r.function for r in tpl.http_routes(sam) if r.matches(method, path))
              for method, path in (("POST", "/api/photo/identity/check"), ("GET", "/api/photo/staff/identity/1"),
                                   ("POST", "/api/photo/uploads"), ("GET", "/api/photo/staff/photos"))}
    assert routed == {"/api/photo/identity/check": "IdentityFunction",
                      "/api/photo/staff/identity/1": "IdentityFunction",
                      "/api/photo/uploads": "PhotoFunction", "/api/photo/staff/photos": "PhotoFunction"}


def test_policies_are_least_privilege():
    for name, function in _functions(tpl.read_sam()).items():
        for policy in function["Properties"]["Policies"]:
            for statement in policy["Statement"]:
                actions = statement["Action"]
                assert all(a != "*" and not a.endswith(":*") for a in actions), name
                assert statement["Resource"] != "*", name
    # Only the apply function and its sweeper delete (sessions, effects done); no function may scan the table.
    text = re.sub(r"\s+", " ", TEMPLATE_TEXT)
    assert "dynamodb:Scan" not in text
    assert text.count("dynamodb:DeleteItem") == 2


def test_table_keys_are_the_ones_the_code_writes():
    table = tpl.read_sam()["Resources"]["MainTable"]["Properties"]
    schema = {k["KeyType"]: k["AttributeName"] for k in table["KeySchema"]}
    assert (schema["HASH"], schema["RANGE"]) == keys.TABLE_KEYS["table"]
    for index in table["GlobalSecondaryIndexes"]:
        index_schema = {k["KeyType"]: k["AttributeName"] for k in index["KeySchema"]}
        assert (index_schema["HASH"], index_schema["RANGE"]) == keys.TABLE_KEYS[index["IndexName"]]
    assert table["TimeToLiveSpecification"]["AttributeName"] == keys.TTL_ATTRIBUTE
    # GSI3 projects the staff lists' columns and nothing else: the same list the code copies to host entries.
    gsi3 = next(i for i in table["GlobalSecondaryIndexes"] if i["IndexName"] == keys.GSI3)
    assert gsi3["Projection"] == {"ProjectionType": "INCLUDE", "NonKeyAttributes": list(keys.GSI3_ATTRIBUTES)}
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["SSESpecification"]["SSEEnabled"] is True
    # every key builder produces only declared key attributes
    declared = {d["AttributeName"] for d in table["AttributeDefinitions"]}
    builders = [f for name, f in vars(keys).items() if inspect.isfunction(f) and f.__module__ == keys.__name__]
    assert len(builders) >= 20
    for builder in builders:
        item = builder(*["1"] * len(inspect.signature(builder).parameters))
        if isinstance(item, str):
            continue            # a part of a sort key (keys.slot: which application of a batch), not a key
        assert set(item) <= declared


def test_buckets_are_private_and_encrypted():
    resources = tpl.read_sam()["Resources"]
    for name in ("UploadsBucket", "FormsBucket", "SiteBucket"):
        props = resources[name]["Properties"]
        assert all(props["PublicAccessBlockConfiguration"].values()), name
        assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"], name
    cors = resources["UploadsBucket"]["Properties"]["CorsConfiguration"]["CorsRules"][0]
    assert cors["AllowedOrigins"] == [{"Ref": "SiteOrigin"}]
    assert "FormsBucket" in resources and "CorsConfiguration" not in resources["FormsBucket"]["Properties"]


def test_cloudfront_routes_api_to_the_http_api():
    config = tpl.read_sam()["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    api = [b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*"]
    assert api and api[0]["TargetOriginId"] == "api" and api[0]["MaxTTL"] == 0


def test_translated_template_creates_in_moto_with_the_code_keys(stack):
    dynamodb = stack.client("dynamodb")
    description = dynamodb.describe_table(TableName=stack.physical_ids["MainTable"])["Table"]
    schema = {k["KeyType"]: k["AttributeName"] for k in description["KeySchema"]}
    assert (schema["HASH"], schema["RANGE"]) == keys.TABLE_KEYS["table"]
    indexes = {i["IndexName"]: i for i in description["GlobalSecondaryIndexes"]}
    assert set(indexes) == {keys.GSI1, keys.GSI2, keys.GSI3}
    assert indexes[keys.GSI3]["Projection"]["ProjectionType"] == "INCLUDE"
    buckets = {b["Name"] for b in stack.client("s3").list_buckets()["Buckets"]}
    for name in ("UploadsBucket", "FormsBucket", "SiteBucket"):
        assert stack.physical_ids[name] in buckets
    environment = stack.function_environment("ApplyFunction")
    assert environment["BIYE_TABLE"] == stack.physical_ids["MainTable"]
    assert environment["BIYE_UPLOADS_BUCKET"] == stack.physical_ids["UploadsBucket"]
