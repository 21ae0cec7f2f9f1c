"""Local HTTP servers that speak WeChat Pay API v3 and Alipay's OpenAPI gateway as their documentation says, written
from the documentation and not from the SDKs, so a request the platform would refuse is refused here too:

WeChat Pay (pay.weixin.qq.com, "签名生成", "H5下单", "Native下单", "查询订单", "申请退款"): every request carries
`Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`, the
signature SHA256withRSA by the merchant key over "METHOD\\nURL\\ntimestamp\\nnonce\\nbody\\n", and in public-key mode
`Wechatpay-Serial` names the platform key; every answer is signed by the platform key (Wechatpay-Signature over
"timestamp\\nnonce\\nbody\\n"). One out_trade_no placed again with other parameters is OUT_TRADE_NO_USED.

Alipay (opendocs.alipay.com, "自行实现签名", "alipay.trade.wap.pay", "alipay.trade.page.pay", "alipay.trade.query",
"alipay.trade.refund"): common parameters app_id, method, charset=utf-8, sign_type=RSA2, timestamp
"yyyy-MM-dd HH:mm:ss" in Beijing time, version=1.0, biz_content JSON; sign = SHA256withRSA by the app key over the
sorted "k=v" pairs without sign; answers signed by Alipay's key over the JSON text of the `…_response` object.

`pay(out_trade_no)` plays the payer: the platform then sends its signed notification to the order's notify_url.
"""
from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

BEIJING = timedelta(hours=8)


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key, private: bool) -> str:
    if private:
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def sign(key, text: str) -> str:
    return base64.b64encode(key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()


def verified(public_key, text: str, signature: str) -> bool:
    try:
        public_key.verify(base64.b64decode(signature), text.encode(), padding.PKCS1v15(), hashes.SHA256())
        return True
    except Exception:
        return False


class Platform:
    """A threaded local server; `requests` records what arrived (method, path, headers, fields), `refused` why a
    request was refused."""

    def __init__(self):
        self.requests: list[dict] = []
        self.refused: list[str] = []
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                platform.answer(self, b"")

            def do_POST(self):
                platform.answer(self, self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, handler, body: bytes) -> None:
        raise NotImplementedError

    @staticmethod
    def reply(handler, status: int, body: bytes, headers: dict) -> None:
        handler.send_response(status)
        for k, v in {**headers, "Content-Length": str(len(body))}.items():
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(body)


class WechatPay(Platform):
    def __init__(self, mchid="1900000109", appid="wxd678efh567hg6787", notify_url=""):
        super().__init__()
        self.platform_key, self.merchant_key = new_key(), new_key()
        self.apiv3_key = secrets.token_hex(16)
        self.keys = {"mchid": mchid, "appid": appid, "merchant_serial_no": "5157F09EFDC096DE15EBE81A47057A72",
                     "merchant_private_key": pem(self.merchant_key, True), "apiv3_key": self.apiv3_key,
                     "platform_public_key": pem(self.platform_key, False),
                     "platform_public_key_id": "PUB_KEY_ID_0114232134912410000",
                     "notify_url": notify_url or "https://grad.zk.cn/api/apply/payments/wechat/callback"}
        self.orders: dict[str, dict] = {}

    def _authorized(self, method: str, path: str, headers, body: bytes) -> str | None:
        scheme, _, params = headers.get("Authorization", "").partition(" ")
        fields = dict(part.split("=", 1) for part in params.split(",") if "=" in part)
        fields = {k.strip(): v.strip().strip('"') for k, v in fields.items()}
        if scheme != "WECHATPAY2-SHA256-RSA2048" or set(fields) != {"mchid", "nonce_str", "signature",
                                                                   "timestamp", "serial_no"}:
            return "Authorization 格式不符"
        if fields["mchid"] != self.keys["mchid"] or fields["serial_no"] != self.keys["merchant_serial_no"]:
            return "商户号或证书序列号不符"
        if abs(time.time() - int(fields["timestamp"])) > 300:
            return "时间戳过期"
        signed = f"{method}\n{path}\n{fields['timestamp']}\n{fields['nonce_str']}\n{body.decode()}\n"
        if not verified(self.merchant_key.public_key(), signed, fields["signature"]):
            return "签名错误"
        if headers.get("Wechatpay-Serial") != self.keys["platform_public_key_id"]:
            return "Wechatpay-Serial 不是平台公钥ID"
        return None

    def _signed(self, handler, status: int, answer: dict) -> None:
        body = json.dumps(answer, ensure_ascii=False)
        stamp, nonce = str(int(time.time())), secrets.token_hex(16)
        self.reply(handler, status, body.encode(), {
            "Content-Type": "application/json; charset=utf-8", "Wechatpay-Timestamp": stamp, "Wechatpay-Nonce": nonce,
            "Wechatpay-Serial": self.keys["platform_public_key_id"], "Wechatpay-Signature-Type":
                "WECHATPAY2-SHA256-RSA2048", "Wechatpay-Signature": sign(self.platform_key,
                                                                         f"{stamp}\n{nonce}\n{body}\n")})

    def answer(self, handler, body: bytes) -> None:
        method, path = handler.command, handler.path
        if path.startswith("/h5/checkmweb?"):          # the h5_url opened in the payer's phone browser
            self.requests.append({"method": method, "path": path, "headers": dict(handler.headers), "data": {}})
            return self.reply(handler, 200, "<html><body><h1>微信支付</h1></body></html>".encode(),
                              {"Content-Type": "text/html;charset=utf-8"})
        if not path.startswith("/v3/"):                # the payer's browser asking for more (its /favicon.ico)
            return self.reply(handler, 404, b"", {"Content-Type": "text/html;charset=utf-8"})
        data = json.loads(body) if body else {}
        self.requests.append({"method": method, "path": path, "headers": dict(handler.headers), "data": data})
        why = self._authorized(method, path, handler.headers, body)
        if why:
            self.refused.append(why)
            return self._signed(handler, 401, {"code": "SIGN_ERROR", "message": why})
        route = urlsplit(path).path
        if method == "POST" and route in ("/v3/pay/transactions/native", "/v3/pay/transactions/h5"):
            return self._place(handler, route.rsplit("/", 1)[1].upper(), data)
        if method == "GET" and route.startswith("/v3/pay/transactions/out-trade-no/"):
            order = self.orders.get(route.rsplit("/", 1)[1])
            if order is None:
                return self._signed(handler, 404, {"code": "ORDER_NOT_EXIST", "message": "订单不存在"})
            return self._signed(handler, 200, self.transaction(order))
        if method == "POST" and route == "/v3/refund/domestic/refunds":
            missing = [k for k in ("out_refund_no", "amount") if k not in data]
            if missing or not (data.get("transaction_id") or data.get("out_trade_no")):
                return self._signed(handler, 400, {"code": "PARAM_ERROR", "message": f"缺少 {missing}"})
            return self._signed(handler, 200, {"refund_id": "50000000382019052709732678859", "status": "PROCESSING",
                                               "out_refund_no": data["out_refund_no"], "amount": data["amount"]})
        self._signed(handler, 404, {"code": "NOT_FOUND", "message": "无此接口"})

    def _place(self, handler, kind: str, data: dict) -> None:
        needed = ["appid", "mchid", "description", "out_trade_no", "notify_url", "amount"]
        if kind == "H5":
            scene = data.get("scene_info") or {}
            if not scene.get("payer_client_ip") or not (scene.get("h5_info") or {}).get("type"):
                needed.append("scene_info.payer_client_ip, scene_info.h5_info.type")
        missing = [k for k in needed if k not in data or "." in k]
        amount = data.get("amount") or {}
        if missing or not isinstance(amount.get("total"), int) or amount.get("currency", "CNY") != "CNY":
            return self._signed(handler, 400, {"code": "PARAM_ERROR", "message": f"缺少或错误：{missing}"})
        if data["mchid"] != self.keys["mchid"] or data["appid"] != self.keys["appid"]:
            return self._signed(handler, 400, {"code": "MCH_NOT_EXISTS", "message": "商户号不存在"})
        placed = {"kind": kind, **data}
        was = self.orders.get(data["out_trade_no"])
        if was is not None and {k: v for k, v in was.items() if k not in ("paid", "prepay")} != placed:
            return self._signed(handler, 400, {"code": "OUT_TRADE_NO_USED", "message": "商户订单号重复"})
        self.orders[data["out_trade_no"]] = order = was or {**placed, "prepay": "wx" + secrets.token_hex(14)}
        if kind == "NATIVE":
            return self._signed(handler, 200, {"code_url": f"weixin://wxpay/bizpayurl?pr={order['prepay'][-9:]}"})
        self._signed(handler, 200, {"h5_url": f"{self.url}/h5/checkmweb?prepay_id={order['prepay']}&package=2056"})

    def transaction(self, order: dict) -> dict:
        paid = order.get("paid")
        return {"mchid": order["mchid"], "appid": order["appid"], "out_trade_no": order["out_trade_no"],
                "trade_type": order["kind"], "trade_state": "SUCCESS" if paid else "NOTPAY",
                "trade_state_desc": "支付成功" if paid else "未支付", **({"transaction_id": paid} if paid else {}),
                "amount": {"total": order["amount"]["total"], "currency": "CNY",
                           **({"payer_total": order["amount"]["total"], "payer_currency": "CNY"} if paid else {})}}

    def pay(self, out_trade_no: str) -> httpx.Response:
        """The payer pays: the order is paid, and WeChat Pay notifies the order's notify_url (encrypted with the API
        v3 key, signed by the platform key)."""
        order = self.orders[out_trade_no]
        order["paid"] = "42000000002026" + secrets.token_hex(7)
        nonce = secrets.token_hex(6)
        sealed = AESGCM(self.apiv3_key.encode()).encrypt(nonce.encode(), json.dumps(self.transaction(order)).encode(),
                                                         b"transaction")
        body = json.dumps({"id": "EV-" + secrets.token_hex(8), "create_time": "2026-12-04T12:00:01+08:00",
                           "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS",
                           "summary": "支付成功", "resource": {
                               "original_type": "transaction", "algorithm": "AEAD_AES_256_GCM", "nonce": nonce,
                               "ciphertext": base64.b64encode(sealed).decode(), "associated_data": "transaction"}})
        stamp, header_nonce = str(int(time.time())), secrets.token_hex(16)
        return httpx.post(order["notify_url"], content=body.encode(), headers={
            "Content-Type": "application/json", "Wechatpay-Timestamp": stamp, "Wechatpay-Nonce": header_nonce,
            "Wechatpay-Serial": self.keys["platform_public_key_id"], "Wechatpay-Signature-Type":
                "WECHATPAY2-SHA256-RSA2048", "Wechatpay-Signature": sign(self.platform_key,
                                                                         f"{stamp}\n{header_nonce}\n{body}\n")})


class Alipay(Platform):
    def __init__(self, notify_url=""):
        super().__init__()
        self.alipay_key, self.app_key = new_key(), new_key()
        self.keys = {"app_id": "2021000000000001", "app_private_key": pem(self.app_key, True),
                     "alipay_public_key": pem(self.alipay_key, False), "seller_id": "2088000000000001",
                     "notify_url": notify_url or "https://grad.zk.cn/api/apply/payments/alipay/callback"}
        self.orders: dict[str, dict] = {}

    def _refusal(self, fields: dict) -> str | None:
        signature = fields.pop("sign", "")
        text = "&".join(f"{k}={v}" for k, v in sorted(fields.items()))
        if not verified(self.app_key.public_key(), text, signature):
            return "验签出错"
        common = {"app_id": self.keys["app_id"], "charset": "utf-8", "sign_type": "RSA2", "version": "1.0"}
        wrong = [k for k, v in common.items() if fields.get(k) != v]
        if wrong:
            return f"公共参数错误：{wrong}"
        try:
            stamp = datetime.strptime(fields.get("timestamp", ""), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return "timestamp 格式错误"
        if abs((datetime.now(UTC).replace(tzinfo=None) + BEIJING - stamp).total_seconds()) > 600:
            return "timestamp 不是北京时间的当前时间"
        return None

    def _signed(self, handler, method: str, answer: dict) -> None:
        inner = json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
        name = method.replace(".", "_") + "_response"
        body = f'{{"{name}":{inner},"sign":"{sign(self.alipay_key, inner)}"}}'.encode()
        self.reply(handler, 200, body, {"Content-Type": "text/html;charset=utf-8"})

    def answer(self, handler, body: bytes) -> None:
        fields = dict(parse_qsl(urlsplit(handler.path).query, keep_blank_values=True))
        if body:
            fields.update(parse_qsl(body.decode(), keep_blank_values=True))
        method = fields.get("method", "")
        content = json.loads(fields.get("biz_content") or "{}")
        self.requests.append({"method": method, "fields": dict(fields), "biz_content": content})
        why = self._refusal(dict(fields))
        if why:
            self.refused.append(why)
            return self._signed(handler, method or "error", {"code": "40002", "msg": "Invalid Arguments",
                                                             "sub_msg": why})
        if method in ("alipay.trade.wap.pay", "alipay.trade.page.pay"):
            product = {"alipay.trade.wap.pay": "QUICK_WAP_WAY", "alipay.trade.page.pay": "FAST_INSTANT_TRADE_PAY"}
            needed = ["out_trade_no", "total_amount", "subject"] + (["quit_url"] if "wap" in method else [])
            missing = [k for k in needed if not content.get(k)]
            if missing or content.get("product_code") != product[method]:
                self.refused.append(f"{method} 缺少 {missing} 或产品码错误")
                return self.reply(handler, 400, "参数错误".encode(), {"Content-Type": "text/plain;charset=utf-8"})
            self.orders.setdefault(content["out_trade_no"], {**content, "notify_url": fields.get("notify_url"),
                                                             "return_url": fields.get("return_url")})
            page = f"<html><body><h1>支付宝收银台</h1><p>{content['subject']} ¥{content['total_amount']}</p>"
            return self.reply(handler, 200, page.encode(), {"Content-Type": "text/html;charset=utf-8"})
        order = self.orders.get(content.get("out_trade_no", ""))
        if method == "alipay.trade.query":
            if order is None:
                return self._signed(handler, method, {"code": "40004", "msg": "Business Failed",
                                                      "sub_code": "ACQ.TRADE_NOT_EXIST", "sub_msg": "交易不存在"})
            return self._signed(handler, method, self.trade(order))
        if method == "alipay.trade.refund" and order is not None and order.get("paid"):
            return self._signed(handler, method, {"code": "10000", "msg": "Success", "fund_change": "Y",
                                                  "out_trade_no": order["out_trade_no"],
                                                  "refund_fee": content.get("refund_amount")})
        self._signed(handler, method or "error", {"code": "40004", "msg": "Business Failed"})

    def trade(self, order: dict) -> dict:
        return {"code": "10000", "msg": "Success", "out_trade_no": order["out_trade_no"],
                "trade_no": order.get("paid") or "", "total_amount": order["total_amount"],
                "trade_status": "TRADE_SUCCESS" if order.get("paid") else "WAIT_BUYER_PAY"}

    def pay(self, out_trade_no: str) -> httpx.Response:
        """The payer pays: Alipay posts its signed notification (form-encoded) to the order's notify_url."""
        order = self.orders[out_trade_no]
        order["paid"] = "2026120422001" + secrets.token_hex(8)
        fields = {"notify_time": (datetime.now(UTC) + BEIJING).strftime("%Y-%m-%d %H:%M:%S"),
                  "notify_type": "trade_status_sync", "notify_id": secrets.token_hex(8), "charset": "utf-8",
                  "version": "1.0", "app_id": self.keys["app_id"], "seller_id": self.keys["seller_id"],
                  "trade_no": order["paid"], "out_trade_no": out_trade_no, "trade_status": "TRADE_SUCCESS",
                  "total_amount": order["total_amount"], "subject": order["subject"]}
        text = "&".join(f"{k}={v}" for k, v in sorted(fields.items()))
        body = urlencode({**fields, "sign_type": "RSA2", "sign": sign(self.alipay_key, text)})
        return httpx.post(order["notify_url"], content=body.encode(),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
