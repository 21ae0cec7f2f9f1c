"""在籍注册 on a record that already has an account: a one-time code to the phone on the record, and a notice to
every account already bound (a portal message on the record and an SMS), so a takeover is never silent.

Knowing a candidate's name, ID number and 准考证号 is not proof (all three are printed on the 准考证); holding the
phone the record was registered with is. The code is six digits, lives 10 minutes, is stored by its hash and is
burned after 5 wrong tries (rules.py). The SMS kinds this module queues: `binding_code` {code, minutes} and
`new_binding` {time}; neither carries any part of an ID number.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from functions.apply.application.events import Notice
from functions.common.errors import BadInput, Conflict
from functions.common.session import Identity
from functions.common.time import shown

from .rules import BINDING_CODE_DIGITS, BINDING_CODE_SECONDS, BINDING_CODE_TRIES, BINDING_CODE_WRONG, phone_tail
from .store import AccountStore, TokenStore

NO_PHONE = "该考籍已绑定其他账号，且考籍档案中没有手机号，无法发送验证码：请携带身份证到档案所在地自考办办理"


def _digest(account_id: str, exam_no: str, code: str) -> str:
    # Bound to the account and the record: a code sent for one record never binds another.
    return hashlib.sha256(f"{account_id}\x1f{exam_no}\x1f{code.strip()}".encode()).hexdigest()


def send_code(tokens: TokenStore, outbox, store: AccountStore, me: Identity, record: dict, now: int) -> dict:
    """A new code (replacing any earlier one) to the phone on the record; answers what the page shows."""
    phone = store.record_phone(record["exam_no"])
    if not phone:
        raise Conflict(NO_PHONE, field="exam_no")
    code = f"{secrets.randbelow(10 ** BINDING_CODE_DIGITS):0{BINDING_CODE_DIGITS}d}"
    digest = _digest(me.account_id, record["exam_no"], code)
    tokens.put_binding_code(me.account_id, record["exam_no"], digest, now + BINDING_CODE_SECONDS)
    minutes = str(BINDING_CODE_SECONDS // 60)
    # each code its own message: two asked in one second were one message, and the second code never arrived
    outbox.queue("binding_code", phone, {"code": code, "minutes": minutes},
                 dedupe=f"binding#{me.account_id}#{now}#{secrets.token_hex(4)}",
                 exam_no=record["exam_no"], account=me.account_id)
    store.log_account(me.account_id, me, "binding_code_sent", now, detail={"exam_no": record["exam_no"]})
    return {"code_sent": True, "phone_tail": phone_tail(phone), "expires_in": BINDING_CODE_SECONDS}


def check_code(tokens: TokenStore, me: Identity, exam_no: str, code: str, now: int) -> None:
    """The code sent for this account and record, or BadInput (the code is burned after the last wrong try)."""
    pending = tokens.binding_code(me.account_id, now)
    if pending is None or pending["exam_no"] != exam_no:
        raise BadInput(BINDING_CODE_WRONG, field="code")
    if not hmac.compare_digest(pending["code_hash"], _digest(me.account_id, exam_no, code)):
        if tokens.count_binding_try(me.account_id) >= BINDING_CODE_TRIES:
            tokens.drop_binding_code(me.account_id)
        raise BadInput(BINDING_CODE_WRONG, field="code")
    tokens.drop_binding_code(me.account_id)


def tell_bound_accounts(store: AccountStore, outbox, exam_no: str, bound: list[str], now: int) -> None:
    """A portal message on the record (every bound account reads it) and an SMS to the record's phone and to each
    bound account's own phone."""
    at = shown(now)
    store.post_message(exam_no, {"event": Notice.ACCOUNT_BOUND.value, "stage": None,
                                 "status_text": f"{at} 您的考籍绑定了一个新的网上账号",
                                 "next_step": "如果不是您本人或您委托的人操作，请立即携带身份证联系档案所在地自考办",
                                 "reason": None}, now)
    phones = {store.record_phone(exam_no)} | {str((store.load(a) or {}).get("phone") or "") for a in bound}
    for phone in sorted(p for p in phones if p):
        outbox.queue("new_binding_warning", phone, {"when": at}, dedupe=f"bound#{exam_no}#{now}#{phone}",
                     exam_no=exam_no)
