"""Alipay (issue 16 item 2): asynchronous notifications signed RSA2 exactly as Alipay signs them (sorted parameters
without sign and sign_type, SHA256withRSA, base64), with keys made here, are applied; forged, tampered, foreign,
wrong-amount and unfinished ones are refused; the pay link, query and refund are the OpenAPI calls Alipay documents.
(test_platform_requests.py, against a local server that speaks Alipay's OpenAPI)."""
from __future__ import annotations

import base64
from urllib.parse import urlencode

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from functions.apply.payments import rules
from functions.apply.payments.alipay import AlipayProvider, fen, yuan
from functions.apply.payments.rules import CallbackRejected, Order, OrderStatus

ALIPAY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
APP = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key, private: bool) -> str:
    if private:
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                 serialization.NoEncryption()).decode()
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


KEYS = {"app_id": "2021000000000001", "app_private_key": pem(APP, True), "alipay_public_key": pem(ALIPAY, False),
        "seller_id": "2088000000000001", "notify_url": "https://grad.zk.cn/api/apply/payments/alipay/callback"}
ORDER = "BY0123456789abcdef01234567"


def alipay() -> AlipayProvider:
    return AlipayProvider(KEYS, clock=lambda: 1_800_000_000)


def notice(signer=ALIPAY, **changes) -> bytes:
    fields = {"notify_time": "2026-12-04 12:00:05", "notify_type": "trade_status_sync", "notify_id": "ac05099524730",
              "charset": "utf-8", "version": "1.0", "sign_type": "RSA2", "app_id": KEYS["app_id"],
              "seller_id": KEYS["seller_id"], "trade_no": "2026120422001400000000000001", "out_trade_no": ORDER,
              "trade_status": "TRADE_SUCCESS", "total_amount": "60.00", "receipt_amount": "60.00",
              "subject": "重庆自考毕业审定费", "gmt_payment": "2026-12-04 12:00:04", **changes}
    signed = "&".join(f"{k}={v}" for k, v in sorted(fields.items()) if k not in ("sign", "sign_type"))
    sign = base64.b64encode(signer.sign(signed.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
    return urlencode({**fields, "sign": sign}).encode()


def test_a_notification_signed_as_alipay_signs_it_is_applied():
    callback = alipay().verify_callback(notice(), {"content-type": "application/x-www-form-urlencoded"})
    assert callback == rules.Callback(ORDER, OrderStatus.PAID, 6000, "2026120422001400000000000001")
    paid, changed = rules.apply_callback(Order(ORDER, 6000), callback)
    assert changed and rules.apply_callback(paid, callback) == (paid, False)    # a repeat changes nothing


@pytest.mark.parametrize("body", [
    notice(signer=APP), notice(app_id="2021000000000999"), notice(seller_id="2088000000000999"),
    notice(total_amount="60.001"), notice(total_amount="-60.00"), notice(total_amount="六十"),
    notice(trade_status="WAIT_BUYER_PAY"), notice(sign_type="RSA"), b"not a form", b""])
def test_a_notification_that_is_not_alipays_word_for_this_app_is_refused(body):
    with pytest.raises(CallbackRejected):
        alipay().verify_callback(body, {})


def test_a_tampered_amount_and_a_wrong_amount_are_refused():
    tampered = notice().replace(b"total_amount=60.00", b"total_amount=0.01")
    with pytest.raises(CallbackRejected):
        alipay().verify_callback(tampered, {})
    cheap = alipay().verify_callback(notice(total_amount="0.01"), {})
    with pytest.raises(CallbackRejected) as refused:
        rules.apply_callback(Order(ORDER, 6000), cheap)
    assert refused.value.why == "wrong_amount"


def test_yuan_and_fen_convert_exactly():
    assert [yuan(n) for n in (6000, 5, 12345)] == ["60.00", "0.05", "123.45"]
    assert [fen(t) for t in ("60.00", "60", "0.5", "0.05", "60.001", "1e3", "")] == [6000, 6000, 50, 5, None, None,
                                                                                     None]
