"""WeChat Pay API v3 as a PaymentProvider, on the maintained `wechatpayv3` SDK (direct merchant, public-key mode).

The merchant's keys are one SSM SecureString parameter (template parameter WechatPayParameter), a JSON object with
mchid, appid, merchant_serial_no, merchant_private_key (PEM), apiv3_key, platform_public_key (PEM: 微信支付公钥),
platform_public_key_id (PUB_KEY_ID_…) and notify_url (https://<site>/api/apply/payments/wechat/callback); read once
per container. Public-key mode: the SDK never downloads platform certificates, so nothing is fetched at start.

A callback is applied only when: the Wechatpay-Serial is our platform key's id (any other would make the SDK go and
download certificates), the Wechatpay-Timestamp is within five minutes (a replayed old notification is refused),
the RSA-SHA256 signature over "timestamp\\nnonce\\nbody\\n" verifies with the platform public key, the resource
decrypts with the API v3 key (AEAD_AES_256_GCM), and the decrypted transaction names our mchid and appid, CNY, and a
whole amount in fen. The order, its amount and its state are then checked against the stored order
(rules.apply_callback).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from urllib.parse import quote, urljoin

from .rules import (
    MAX_CALLBACK_BYTES,
    Callback,
    CallbackRejected,
    Device,
    Order,
    OrderStatus,
    Payer,
    PayLink,
    ShowAs,
    is_fen,
)

NAME = "wechat"
FRESH_SECONDS = 300
KEYS = ("mchid", "appid", "merchant_serial_no", "merchant_private_key", "apiv3_key", "platform_public_key",
        "platform_public_key_id", "notify_url")
# trade_state → what the order becomes; NOTPAY / USERPAYING say nothing has happened yet.
OUTCOMES = {"SUCCESS": OrderStatus.PAID, "CLOSED": OrderStatus.FAILED, "PAYERROR": OrderStatus.FAILED,
            "REVOKED": OrderStatus.FAILED}
# The letter each kind of order adds to the order id for its out_trade_no (WeChatPayType names).
CHANNELS = {"NATIVE": "N", "H5": "H"}


class WechatPayProvider:
    name = NAME

    def __init__(self, keys: Mapping[str, str], clock: Callable[[], int], client=None, gateway: str | None = None):
        """`gateway`: another API address than WeChat Pay's (the tests' local server that speaks its protocol)."""
        missing = [k for k in KEYS if not keys.get(k)]
        if missing:
            raise ValueError(f"微信支付密钥参数缺少：{', '.join(missing)}")
        self.keys, self.clock = dict(keys), clock
        self.client = client or _client(self.keys)
        if gateway:
            self.client._core._gate_way = gateway

    @classmethod
    def from_ssm(cls, ssm, parameter: str, clock: Callable[[], int]) -> WechatPayProvider:
        value = ssm.get_parameter(Name=parameter, WithDecryption=True)["Parameter"]["Value"]
        return cls(json.loads(value), clock)

    # orders ------------------------------------------------------------------------------------------------------
    def create_order(self, order: Order, subject: str, payer: Payer) -> PayLink:
        """On a desktop a Native order: its code_url, shown as a QR code for the WeChat app to scan. On a phone an H5
        order (scene_info with the payer's address, which WeChat Pay checks when the h5_url is opened): its h5_url,
        with the page to come back to as redirect_url. Each kind has its own out_trade_no (the order id and a
        letter), since WeChat Pay refuses one out_trade_no placed again as another kind."""
        from wechatpayv3 import WeChatPayType
        kind = WeChatPayType.H5 if payer.device == Device.PHONE else WeChatPayType.NATIVE
        extra = {"scene_info": {"payer_client_ip": payer.client_ip, "h5_info": {"type": "Wap"}}} \
            if kind == WeChatPayType.H5 else {}
        code, message = self.client.pay(description=subject[:127], out_trade_no=order.order_id + CHANNELS[kind.name],
                                        amount={"total": order.amount_fen, "currency": "CNY"},
                                        notify_url=self.keys["notify_url"], pay_type=kind, **extra)
        answer = _json(message)
        if kind == WeChatPayType.H5:
            url = str(answer.get("h5_url", ""))
            if code != 200 or not url.startswith(("https://", self.client._core._gate_way)):
                raise RuntimeError(f"微信支付下单失败（{code}）：{answer.get('code') or ''}")
            back = urljoin(self.keys["notify_url"], payer.return_url)
            return PayLink(order.order_id, f"{url}&redirect_url={quote(back, safe='')}", NAME)
        if code != 200 or not str(answer.get("code_url", "")).startswith("weixin://"):
            raise RuntimeError(f"微信支付下单失败（{code}）：{answer.get('code') or ''}")
        return PayLink(order.order_id, answer["code_url"], NAME, ShowAs.QR)

    def query(self, order: Order) -> Callback | None:
        """The order's state at WeChat Pay, for an order whose callback never came (None: nothing final yet). Each
        kind the order may have been placed as is asked; one never placed answers 404 ORDER_NOT_EXIST."""
        for letter in CHANNELS.values():
            code, message = self.client.query(out_trade_no=order.order_id + letter)
            found = self._callback(_json(message), settled_only=True) if code == 200 else None
            if found is not None:
                return found
        return None

    def refund(self, order: Order, refund_id: str) -> Callback | None:
        """A full refund of the payment (named by WeChat Pay's transaction id, whichever kind was paid); WeChat Pay
        answers later with a refund notification, so nothing final now."""
        if order.status not in (OrderStatus.PAID, OrderStatus.REFUNDED):
            raise CallbackRejected("订单尚未支付，不能退款", "not_paid")
        code, message = self.client.refund(out_refund_no=refund_id, transaction_id=order.transaction_id,
                                           amount={"refund": order.amount_fen, "total": order.amount_fen,
                                                   "currency": "CNY"})
        if code not in (200, 201):
            raise RuntimeError(f"微信支付退款失败（{code}）：{_json(message).get('code') or ''}")
        return None

    # callbacks ---------------------------------------------------------------------------------------------------
    def verify_callback(self, body: bytes, headers: Mapping[str, str]) -> Callback:
        if not isinstance(body, (bytes, bytearray)) or not body or len(body) > MAX_CALLBACK_BYTES:
            raise CallbackRejected("支付回调格式不正确：内容为空或过长", "malformed")
        lower = {k.lower(): v for k, v in headers.items()}
        if lower.get("wechatpay-serial") != self.keys["platform_public_key_id"]:
            raise CallbackRejected("支付回调签名无效：平台公钥编号不符", "bad_signature")
        if lower.get("wechatpay-signature-type", "WECHATPAY2-SHA256-RSA2048") != "WECHATPAY2-SHA256-RSA2048":
            raise CallbackRejected("支付回调签名无效：签名算法不符", "bad_signature")
        stamp = lower.get("wechatpay-timestamp", "")
        if not stamp.isdigit() or abs(self.clock() - int(stamp)) > FRESH_SECONDS:
            raise CallbackRejected("支付回调已过期或时间不符（可能是重放）", "stale")
        fields = {"wechatpay-signature": lower.get("wechatpay-signature", ""), "wechatpay-timestamp": stamp,
                  "wechatpay-nonce": lower.get("wechatpay-nonce", ""), "wechatpay-serial": lower["wechatpay-serial"],
                  "wechatpay-signature-type": "WECHATPAY2-SHA256-RSA2048"}
        try:
            data = self.client.callback(fields, bytes(body).decode("utf-8"))
        except Exception:   # the SDK raises bare Exceptions for bad encodings, algorithms and ciphertexts
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("resource"), dict):
            raise CallbackRejected("支付回调签名无效或无法解密", "bad_signature")
        if data.get("event_type") == "REFUND.SUCCESS":
            return self._refunded(data["resource"])
        if data.get("event_type") not in ("TRANSACTION.SUCCESS", None):
            raise CallbackRejected("支付回调不是支付或退款成功的通知", "malformed")
        return self._callback(data["resource"], settled_only=False)

    def _refunded(self, resource: dict) -> Callback:
        """A refund notification (the answer to `refund`): our mchid, a full refund of the order's amount. It names
        no appid."""
        if resource.get("mchid") != self.keys["mchid"]:
            raise CallbackRejected("退款回调的商户号不是本站的", "wrong_merchant")
        amount = resource.get("amount") if isinstance(resource.get("amount"), dict) else {}
        if not is_fen(amount.get("total")) or amount.get("refund") != amount.get("total"):
            raise CallbackRejected("退款回调的金额不正确", "wrong_amount")
        order_id, refund_id = order_of_trade(resource.get("out_trade_no")), resource.get("refund_id")
        if resource.get("refund_status") != "SUCCESS" or not order_id or not refund_id:
            raise CallbackRejected("退款回调缺少订单号或退款单号", "malformed")
        return Callback(order_id, OrderStatus.REFUNDED, amount["total"], str(refund_id))

    def _callback(self, resource: dict, settled_only: bool) -> Callback | None:
        if resource.get("mchid") != self.keys["mchid"] or resource.get("appid") != self.keys["appid"]:
            raise CallbackRejected("支付回调的商户号或应用号不是本站的", "wrong_merchant")
        amount = resource.get("amount") if isinstance(resource.get("amount"), dict) else {}
        if amount.get("currency", "CNY") != "CNY" or not is_fen(amount.get("total")):
            raise CallbackRejected("支付回调的金额或币种不正确", "wrong_amount")
        outcome = OUTCOMES.get(str(resource.get("trade_state")))
        order_id, transaction = order_of_trade(resource.get("out_trade_no")), resource.get("transaction_id")
        if outcome is None:
            if settled_only:
                return None
            raise CallbackRejected("支付回调的交易状态不是最终结果", "malformed")
        if not isinstance(order_id, str) or (outcome == OrderStatus.PAID and not transaction):
            raise CallbackRejected("支付回调缺少订单号或交易号", "malformed")
        return Callback(order_id, outcome, amount["total"], str(transaction or ""))


def order_of_trade(out_trade_no: object) -> str | None:
    """Our order id from WeChat Pay's out_trade_no (the order id and the letter of the kind it was placed as)."""
    if not isinstance(out_trade_no, str) or out_trade_no[-1:] not in CHANNELS.values():
        return None
    return out_trade_no[:-1]


def _json(message) -> dict:
    try:
        answer = json.loads(message) if isinstance(message, (str, bytes)) else {}
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


def _client(keys: dict):
    from wechatpayv3 import WeChatPay, WeChatPayType
    return WeChatPay(wechatpay_type=WeChatPayType.NATIVE, mchid=keys["mchid"], appid=keys["appid"],
                     private_key=keys["merchant_private_key"], cert_serial_no=keys["merchant_serial_no"],
                     apiv3_key=keys["apiv3_key"], notify_url=keys["notify_url"], timeout=(3, 10),
                     public_key=keys["platform_public_key"], public_key_id=keys["platform_public_key_id"])
