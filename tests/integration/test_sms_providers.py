"""Each provider's SendSms, built and signed by its real SDK, against a local server that checks the signature as
the provider documents it and answers as the provider does (tests/support/sms_gateway.py)."""
from __future__ import annotations

import pytest

from functions.apply.sms.providers import make_provider
from functions.apply.sms.rules import Outcome
from tests.support.sms_gateway import SmsGateway

KEYS = {"aliyun": {"access_key_id": "LTAI5tTestKeyId", "access_key_secret": "aliyun-secret-for-tests"},
        "tencent": {"secret_id": "AKIDtestSecretId", "secret_key": "tencent-secret-for-tests"}}
PARAMS = (("status", "已退回"), ("reason", "照片背景不是白色"), ("next_step", "请修改后重新提交"))


@pytest.fixture(scope="module")
def gateway():
    gw = SmsGateway({"LTAI5tTestKeyId": "aliyun-secret-for-tests", "AKIDtestSecretId": "tencent-secret-for-tests"})
    yield gw
    gw.stop()


def provider(name, gateway, keys=None, timeout=5.0):
    return make_provider(name, keys or KEYS[name], app_id="1400000001", endpoint=gateway.endpoint,
                         protocol="http", timeout=timeout)


def send(name, gateway, scenario, **kw):
    gateway.scenario, before = scenario, len(gateway.requests)
    answer = provider(name, gateway, **kw).send("13712345678", "湖北自考", "SMS_465000001", PARAMS, "M1#x")
    return answer, gateway.requests[before:]


@pytest.mark.parametrize("name", ["aliyun", "tencent"])
def test_success_is_signed_as_the_provider_checks_and_carries_the_template(name, gateway):
    answer, seen = send(name, gateway, "success")
    assert len(seen) == 1 and seen[0]["verified"] is True
    assert answer.outcome == Outcome.ACCEPTED and answer.provider_id
    params = seen[0]["params"]
    if name == "aliyun":
        assert params["PhoneNumbers"] == "13712345678" and params["TemplateCode"] == "SMS_465000001"
        assert params["SignName"] == "湖北自考" and params["OutId"] == "M1#x"
        assert '"reason": "照片背景不是白色"' in params["TemplateParam"]
    else:
        assert params["PhoneNumberSet"] == ["+8613712345678"] and params["TemplateId"] == "SMS_465000001"
        assert params["TemplateParamSet"] == ["已退回", "照片背景不是白色", "请修改后重新提交"]
        assert params["SmsSdkAppId"] == "1400000001" and params["SessionContext"] == "M1#x"


@pytest.mark.parametrize("name", ["aliyun", "tencent"])
def test_a_wrong_secret_is_refused_by_the_signature_check(name, gateway):
    wrong = {k: (v + "x" if "secret" in k and "id" not in k else v) for k, v in KEYS[name].items()}
    answer, seen = send(name, gateway, "success", keys=wrong)
    assert seen[0]["verified"] is False
    assert answer.outcome == Outcome.REFUSED
    assert answer.code in ("SignatureDoesNotMatch", "AuthFailure.SignatureFailure")


@pytest.mark.parametrize("name", ["aliyun", "tencent"])
def test_rate_limited_is_tried_again_later(name, gateway):
    answer, seen = send(name, gateway, "rate_limited")
    assert seen[0]["verified"] is True
    assert answer.outcome == Outcome.RETRY
    assert answer.code in ("isv.BUSINESS_LIMIT_CONTROL", "LimitExceeded.PhoneNumberOneHourLimit")


@pytest.mark.parametrize("name", ["aliyun", "tencent"])
def test_template_refused_is_final(name, gateway):
    answer, _ = send(name, gateway, "template_refused")
    assert answer.outcome == Outcome.REFUSED
    assert answer.code in ("isv.SMS_TEMPLATE_ILLEGAL", "FailedOperation.TemplateIncorrectOrUnapproved")


@pytest.mark.parametrize("name", ["aliyun", "tencent"])
def test_no_answer_is_unknown_and_the_sdk_does_not_send_it_again(name, gateway):
    answer, seen = send(name, gateway, "timeout", timeout=1.0)
    assert answer.outcome == Outcome.NO_ANSWER
    assert len(seen) == 1            # the SDK's own retry is off: one request, however long it waited
