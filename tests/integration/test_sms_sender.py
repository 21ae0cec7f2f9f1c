"""The SMS sender over the real table (moto) and each provider's real SDK against the local gateway: each message
is handed over at most once, retried with backoff on the provider's "not now", given up with the reason kept,
never sent twice after no answer; codes are limited per phone and account, the stack by a daily budget; no ID
number leaves in any kind of message; the local stage keeps a readable log."""
from __future__ import annotations

import copy
import itertools
from datetime import UTC, datetime, timedelta

import pytest

from functions.apply.sms.outbox import Outbox, check_sms_setup
from functions.apply.sms.providers import make_provider
from functions.apply.sms.rules import MAX_ATTEMPTS, REDACTED, Status
from functions.apply.sms.sender import Sender
from functions.apply.sms.store import STALE_SENDING_SECONDS, SmsStore
from functions.common.errors import TooMany
from functions.common.settings import Settings
from functions.profiles.checked import ConfigError
from functions.profiles.loader import Profile, load_profile
from functions.profiles.sms_templates import VARIABLES, MessageKind
from tests.support.sms_gateway import SmsGateway

ID_NUMBER = "42010619900307123X"
KEYS = {"aliyun": {"access_key_id": "LTAI5tTestKeyId", "access_key_secret": "aliyun-secret-for-tests"},
        "tencent": {"secret_id": "AKIDtestSecretId", "secret_key": "tencent-secret-for-tests"}}
_days = itertools.count(1)


def approved_profile(**limits) -> Profile:
    """湖北's profile as a province fills it in once its sign name and templates are approved."""
    base = load_profile("hubei")
    data = copy.deepcopy(base.data)
    sms = data["sms"]
    sms.update(sign_name="湖北省教育考试院", tencent_app_id="1400000001")
    sms["limits"].update(limits)
    for n, template in enumerate(sms["templates"].values()):
        template.update(aliyun=f"SMS_4650000{n:02d}", tencent=str(2000000 + n))
    return Profile(code=base.code, data=data)


@pytest.fixture(scope="module")
def gateway():
    gw = SmsGateway({"LTAI5tTestKeyId": "aliyun-secret-for-tests", "AKIDtestSecretId": "tencent-secret-for-tests"})
    yield gw
    gw.stop()


class World:
    """An outbox and a sender on a day of their own (so tests do not meet each other's messages)."""

    def __init__(self, table, gateway, provider="aliyun", profile=None, stage="prod"):
        day = next(_days) * 3               # the sender also reads yesterday's outbox: keep a day between
        start = datetime(2031, 1, 1, 12, tzinfo=UTC) + timedelta(days=day)
        self.exam_no = f"0199{day:08d}"
        self.now = int(start.timestamp())
        self.profile = profile or approved_profile()
        settings = Settings(table="", uploads_bucket="", forms_bucket="", province="hubei", stage=stage,
                            sms_provider=provider)
        self.outbox = Outbox(table, lambda: self.now, lambda: self.profile, settings)
        self.gateway = gateway
        self.sender = Sender(SmsStore(table), make_provider(provider, KEYS[provider], app_id="1400000001",
                                                            endpoint=gateway.endpoint, protocol="http", timeout=1.0),
                             lambda: self.profile, lambda: self.now)

    def queue(self, kind="rejected", to="13700000001", exam_no=None, **values):
        exam_no = exam_no or self.exam_no
        values = values or {"status": "已退回", "reason": "照片不合格", "next_step": "请修改后重新提交"}
        return self.outbox.queue(kind, to, values, dedupe=f"{exam_no}#{kind}#{self.now}", exam_no=exam_no)

    def drain(self, scenario="success"):
        self.gateway.scenario, before = scenario, len(self.gateway.requests)
        done = self.sender.drain()
        return done, self.gateway.requests[before:]

    def stored(self, exam_no=None):
        return self.outbox.to_candidate(exam_no or self.exam_no)


@pytest.mark.parametrize("provider", ["aliyun", "tencent"])
def test_a_message_is_sent_once_and_its_provider_id_kept(table, gateway, provider):
    world = World(table, gateway, provider)
    world.queue()
    world.queue()                                        # the same message handed over twice is one
    done, seen = world.drain()
    assert done == {"sent": 1} and len(seen) == 1 and seen[0]["verified"]
    [message] = world.stored()
    assert message["status"] == Status.SENT and message["provider_id"] and message["attempts"] == 1
    world.now += 3600
    done, seen = world.drain()                           # a later run only asks for the receipt
    assert [r["action"] for r in seen] != ["SendSms"] and done == {"delivered": 1}
    [message] = world.stored()
    assert message["attempts"] == 1 and message["history"][0]["code"] in ("OK", "Ok")


def test_rate_limited_is_retried_with_backoff_then_given_up_visibly(table, gateway, capsys):
    world = World(table, gateway)
    world.queue()
    tries = 0
    for attempt in range(1, MAX_ATTEMPTS + 1):
        done, seen = world.drain("rate_limited")
        tries += len(seen)
        assert len(seen) == 1, attempt
        assert world.drain("rate_limited")[1] == []      # not due yet: nothing is sent before the backoff
        world.now += 60 * 4 ** (attempt - 1)
    [message] = world.stored()
    assert tries == MAX_ATTEMPTS and message["status"] == Status.FAILED
    assert [h["code"] for h in message["history"]] == ["isv.BUSINESS_LIMIT_CONTROL"] * MAX_ATTEMPTS
    assert '"GaveUp": 1' in capsys.readouterr().out       # the alarm's metric point


@pytest.mark.parametrize("provider", ["aliyun", "tencent"])
def test_no_answer_is_never_sent_again(table, gateway, provider):
    world = World(table, gateway, provider)
    world.queue()
    done, seen = world.drain("timeout")
    assert done == {"unknown": 1} and len(seen) == 1
    world.now += 86400 // 2
    assert world.drain()[1] == []
    assert world.stored()[0]["status"] == Status.UNKNOWN


def test_template_refused_fails_at_once(table, gateway):
    world = World(table, gateway, "tencent")
    world.queue()
    done, seen = world.drain("template_refused")
    [message] = world.stored()
    assert done == {"failed": 1} and len(seen) == 1
    assert message["history"][0]["code"] == "FailedOperation.TemplateIncorrectOrUnapproved"


def test_two_senders_cannot_both_claim_a_message_and_a_dead_claim_becomes_unknown(table, gateway):
    world = World(table, gateway)
    item = world.queue()
    store = SmsStore(table)
    assert store.claim(item, world.now) is True
    assert store.claim(item, world.now) is False          # the second sender, with the same view, loses
    world.now += STALE_SENDING_SECONDS + 1
    done, seen = world.drain()
    assert done == {"unknown": 1} and seen == []          # the first sender died mid-call: not sent again


def test_codes_are_limited_per_phone_and_account_with_a_clear_message(table, gateway, capsys):
    world = World(table, gateway, profile=approved_profile(codes_per_phone_hour=2, codes_per_account_day=3))
    code = {"code": "482913", "minutes": "10"}
    for n in range(2):
        world.outbox.queue("binding_code", "13700000009", code, dedupe=f"c{n}", exam_no="010100000009", account="a9")
    with pytest.raises(TooMany) as refused:
        world.outbox.queue("binding_code", "13700000009", code, dedupe="c2", exam_no="010100000009", account="a9")
    assert refused.value.message == "这个手机号一小时内获取验证码的次数已达上限，请一小时后再试。"
    assert '"LimitReached": 1' in capsys.readouterr().out
    world.outbox.queue("binding_code", "13700000010", code, dedupe="c3", exam_no="010100000009", account="a9")
    with pytest.raises(TooMany) as refused:         # another phone, same account: the account's day is full
        world.outbox.queue("reset_code", "13700000011", code, dedupe="c4", exam_no="010100000009", account="a9")
    assert "这个账号今天获取验证码的次数已达上限" in refused.value.message
    assert len(world.stored("010100000009")) == 3   # nothing queued for the refused ones
    world.now += 3600                               # a new hour: the phone may ask again
    world.outbox.queue("binding_code", "13700000009", code, dedupe="c5", exam_no="010100000010", account="b1")


def test_the_stack_budget_holds_messages_and_refuses_codes(table, gateway, capsys):
    world = World(table, gateway, profile=approved_profile(stack_per_day=2))
    for n in range(3):
        world.queue(exam_no=f"01010000002{n}")
    done, seen = world.drain()
    assert done == {"sent": 2, "held": 1} and len(seen) == 2
    assert world.stored("010100000022")[0]["status"] == Status.HELD
    assert '"BudgetReached": 1' in capsys.readouterr().out
    with pytest.raises(TooMany, match="今天的短信已达本系统的发送上限"):
        world.outbox.queue("reset_code", "13700000012", {"code": "1", "hours": "24"}, dedupe="r",
                           exam_no="010100000023", account="c1")
    world.now += 86400                               # tomorrow's budget sends what was held
    done, seen = world.drain()
    assert done["sent"] == 1 and world.stored("010100000022")[0]["status"] == Status.SENT


@pytest.mark.parametrize("kind", list(MessageKind))
def test_no_id_number_in_any_kind_of_message(table, gateway, kind):
    world = World(table, gateway, "tencent")
    hostile = {name: f"见{ID_NUMBER}，{ID_NUMBER[:3]}***********{ID_NUMBER[-4:]}，生日{ID_NUMBER[6:14]}"
               for name in VARIABLES[kind] if name != "code"}
    exam_no = f"0102{list(MessageKind).index(kind):08d}"
    world.outbox.queue(kind, "13700000031", hostile, dedupe=f"id-{kind}", exam_no=exam_no, account=f"id-{kind}",
                       id_number=ID_NUMBER)
    done, seen = world.drain()
    [message] = world.stored(exam_no)
    assert done == {"sent": 1}
    sent = " ".join(seen[0]["params"]["TemplateParamSet"]) + message["text"]
    assert ID_NUMBER not in sent and ID_NUMBER[-4:] not in sent and ID_NUMBER[6:14] not in sent
    assert REDACTED in sent


def test_an_unknown_kind_is_refused_loudly(table, gateway):
    world = World(table, gateway)
    with pytest.raises(KeyError, match="no SMS template for message kind 'parcel'"):
        world.outbox.queue("parcel", "13700000041", {}, dedupe="x", exam_no="010100000041")


def test_the_local_stage_keeps_a_readable_log_and_sends_nothing(table, gateway):
    world = World(table, gateway, provider="aliyun", profile=load_profile("hubei"), stage="local")
    world.outbox.settings = Settings(table="", uploads_bucket="", forms_bucket="", province="hubei", stage="local")
    world.outbox.queue("binding_code", "13700000051", {"code": "739105", "minutes": "10"}, dedupe="l",
                       exam_no="010100000051", account="l1")
    [message] = world.stored("010100000051")
    assert message["status"] == Status.LOGGED
    assert message["text"] == "【湖北自考】您正在绑定考籍，验证码739105，10分钟内有效。如非本人操作，请忽略本短信。"
    assert world.drain() == ({}, [])


def test_a_deployed_stack_with_messages_and_no_provider_refuses_to_start():
    profile = load_profile("hubei")
    deployed = Settings(table="", uploads_bucket="", forms_bucket="", province="hubei", stage="prod")
    with pytest.raises(ConfigError) as err:
        check_sms_setup(deployed, profile)
    assert "\n" not in str(err.value) and "SmsProvider" in str(err.value) and "Messages=off" in str(err.value)
    with pytest.raises(ConfigError, match="sms.sign_name"):      # a provider, but the templates are not filled in
        check_sms_setup(Settings(**{**deployed.__dict__, "sms_provider": "tencent"}), profile)
    check_sms_setup(Settings(**{**deployed.__dict__, "sms_provider": "tencent"}), approved_profile())
    check_sms_setup(Settings(**{**deployed.__dict__, "messages": "off"}), profile)
    check_sms_setup(Settings(**{**deployed.__dict__, "stage": "local"}), profile)


@pytest.mark.parametrize("provider", ["aliyun", "tencent"])
@pytest.mark.parametrize("report, status", [("delivered", Status.DELIVERED), ("failed", Status.FAILED)])
def test_the_providers_delivery_receipt_is_recorded(table, gateway, provider, report, status):
    world = World(table, gateway, provider)
    world.queue()
    world.drain()
    gateway.receipts = "pending"
    world.now += 120
    done, seen = world.drain()
    assert done == {} and [r["action"] for r in seen] == ["QuerySendDetails" if provider == "aliyun"
                                                           else "PullSmsSendStatusByPhoneNumber"]
    assert seen[0]["verified"]
    gateway.receipts = report
    world.now += 60
    assert world.drain()[0] == {status.value: 1}
    assert world.stored()[0]["status"] == status
    assert world.drain() == ({}, [])                 # a settled receipt is not asked again


def test_the_lambda_reads_the_providers_keys_from_ssm_and_sends(table, gateway, monkeypatch):
    import functools
    import json
    import time

    import boto3

    from functions.apply.sms import handler as sms_handler
    boto3.client("ssm").put_parameter(Name="/biye/sms/test-keys", Type="SecureString", Overwrite=True,
                                      Value=json.dumps(KEYS["tencent"]))
    for name, value in {"BIYE_STAGE": "prod", "BIYE_SMS_PROVIDER": "tencent", "BIYE_MESSAGES": "on",
                        "BIYE_SMS_SECRET": "/biye/sms/test-keys"}.items():
        monkeypatch.setenv(name, value)
    profile = approved_profile()
    monkeypatch.setattr(sms_handler, "load_profile", lambda name: profile)
    monkeypatch.setattr(sms_handler, "make_provider",      # the provider's host is the local gateway here
                        functools.partial(make_provider, endpoint=gateway.endpoint, protocol="http"))
    sms_handler.build_sender.cache_clear()
    try:
        settings = Settings.from_env()
        Outbox(table, lambda: int(time.time()), lambda: profile, settings).queue(
            "approved", "13700000061", {"status": "审核通过", "next_step": "请等待发证"}, dedupe="lambda-1",
            exam_no="010100000061")
        gateway.scenario, before = "success", len(gateway.requests)

        class Context:
            def get_remaining_time_in_millis(self):
                return 50_000
        assert sms_handler.handler({}, Context()).get("sent") == 1
        [request] = gateway.requests[before:]
        assert request["verified"] and request["params"]["TemplateParamSet"] == ["审核通过", "请等待发证"]
    finally:
        sms_handler.build_sender.cache_clear()


def test_a_code_is_not_kept_once_handed_over(table, gateway):
    world = World(table, gateway, "tencent")
    world.outbox.queue("reset_code", "13700000071", {"code": "318604", "hours": "24"}, dedupe="forget",
                       exam_no=world.exam_no, account="forget-1")
    done, seen = world.drain()
    assert seen[0]["params"]["TemplateParamSet"] == ["318604", "24"]      # the phone gets it
    [message] = world.stored()
    assert message["status"] == Status.SENT and "318604" not in str(message)
    assert message["values"]["code"] == "******" and "验证码******" in message["text"]
