"""The SMS outbox: every message the portal sends, queued in the table by Beijing day for the sender (sender.py).

SES does not exist in the China partition and SNS sends no SMS there, so a Chinese provider sends from the outbox.
A message is queued in the request that causes it (a status change's owed effect, a one-time code) as its kind and
its template variables; the text the phone will show is rendered from the profile's filed wording, so the outbox
is also the readable log: on the local stage (no provider) messages stay there as `logged`, and the demo and the
tests read codes from it. Codes are counted per phone and account per hour and day, and the stack per day, and
refused over the profile's limits with a sentence for the person asking (rules.limit_refusal).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable

from botocore.exceptions import ClientError

from functions.common.dynamo import keys
from functions.common.errors import TooMany
from functions.common.settings import Settings
from functions.common.time import beijing_day, iso
from functions.profiles.checked import ConfigError
from functions.profiles.loader import Profile
from functions.profiles.sms_templates import CODE_KINDS, PROVIDERS, segments

from .rules import Status, compose, limit_refusal
from .store import SmsStore, phone_key

log = logging.getLogger("biye.sms")
OUTBOX_SECONDS = 30 * 24 * 60 * 60       # how long a message and its delivery record are kept


def STACK_COUNTER(day: str) -> tuple[str, str, str]:   # noqa: N802 - one definition of the budget's counter
    return ("stack", "all", day)


def check_sms_setup(settings: Settings, profile: Profile) -> None:
    """Stop start-up with one line when a deployed stack would queue messages nobody sends."""
    if settings.messages != "on":
        return
    if settings.sms_provider and settings.sms_provider not in PROVIDERS:
        raise ConfigError("BIYE_SMS_PROVIDER", "SmsProvider", "aliyun 或 tencent", settings.sms_provider)
    if settings.stage == "local":
        return
    if not settings.sms_provider:
        raise ConfigError("template.yaml", "SmsProvider", "aliyun 或 tencent (部署的环境开启了短信 Messages=on，"
                                                          "却没有选择短信服务商；不发短信请设 Messages=off)")
    missing = profile.sms.missing_for(settings.sms_provider)
    if missing:
        raise ConfigError(f"infra/provinces/{profile.code}.yaml", missing[0],
                          f"{settings.sms_provider} 审核通过的签名或模板编号 (还缺 {len(missing)} 项)")


def alarm(metric: str, now: int) -> None:
    """One CloudWatch metric point in the embedded metric format (a log line; template.yaml's alarms watch it)."""
    print(json.dumps({"_aws": {"Timestamp": now * 1000, "CloudWatchMetrics": [{
        "Namespace": "Biye/Sms", "Dimensions": [[]], "Metrics": [{"Name": metric, "Unit": "Count"}]}]},
        metric: 1}))


class Outbox:
    """Queues messages (a effects.service.Messenger) and reads them back."""

    def __init__(self, table, clock: Callable[[], int], profile: Callable[[], Profile], settings: Settings):
        self.store, self.clock, self.profile, self.settings = SmsStore(table), clock, profile, settings
        self.table = table

    def queue(self, kind: str, to: str, values: dict, *, dedupe: str, exam_no: str, account: str = "",
              id_number: str | None = None) -> dict:
        """Queue one message; the same `dedupe` twice is one message. A code over a limit raises TooMany with the
        reason for the person asking (nothing is queued or counted then). `id_number`: the person's, so that no
        part of it is sent whatever a value quotes."""
        if kind in CODE_KINDS:
            self._admit(kind, to, account, self.clock(), self.profile().sms.limits)
        item = self.message(kind, to, values, dedupe=dedupe, exam_no=exam_no, account=account, id_number=id_number)
        try:
            self.table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
        except ClientError as err:
            if err.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise                                  # already queued today: handed over once is enough
        return item

    def message(self, kind: str, to: str, values: dict, *, dedupe: str, exam_no: str, account: str = "",
                id_number: str | None = None) -> dict:
        """The outbox item of one message, not yet stored: `queue` puts it, and a status change puts it in its own
        transaction (keyed by `dedupe`: put only where none is, so a message is handed over once)."""
        now = self.clock()
        profile = self.profile()
        templates = profile.sms
        sign = templates.sign_name or f"{profile.data['province']}自考"
        message = compose(templates, kind, values, provider=None, sign_name=sign, id_number=id_number)
        day = beijing_day(now).isoformat()
        queued_at = iso(now)
        sending = self.settings.messages == "on" and bool(self.settings.sms_provider)
        item = {**keys.outbox(day, dedupe), **keys.messages_to(exam_no, queued_at, dedupe), "kind": "outbox",
                "channel": "sms", "message_kind": kind, "to": to, "exam_no": exam_no, "account": account,
                "values": dict(message.params), "text": message.text, "segments": segments(message.text),
                "queued_at": queued_at, "status": (Status.QUEUED if sending else Status.LOGGED).value,
                "attempts": 0, keys.TTL_ATTRIBUTE: now + OUTBOX_SECONDS}
        return item

    def day(self, day: str) -> list[dict]:
        """What the outbox holds for one Beijing day (for the sender, the demo and the tests)."""
        return self.store.day(day)

    def to_candidate(self, exam_no: str) -> list[dict]:
        return self.store.to_candidate(exam_no)

    def _admit(self, kind: str, phone: str, account: str, now: int, limits: dict[str, int]) -> None:
        hour, day = f"h{now // 3600}", f"d{beijing_day(now).isoformat()}"
        windows = {"codes_per_phone_hour": ("phone", phone_key(phone), hour),
                   "codes_per_phone_day": ("phone", phone_key(phone), day),
                   "codes_per_account_hour": ("account", account or "-", hour),
                   "codes_per_account_day": ("account", account or "-", day),
                   "stack_per_day": STACK_COUNTER(beijing_day(now).isoformat())}
        counts = {name: self.store.counted(*where) for name, where in windows.items()}
        refusal = limit_refusal(kind, counts, limits)
        if refusal:
            scope = next(n for n in windows if counts[n] >= limits[n])
            log.warning("SMS limit reached: %s (%s)", scope, kind)
            alarm("LimitReached", now)
            raise TooMany(refusal, field="phone")
        windows.pop("stack_per_day")       # read here, counted by the sender for every message it sends
        for scope, ident, window in set(windows.values()):
            self.store.count(scope, ident, window, now + (2 * 86400 if window.startswith("d") else 7200))
