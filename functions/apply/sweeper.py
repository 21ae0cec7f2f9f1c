"""The scheduled sweeper: performs the effects that requests left owed (an S3 outage, a crash mid-request).

template.yaml runs it every five minutes (EffectsSweeperFunction); `biye effects` runs it by hand. It builds the
same services the apply function uses, without a web app.
"""
from __future__ import annotations

import logging
import time
from types import SimpleNamespace

from functions.common.aws import dynamodb_table, s3_client
from functions.common.metrics import EFFECTS_LEFT, emit
from functions.common.settings import Settings
from functions.profiles.loader import load_profile

from .services import build_services

log = logging.getLogger("biye.effects")


def sweep(settings: Settings | None = None, limit: int = 500) -> dict:
    settings = settings or Settings.from_env()
    state = SimpleNamespace(settings=settings, table=dynamodb_table(settings.table), s3=s3_client(),
                            profile=load_profile(settings.province), clock=lambda: int(time.time()))
    done, left = build_services(state).effects.sweep(limit)
    return {"done": done, "left": left}


def handler(event, context):
    answer = sweep()
    log.info("effects sweep: %(done)d done, %(left)d left", answer)
    emit(EFFECTS_LEFT, answer["left"])       # the backlog alarm's metric (template.yaml, EffectsBacklogAlarm)
    return answer
