"""Operations in the template (issue 16 item 7): logs kept at least 180 days (the network-log minimum), API and
CloudFront access logs, alarms on what goes wrong before a deadline to one topic, the deadline's limits, a versioned
uploads bucket, and a restored table the functions can be switched to. Read from the SAM-translated template, as
AWS would create it; the metrics the alarms watch are checked where the code writes them."""
from __future__ import annotations

import json
import os

import pytest

from functions.common import metrics
from functions.common.settings import Settings
from infra.local import template as tpl

PARAMETERS = {"Province": "hubei", "Stage": "prod", "SiteOrigin": "https://grad.zk.cn"}


@pytest.fixture(scope="module")
def cfn():
    os.environ.setdefault("AWS_DEFAULT_REGION", "cn-north-1")   # SAM's translator asks boto3 for a region
    return tpl.translate(tpl.read_sam(), PARAMETERS)["Resources"]


def of_type(resources: dict, kind: str) -> dict:
    return {k: v["Properties"] for k, v in resources.items() if v["Type"] == kind}


def test_every_function_and_the_api_log_for_at_least_180_days(cfn):
    groups = of_type(cfn, "AWS::Logs::LogGroup")
    assert all(g["RetentionInDays"] >= 180 for g in groups.values())
    named = {json.dumps(g.get("LogGroupName")) for g in groups.values()}
    for function in of_type(cfn, "AWS::Lambda::Function"):
        assert any(function in name for name in named), function
    stage = next(iter(of_type(cfn, "AWS::ApiGatewayV2::Stage").values()))
    assert stage["AccessLogSettings"]["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogs", "Arn"]}
    limits = stage["DefaultRouteSettings"]
    assert limits["ThrottlingRateLimit"] and limits["ThrottlingBurstLimit"]
    logging = cfn["Distribution"]["Properties"]["DistributionConfig"]["Logging"]
    assert logging["Bucket"] == {"Fn::GetAtt": ["LogsBucket", "DomainName"]}
    assert cfn["LogsBucket"]["Properties"]["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"] >= 180


def test_alarms_watch_what_goes_wrong_and_tell_the_province(cfn):
    alarms = of_type(cfn, "AWS::CloudWatch::Alarm")
    watched = {(a["Namespace"] if isinstance(a["Namespace"], str) else "Biye", a["MetricName"])
               for a in alarms.values()}
    assert {("AWS/ApiGateway", "5xx"), ("AWS/Lambda", "Errors"), ("AWS/Lambda", "Throttles"),
            ("AWS/DynamoDB", "ReadThrottleEvents"), ("AWS/DynamoDB", "WriteThrottleEvents"),
            ("Biye", "EffectsLeft"), ("Biye", "PaymentCallbackRefused")} <= watched
    assert all(a["AlarmActions"] == [{"Ref": "AlarmTopic"}] for a in alarms.values())
    errors = {a["Dimensions"][0]["Value"]["Ref"] for a in alarms.values() if a["MetricName"] == "Errors"}
    assert errors == set(of_type(cfn, "AWS::Lambda::Function"))
    filters = {f["MetricTransformations"][0]["MetricName"]: f["FilterPattern"]
               for f in of_type(cfn, "AWS::Logs::MetricFilter").values()}
    assert metrics.EFFECTS_LEFT in filters["EffectsLeft"]
    assert metrics.PAYMENT_CALLBACK_REFUSED in filters["PaymentCallbackRefused"]


def test_the_metric_lines_are_whole_json_as_the_filters_need(capsys):
    metrics.emit(metrics.EFFECTS_LEFT, 3)
    line = capsys.readouterr().out.strip()
    assert json.loads(line) == {"metric": "effects_left", "value": 3}


def test_limits_for_the_deadline_versioned_uploads_and_a_switchable_table(cfn):
    functions = of_type(cfn, "AWS::Lambda::Function")
    assert all("ReservedConcurrentExecutions" in f for f in functions.values())
    uploads = cfn["UploadsBucket"]["Properties"]
    assert uploads["VersioningConfiguration"] == {"Status": "Enabled"}
    assert any("NoncurrentVersionExpiration" in r for r in uploads["LifecycleConfiguration"]["Rules"])
    for function in functions.values():
        assert function["Environment"]["Variables"]["BIYE_TABLE_NAME"] == {"Ref": "TableName"}
    restored = Settings.from_env({"BIYE_TABLE": "biye-hubei-prod-MainTable-X",
                                  "BIYE_TABLE_NAME": "biye-hubei-prod-restored-1"})
    assert restored.table == "biye-hubei-prod-restored-1"
    assert Settings.from_env({"BIYE_TABLE": "t", "BIYE_TABLE_NAME": ""}).table == "t"
