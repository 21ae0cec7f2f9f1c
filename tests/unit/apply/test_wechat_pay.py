"""WeChat Pay API v3 (issue 16 item 2): notifications signed and encrypted exactly as WeChat Pay does it, with RSA
keys made here (the platform's "微信支付公钥" and the merchant's key), are applied; forged, tampered, replayed,
foreign-merchant, wrong-currency and unfinished ones are refused; orders, queries and refunds send the API v3
requests: test_platform_requests.py, against a local server that speaks API v3."""
from __future__ import annotations

import base64
import json
import secrets

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from functions.apply.payments import rules
from functions.apply.payments.rules import CallbackRejected, Order, OrderStatus
from functions.apply.payments.wechat import WechatPayProvider

NOW = 1_800_000_000
APIV3_KEY = "0123456789abcdef0123456789abcdef"     # 32 characters, as the merchant platform issues it


def pem(key, private: bool) -> str:
    if private:
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


PLATFORM = rsa.generate_private_key(public_exponent=65537, key_size=2048)
MERCHANT = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KEYS = {"mchid": "1900000109", "appid": "wxd678efh567hg6787", "merchant_serial_no": "5157F09EFDC096DE15EBE81A47057A72",
        "merchant_private_key": pem(MERCHANT, True), "apiv3_key": APIV3_KEY,
        "platform_public_key": pem(PLATFORM, False), "platform_public_key_id": "PUB_KEY_ID_0114232134912410000",
        "notify_url": "https://grad.zk.cn/api/apply/payments/wechat/callback"}


def provider(**changes) -> WechatPayProvider:
    return WechatPayProvider({**KEYS, **changes}, clock=lambda: NOW)


def transaction(**changes) -> dict:
    return {"mchid": KEYS["mchid"], "appid": KEYS["appid"], "out_trade_no": "BY0123456789abcdef01234567N",
            "transaction_id": "4200000000202612040000000001", "trade_type": "NATIVE", "trade_state": "SUCCESS",
            "trade_state_desc": "支付成功", "success_time": "2026-12-04T12:00:00+08:00",
            "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
            "amount": {"total": 6000, "payer_total": 6000, "currency": "CNY", "payer_currency": "CNY"}, **changes}


def notification(resource: dict, *, signer=PLATFORM, timestamp: int = NOW, serial: str | None = None,
                 event: str = "TRANSACTION.SUCCESS",
                 apiv3_key: str = APIV3_KEY) -> tuple[bytes, dict]:
    """A payment notification as WeChat Pay sends it: the transaction encrypted with AEAD_AES_256_GCM under the
    merchant's API v3 key, the body signed RSA-SHA256 over "timestamp\\nnonce\\nbody\\n" with the platform key."""
    nonce = secrets.token_hex(6)
    sealed = AESGCM(apiv3_key.encode()).encrypt(nonce.encode(), json.dumps(resource).encode(), b"transaction")
    body = json.dumps({"id": "EV-2018022511223320873", "create_time": "2026-12-04T12:00:01+08:00",
                       "resource_type": "encrypt-resource", "event_type": event, "summary": "支付成功",
                       "resource": {"original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                                    "ciphertext": base64.b64encode(sealed).decode(), "associated_data": "transaction",
                                    "nonce": nonce}}, ensure_ascii=False)
    header_nonce = secrets.token_hex(16)
    signed = f"{timestamp}\n{header_nonce}\n{body}\n".encode()
    signature = base64.b64encode(signer.sign(signed, padding.PKCS1v15(), hashes.SHA256())).decode()
    return body.encode(), {"Wechatpay-Timestamp": str(timestamp), "Wechatpay-Nonce": header_nonce,
                           "Wechatpay-Signature": signature, "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
                           "Wechatpay-Serial": serial or KEYS["platform_public_key_id"]}


def test_a_notification_signed_as_wechat_pay_signs_it_is_applied():
    body, headers = notification(transaction())
    callback = provider().verify_callback(body, headers)
    assert callback == rules.Callback("BY0123456789abcdef01234567", OrderStatus.PAID, 6000,
                                      "4200000000202612040000000001")
    order = Order("BY0123456789abcdef01234567", 6000)
    paid, changed = rules.apply_callback(order, callback)
    assert changed and paid.status == OrderStatus.PAID
    assert rules.apply_callback(paid, callback) == (paid, False)          # the same notification again changes nothing


@pytest.mark.parametrize("why, made", [
    ("forged", lambda: notification(transaction(), signer=MERCHANT)),
    ("other key id", lambda: notification(transaction(), serial="PUB_KEY_ID_9999")),
    ("replayed an hour later", lambda: notification(transaction(), timestamp=NOW - 3600)),
    ("from the future", lambda: notification(transaction(), timestamp=NOW + 3600)),
    ("encrypted with another key", lambda: notification(transaction(), apiv3_key="f" * 32)),
    ("another merchant", lambda: notification(transaction(mchid="1900000999"))),
    ("another app", lambda: notification(transaction(appid="wx0000000000000000"))),
    ("another currency", lambda: notification(transaction(amount={"total": 6000, "currency": "USD"}))),
    ("no amount", lambda: notification(transaction(amount={"currency": "CNY"}))),
    ("not finished", lambda: notification(transaction(trade_state="USERPAYING"))),
])
def test_a_notification_that_is_not_wechat_pays_word_for_this_merchant_is_refused(why, made):
    body, headers = made()
    with pytest.raises(CallbackRejected):
        provider().verify_callback(body, headers)


def test_a_tampered_body_and_a_wrong_amount_are_refused():
    body, headers = notification(transaction())
    with pytest.raises(CallbackRejected):
        provider().verify_callback(body.replace(b"TRANSACTION.SUCCESS", b"TRANSACTION.SUCCESs"), headers)
    cheap = provider().verify_callback(*notification(transaction(amount={"total": 1, "currency": "CNY"})))
    with pytest.raises(CallbackRejected) as refused:
        rules.apply_callback(Order("BY0123456789abcdef01234567", 6000), cheap)
    assert refused.value.why == "wrong_amount"


def test_an_order_whose_notification_never_came_is_asked_for_before_paying_again():
    from functions.apply.payments.service import PaymentService
    paid = rules.Callback("BY0123456789abcdef01234567", OrderStatus.PAID, 6000, "4200000000202612040000000001")

    class Asked:
        def __init__(self, answer):
            self.answer, self.asked = answer, []

        def query(self, order):
            self.asked.append(order.order_id)
            return self.answer
    applied = []
    service = PaymentService(None, None, lambda: {"wechat": Asked(paid), "alipay": Asked(None)})
    service.apply = lambda callback, name: applied.append((callback, name)) or {"status": callback.outcome}
    stored = {"order_id": paid.order_id, "amount_fen": 6000, "status": "created", "provider": "wechat"}
    assert service._settled_meanwhile(stored) and applied == [(paid, "wechat")]
    assert not service._settled_meanwhile({**stored, "provider": "alipay"})            # nothing final there yet
    assert not service._settled_meanwhile({**stored, "status": "paid"})                # nothing to ask


def test_a_refund_notification_marks_the_paid_order_refunded():
    """WeChat Pay answers a refund later, with a REFUND.SUCCESS notification (before: refused as "not a payment
    result", so a refunded order stayed paid)."""
    refund = {"mchid": KEYS["mchid"], "out_trade_no": "BY0123456789abcdef01234567H",
              "transaction_id": "4200000000202612040000000001", "out_refund_no": "RF0123456789abcdef01234567",
              "refund_id": "50000000382019052709732678859", "refund_status": "SUCCESS",
              "success_time": "2026-12-05T12:00:00+08:00", "user_received_account": "招商银行信用卡0403",
              "amount": {"total": 6000, "refund": 6000, "payer_total": 6000, "payer_refund": 6000}}
    body, headers = notification(refund, event="REFUND.SUCCESS")
    callback = provider().verify_callback(body, headers)
    assert callback == rules.Callback("BY0123456789abcdef01234567", OrderStatus.REFUNDED, 6000,
                                      "50000000382019052709732678859")
    paid = Order("BY0123456789abcdef01234567", 6000, OrderStatus.PAID, "4200000000202612040000000001")
    assert rules.apply_callback(paid, callback)[0].status == OrderStatus.REFUNDED
    for wrong in ({"mchid": "1900000999"}, {"amount": {"total": 6000, "refund": 100}}, {"refund_status": "ABNORMAL"}):
        body, headers = notification({**refund, **wrong}, event="REFUND.SUCCESS")
        with pytest.raises(CallbackRejected):
            provider().verify_callback(body, headers)
