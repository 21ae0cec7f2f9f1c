"""A local HTTP server that speaks SendSms as 阿里云短信 and 腾讯云短信 do: it checks each request's signature the
way the provider documents it (written here from the documentation, not from the SDKs, so an SDK or a
configuration that signs wrongly is refused as the provider would refuse it) and answers as the provider
documents for the scenario a test sets: success, rate-limited, template refused, or no answer (timeout).

Alibaba: ACS3-HMAC-SHA256 (help.aliyun.com, "V3版本请求体&签名机制"). Tencent: TC3-HMAC-SHA256
(cloud.tencent.com/document/api/382/52072, "签名方法 v3").
"""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit

PORTS = range(8240, 8250)        # this worktree's ports


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def aliyun_signature_ok(method: str, path: str, query: str, headers: dict, body: bytes, secrets: dict) -> bool:
    auth = headers.get("authorization", "")
    if not auth.startswith("ACS3-HMAC-SHA256 "):
        return False
    fields = dict(part.split("=", 1) for part in auth[len("ACS3-HMAC-SHA256 "):].split(","))
    secret = secrets.get(fields.get("Credential", ""))
    if secret is None or headers.get("x-acs-content-sha256") != _sha256(body):
        return False
    signed = fields["SignedHeaders"].split(";")
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    canonical_query = "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in pairs)
    canonical_headers = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in signed)
    canonical = "\n".join([method, path or "/", canonical_query, canonical_headers, ";".join(signed),
                           _sha256(body)])
    string_to_sign = "ACS3-HMAC-SHA256\n" + _sha256(canonical.encode())
    expected = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields.get("Signature", ""))


def tencent_signature_ok(method: str, path: str, headers: dict, body: bytes, secrets: dict) -> bool:
    auth = headers.get("authorization", "")
    if not auth.startswith("TC3-HMAC-SHA256 "):
        return False
    fields = dict(part.strip().split("=", 1) for part in auth[len("TC3-HMAC-SHA256 "):].split(","))
    secret_id, date, service, terminator = fields.get("Credential", "////").split("/")
    secret = secrets.get(secret_id)
    timestamp = headers.get("x-tc-timestamp", "0")
    if secret is None or service != "sms" or terminator != "tc3_request" or \
            datetime.fromtimestamp(int(timestamp), UTC).strftime("%Y-%m-%d") != date:
        return False
    signed = fields["SignedHeaders"].split(";")
    canonical_headers = "".join(f"{name}:{headers.get(name, '').strip().lower()}\n" for name in signed)
    canonical = "\n".join([method, path or "/", "", canonical_headers, ";".join(signed), _sha256(body)])
    string_to_sign = "\n".join(["TC3-HMAC-SHA256", timestamp, f"{date}/{service}/tc3_request",
                                _sha256(canonical.encode())])
    key = _hmac(_hmac(_hmac(("TC3" + secret).encode(), date), service), "tc3_request")
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields.get("Signature", ""))


class SmsGateway:
    """`scenario`: success | rate_limited | template_refused | timeout. `requests` records what arrived, each with
    `provider`, `action`, `verified` and the parameters (Alibaba's query, Tencent's JSON body). `receipts` says
    what the delivery reports of accepted messages say: delivered | failed | pending."""

    def __init__(self, secrets: dict[str, str]):
        self.secrets, self.scenario, self.requests = secrets, "success", []
        self.receipts, self.accepted = "delivered", {}      # provider id -> phone
        self.release = threading.Event()     # a "timeout" request waits for this (set at stop)
        self.server = _bind(self)
        self.endpoint = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def answer(self, method: str, target: str, headers: dict, body: bytes) -> tuple[int, dict]:
        url = urlsplit(target)
        if "x-tc-action" in headers:
            ok = tencent_signature_ok(method, url.path, headers, body, self.secrets)
            params, action = json.loads(body or b"{}"), headers["x-tc-action"]
            self.requests.append({"provider": "tencent", "action": action, "verified": ok, "params": params})
            if ok and action == "PullSmsSendStatusByPhoneNumber":
                return 200, self._tencent_reports(params)
            return 200, self._tencent(ok, params)
        ok = aliyun_signature_ok(method, url.path, url.query, headers, body, self.secrets)
        params, action = dict(parse_qsl(url.query)), headers.get("x-acs-action", "")
        self.requests.append({"provider": "aliyun", "action": action, "verified": ok, "params": params})
        if ok and action == "QuerySendDetails":
            return 200, self._aliyun_details(params)
        return self._aliyun(ok, params)

    def _aliyun_details(self, params: dict) -> dict:
        """QuerySendDetails: SendStatus 1 waiting, 2 failed, 3 delivered (ErrCode DELIVERED or the reason)."""
        found = []
        if self.accepted.get(params.get("BizId")) == params.get("PhoneNumber"):
            status, err = {"delivered": (3, "DELIVERED"), "failed": (2, "MK:0001"), "pending": (1, "")}[self.receipts]
            found.append({"PhoneNum": params["PhoneNumber"], "SendStatus": status, "ErrCode": err,
                          "TemplateCode": "SMS_465000001", "Content": "…", "SendDate": "2031-01-01 12:00:00",
                          "ReceiveDate": "2031-01-01 12:00:05", "OutId": ""})
        return {"Code": "OK", "Message": "OK", "RequestId": "Q1", "TotalCount": len(found),
                "SmsSendDetailDTOs": {"SmsSendDetailDTO": found}}

    def _tencent_reports(self, params: dict) -> dict:
        reports = []
        if self.receipts != "pending":
            for serial, phone in self.accepted.items():
                if phone == params.get("PhoneNumber"):
                    ok = self.receipts == "delivered"
                    reports.append({"UserReceiveTime": 1924992005, "CountryCode": "86",
                                    "SubscriberNumber": phone[3:], "PhoneNumber": phone, "SerialNo": serial,
                                    "ReportStatus": "SUCCESS" if ok else "FAIL",
                                    "Description": "用户短信接收成功" if ok else "空号", "SessionContext": ""})
        return {"Response": {"PullSmsSendStatusSet": reports, "RequestId": "q-1"}}

    def _aliyun(self, ok: bool, params: dict) -> tuple[int, dict]:
        request_id = f"A{len(self.requests):04d}"
        if not ok:
            return 400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched with our "
                         "calculation.", "RequestId": request_id}
        if self.scenario == "rate_limited":
            return 200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发小时级流控Permits:5",
                         "RequestId": request_id}
        if self.scenario == "template_refused":
            return 200, {"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "该账号下找不到对应模板",
                         "RequestId": request_id}
        biz_id = f"90061974693649{len(self.requests):02d}^0"
        self.accepted[biz_id] = params.get("PhoneNumbers")
        return 200, {"Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": request_id}

    def _tencent(self, ok: bool, params: dict) -> dict:
        request_id = f"t-{len(self.requests):04d}"
        if not ok:
            return {"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
                                           "Message": "The provided credentials could not be validated."},
                                 "RequestId": request_id}}
        if self.scenario == "template_refused":
            return {"Response": {"Error": {"Code": "FailedOperation.TemplateIncorrectOrUnapproved",
                                           "Message": "模板未审批或内容不匹配。"}, "RequestId": request_id}}
        phone = (params.get("PhoneNumberSet") or [""])[0]
        status = {"SerialNo": f"5000:10457106691570536578494996{len(self.requests):02d}", "PhoneNumber": phone,
                  "Fee": 1, "SessionContext": params.get("SessionContext", ""), "Code": "Ok",
                  "Message": "send success", "IsoCode": "CN"}
        if self.scenario == "rate_limited":
            status.update(SerialNo="", Fee=0, Code="LimitExceeded.PhoneNumberOneHourLimit",
                          Message="单个手机号1小时内下发短信条数超过设定的上限")
        else:
            self.accepted[status["SerialNo"]] = phone
        return {"Response": {"SendStatusSet": [status], "RequestId": request_id}}


def _bind(gateway: SmsGateway) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            action = self.headers.get("x-acs-action") or self.headers.get("x-tc-action")
            if gateway.scenario == "timeout" and action == "SendSms":
                gateway.requests.append({"provider": "?", "verified": None, "params": {}})
                gateway.release.wait(30)          # no answer until the test ends: the client gives up first
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, payload = gateway.answer(self.command, self.path, headers, body)
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            # as each provider labels its answers (Tencent's SDK reads an Error only under exactly this type)
            tencent = "x-tc-action" in headers
            self.send_header("Content-Type", "application/json" if tencent else "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_POST = do_GET = _serve

        def log_message(self, *args):
            pass

    for port in PORTS:
        try:
            return ThreadingHTTPServer(("127.0.0.1", port), Handler)
        except OSError:
            continue
    raise RuntimeError("no free port in 8240-8249 for the SMS gateway")
