"""The two SMS providers a province may use, through their own SDKs (the `providers` layer): 阿里云短信
(alibabacloud-dysmsapi20170525, SendSms, ACS3-HMAC-SHA256) and 腾讯云短信 (tencentcloud-sdk-python-sms, SendSms,
TC3-HMAC-SHA256). The stack's template parameter SmsProvider picks one; the keys come from SSM (credentials.py).

Each answers a rules.ProviderAnswer, so the sender decides the same way whichever provider spoke. The SDKs' own
retries are off: a retry after a timeout could send the message twice (rules.py says why that is refused).
`endpoint` is the provider's host; tests point it at a local server that checks the signature as the provider does.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol

from .rules import Outcome, ProviderAnswer

TIMEOUT_SECONDS = 5
_BEIJING = timezone(timedelta(hours=8))   # Alibaba's SendDate is a Beijing day

# Alibaba answers SendSms with HTTP 200 and a Code; these mean "not now" (phone or account rate limit, balance,
# its own trouble), everything else but OK means "never" (template, sign, number refused).
ALIYUN_RETRY = ("isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "isv.AMOUNT_NOT_ENOUGH", "Throttling",
                "isp.SYSTEM_ERROR", "isp.RAM_PERMISSION_DENY", "ServiceUnavailable")
# Tencent's codes (per number in SendStatusSet, or for the call in Error): limits and its own trouble mean "not now".
TENCENT_RETRY = ("LimitExceeded.", "RequestLimitExceeded", "InternalError.", "FailedOperation.InsufficientBalance")


class SmsProvider(Protocol):
    name: str

    def send(self, phone: str, sign_name: str, template_id: str, params: tuple[tuple[str, str], ...],
             message_id: str) -> ProviderAnswer:
        """Hand one message to the provider, once (no retry inside)."""

    def receipt(self, phone: str, provider_id: str, sent_at: int) -> Receipt | None:
        """The phone's delivery receipt for a message the provider accepted; None while it has none."""


@dataclass(frozen=True)
class Receipt:
    delivered: bool
    detail: str                  # the provider's word (DELIVERED, or why it did not arrive)


def _retryable(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code == p or (p.endswith(".") and code.startswith(p)) or code.startswith(p + ".") for p in prefixes)


class AliyunSms:
    name = "aliyun"

    def __init__(self, access_key_id: str, access_key_secret: str, *, endpoint: str = "dysmsapi.aliyuncs.com",
                 protocol: str = "https", timeout: float = TIMEOUT_SECONDS):
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi.utils_models import Config
        from darabonba.runtime import RuntimeOptions
        self.client = Client(Config(access_key_id=access_key_id, access_key_secret=access_key_secret,
                                    endpoint=endpoint, protocol=protocol))
        self.runtime = RuntimeOptions(autoretry=False, max_attempts=1, read_timeout=int(timeout * 1000),
                                      connect_timeout=int(timeout * 1000))

    def send(self, phone, sign_name, template_id, params, message_id) -> ProviderAnswer:
        from alibabacloud_dysmsapi20170525.models import SendSmsRequest
        from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
        from darabonba.exceptions import RetryError, UnretryableException
        request = SendSmsRequest(phone_numbers=phone, sign_name=sign_name, template_code=template_id,
                                 template_param=json.dumps(dict(params), ensure_ascii=False), out_id=message_id)
        try:
            body = self.client.send_sms_with_options(request, self.runtime).body
        except AlibabaCloudException as err:          # an HTTP error status: throttled, its outage, or refused
            code = str(err.code or "")
            status = getattr(err, "status_code", None) or getattr(err, "statusCode", None) or 0
            retry = _retryable(code, ALIYUN_RETRY) or int(status) >= 500 or int(status) == 429
            return ProviderAnswer(Outcome.RETRY if retry else Outcome.REFUSED, code, str(err.message or ""))
        except (RetryError, UnretryableException, OSError) as err:   # timeout, broken connection: maybe sent
            return ProviderAnswer(Outcome.NO_ANSWER, "NoAnswer", type(err).__name__)
        code = body.code or ""
        if code == "OK":
            return ProviderAnswer(Outcome.ACCEPTED, code, body.message or "", body.biz_id or "")
        outcome = Outcome.RETRY if _retryable(code, ALIYUN_RETRY) else Outcome.REFUSED
        return ProviderAnswer(outcome, code, body.message or "")

    def receipt(self, phone, provider_id, sent_at) -> Receipt | None:
        """QuerySendDetails by BizId: SendStatus 3 delivered, 2 failed (ErrCode says why), 1 still waiting."""
        from alibabacloud_dysmsapi20170525.models import QuerySendDetailsRequest
        day = datetime.fromtimestamp(sent_at, _BEIJING).strftime("%Y%m%d")
        request = QuerySendDetailsRequest(phone_number=phone, biz_id=provider_id, send_date=day, page_size=10,
                                          current_page=1)
        body = self.client.query_send_details_with_options(request, self.runtime).body
        found = body.sms_send_detail_dtos.sms_send_detail_dto if body.sms_send_detail_dtos else []
        for detail in found or []:
            if detail.send_status in (2, 3):
                return Receipt(detail.send_status == 3, detail.err_code or "")
        return None


class TencentSms:
    name = "tencent"

    def __init__(self, secret_id: str, secret_key: str, *, app_id: str, region: str = "ap-guangzhou",
                 endpoint: str = "sms.tencentcloudapi.com", protocol: str = "https", timeout: float = TIMEOUT_SECONDS):
        from tencentcloud.common.credential import Credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile
        from tencentcloud.sms.v20210111.sms_client import SmsClient
        http = HttpProfile(protocol=protocol, endpoint=endpoint, reqTimeout=max(1, int(timeout)))
        self.client = SmsClient(Credential(secret_id, secret_key), region, ClientProfile(httpProfile=http))
        self.app_id = app_id

    def send(self, phone, sign_name, template_id, params, message_id) -> ProviderAnswer:
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
        from tencentcloud.sms.v20210111.models import SendSmsRequest
        request = SendSmsRequest()
        request.PhoneNumberSet = [phone if phone.startswith("+") else f"+86{phone}"]
        request.SmsSdkAppId, request.SignName, request.TemplateId = self.app_id, sign_name, template_id
        request.TemplateParamSet = [value for _, value in params]
        request.SessionContext = message_id
        try:
            answer = self.client.SendSms(request)
        except TencentCloudSDKException as err:
            code = str(err.get_code() or "")
            if code == "ClientNetworkError":             # timeout or broken connection: it may have been sent
                return ProviderAnswer(Outcome.NO_ANSWER, code, "")
            outcome = Outcome.RETRY if _retryable(code, TENCENT_RETRY) else Outcome.REFUSED
            return ProviderAnswer(outcome, code, str(err.get_message() or ""))
        status = (answer.SendStatusSet or [None])[0]
        if status is None:
            return ProviderAnswer(Outcome.NO_ANSWER, "Empty", "")
        if status.Code == "Ok":
            return ProviderAnswer(Outcome.ACCEPTED, "Ok", status.Message or "", status.SerialNo or "")
        outcome = Outcome.RETRY if _retryable(status.Code or "", TENCENT_RETRY) else Outcome.REFUSED
        return ProviderAnswer(outcome, status.Code or "", status.Message or "")

    def receipt(self, phone, provider_id, sent_at) -> Receipt | None:
        """PullSmsSendStatusByPhoneNumber from the sending time: the report with our SerialNo, SUCCESS or FAIL."""
        from tencentcloud.sms.v20210111.models import PullSmsSendStatusByPhoneNumberRequest
        request = PullSmsSendStatusByPhoneNumberRequest()
        request.BeginTime, request.EndTime = sent_at - 60, sent_at + 2 * 86400
        request.Offset, request.Limit = 0, 100
        request.PhoneNumber = phone if phone.startswith("+") else f"+86{phone}"
        request.SmsSdkAppId = self.app_id
        answer = self.client.PullSmsSendStatusByPhoneNumber(request)
        for report in answer.PullSmsSendStatusSet or []:
            if report.SerialNo == provider_id:
                return Receipt(report.ReportStatus == "SUCCESS", report.Description or report.ReportStatus or "")
        return None


def make_provider(name: str, secret: dict, *, app_id: str | None, endpoint: str | None = None,
                  protocol: str = "https", timeout: float = TIMEOUT_SECONDS) -> SmsProvider:
    """The provider a stack's SmsProvider parameter names, with its keys from SSM (`secret`)."""
    if name == "aliyun":
        return AliyunSms(secret["access_key_id"], secret["access_key_secret"],
                         endpoint=endpoint or "dysmsapi.aliyuncs.com", protocol=protocol, timeout=timeout)
    if name == "tencent":
        return TencentSms(secret["secret_id"], secret["secret_key"], app_id=app_id or "",
                          endpoint=endpoint or "sms.tencentcloudapi.com", protocol=protocol, timeout=timeout)
    raise ValueError(f"unknown SMS provider {name!r}")
