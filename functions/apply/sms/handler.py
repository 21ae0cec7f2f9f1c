"""The SMS sender's Lambda handler (SmsSenderFunction, every minute; sender.py says why a schedule).

The provider's keys are read once per container from SSM Parameter Store (a SecureString holding JSON:
{"access_key_id", "access_key_secret"} for aliyun, {"secret_id", "secret_key"} for tencent), never from the
template or the environment.
"""
from __future__ import annotations

import json
import logging
import time
from functools import cache

import boto3

from functions.common.aws import dynamodb_table
from functions.common.settings import Settings
from functions.profiles.loader import load_profile

from .outbox import check_sms_setup
from .providers import make_provider
from .sender import Sender
from .store import SmsStore

log = logging.getLogger("biye.sms")


def provider_keys(parameter: str) -> dict:
    answer = boto3.client("ssm").get_parameter(Name=parameter, WithDecryption=True)
    return json.loads(answer["Parameter"]["Value"])


@cache
def build_sender() -> Sender:
    settings = Settings.from_env()
    profile = load_profile(settings.province)
    check_sms_setup(settings, profile)
    provider = make_provider(settings.sms_provider, provider_keys(settings.sms_secret),
                             app_id=profile.sms.tencent_app_id)
    return Sender(SmsStore(dynamodb_table(settings.table)), provider, lambda: profile, lambda: int(time.time()))


def handler(event, context):
    done = build_sender().drain(time_left=lambda: context.get_remaining_time_in_millis() / 1000)
    log.info("sms: %s", done)
    return done
