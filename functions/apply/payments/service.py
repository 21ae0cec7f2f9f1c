"""Payment of the fee where the profile has one: orders, the place to pay, provider callbacks, refunds.

payments.py holds the provider interface and the pure rules; this module stores. An order is made once per
submission (its id derives from the application and the submission). A verified callback changes the order
conditionally on the status it was read in, in the same transaction as the application's lifecycle event and the
audit entry, so a replayed or reordered callback is applied once and a lost race is simply read again.
"""
from __future__ import annotations

import secrets

from functions.apply.application import lifecycle
from functions.apply.application.lifecycle import Lifecycle
from functions.apply.application.store import ApplicationStore
from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.transact import TransactionConflict, put, update, write_all
from functions.common.errors import Conflict, NotFound
from functions.common.session import Identity
from functions.common.time import iso

from . import providers as payments


def sandbox_provider(table) -> payments.SandboxProvider:
    """The sandbox's signing key lives in the table, made at random by whichever container asks first."""
    item = {**keys.sandbox_secret(), "kind": "config", "secret": secrets.token_hex(32)}
    try:
        table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
    except table.meta.client.exceptions.ConditionalCheckFailedException:
        item = table.get_item(Key=keys.sandbox_secret(), ConsistentRead=True)["Item"]
    return payments.SandboxProvider(bytes.fromhex(item["secret"]), pay_url="/pay/sandbox.html")


def order_of(item: dict) -> payments.Order:
    return payments.Order(item["order_id"], int(item["amount_fen"]), item["status"], item.get("transaction_id"),
                          item.get("refund_id"))


class PaymentService:
    def __init__(self, store: ApplicationStore, providers):
        """`providers()` answers {name: PaymentProvider}; called when first needed (the sandbox reads its key)."""
        self.store, self.table, self._providers, self._cache = store, store.table, providers, None

    def providers(self) -> dict:
        if self._cache is None:
            self._cache = self._providers()
        return self._cache

    def provider(self, name: str) -> payments.PaymentProvider:
        if name not in self.providers():
            raise NotFound("没有这个支付渠道")
        return self.providers()[name]

    # orders ------------------------------------------------------------------------------------------------
    def order_id(self, item: dict, submission: int) -> str:
        return payments.order_id_for(f"{item['batch_id']}#{item['exam_no']}", submission)

    def ensure_order(self, item: dict, submission: int, amount_fen: int) -> dict:
        """The order of this submission, made now if the effect that makes it has not run yet."""
        order_id = self.order_id(item, submission)
        stored = self.table.get_item(Key=keys.order(order_id), ConsistentRead=True).get("Item")
        if stored:
            return stored
        order = payments.new_order(order_id, amount_fen)
        new = {**keys.order(order_id), "kind": "order", "order_id": order_id, "exam_no": item["exam_no"],
               "batch_id": item["batch_id"], "submission": submission, "amount_fen": order.amount_fen,
               "status": order.status, "provider": next(iter(self.providers())),
               "created_at": iso(self.store.clock())}
        try:
            self.table.put_item(Item=new, ConditionExpression="attribute_not_exists(PK)")
        except self.table.meta.client.exceptions.ConditionalCheckFailedException:
            return self.table.get_item(Key=keys.order(order_id), ConsistentRead=True)["Item"]
        return new

    def mine(self, me: Identity) -> dict:
        """The order to pay now, with where to pay it; 409 when the application is not waiting for the fee."""
        batch, item = self.store.mine(me.exam_no)
        state = Lifecycle.from_dict(item["lifecycle"])
        stage = next((s for s in self.store.profile.stages if s["id"] == state.stage), None)
        if state.status != lifecycle.IN_REVIEW or not stage or stage["kind"] != "payment":
            raise Conflict("您的申请现在不需要缴费" if not state.paid_order else "您已缴费，无需重复缴费")
        fee = self.store.profile.data["fee"]
        order = self.ensure_order(item, state.submissions, int(fee["amount_yuan"]) * 100)
        name = next(iter(self.providers()))      # the first configured provider takes new payments
        link = self.provider(name).create_order(order_of(order), f"{self.store.profile.data['province']}自考{fee['name']}")
        return {"order_id": order["order_id"], "amount_fen": int(order["amount_fen"]), "fee_name": fee["name"],
                "status": order["status"], "provider": link.provider, "pay_url": link.url}

    # callbacks -----------------------------------------------------------------------------------------------
    def receive(self, provider_name: str, body: bytes, headers) -> dict:
        """A provider's notification: verified, then applied once (replays answer applied: false)."""
        callback = self.provider(provider_name).verify_callback(body, headers)
        return self.apply(callback, provider_name)

    def sandbox_pay(self, me: Identity, order_id: str, outcome: str) -> dict:
        """The sandbox pay page's button: the sandbox signs the callback a real provider would send."""
        order = self.table.get_item(Key=keys.order(order_id), ConsistentRead=True).get("Item")
        if order is None or order["exam_no"] != me.exam_no:
            raise NotFound("找不到该订单")
        sandbox = self.provider("sandbox")
        return self.receive("sandbox", sandbox.callback_body(order_id, int(order["amount_fen"]), outcome), {})

    def apply(self, callback: payments.Callback, provider_name: str) -> dict:
        for _ in range(3):          # a lost race (the order or the application moved meanwhile) is read again
            stored = self.table.get_item(Key=keys.order(callback.order_id), ConsistentRead=True).get("Item")
            order, changed = payments.apply_callback(order_of(stored) if stored else None, callback)
            if not changed:
                return {"ok": True, "applied": False, "status": order.status}
            try:
                self._store(stored, order, provider_name)
            except TransactionConflict:
                continue
            return {"ok": True, "applied": True, "status": order.status}
        raise Conflict("支付结果正在处理，请稍后重试")

    def _order_update(self, stored: dict, order: payments.Order) -> dict:
        values = {":was": stored["status"], ":s": order.status, ":t": order.transaction_id or "",
                  ":r": order.refund_id or "", ":at": iso(self.store.clock())}
        return update(self.table, keys.order(order.order_id),
                      "SET #s = :s, transaction_id = :t, refund_id = :r, updated_at = :at", "#s = :was",
                      names={"#s": "status"}, values=values)

    def _store(self, stored: dict, order: payments.Order, provider_name: str) -> None:
        who, now = f"payment:{provider_name}", self.store.clock()
        if order.status == payments.FAILED:
            return self._store_alone(stored, order, provider_name, "payment_failed")
        item = self.store.item(stored["exam_no"], stored["batch_id"])
        event = (lifecycle.PaymentConfirmed(order.order_id, order.amount_fen, now) if order.status == payments.PAID
                 else lifecycle.RefundDone(order.order_id, now))
        try:
            self.store.transition(item, event, who, "paid" if order.status == payments.PAID else "refunded",
                                  extra=[self._order_update(stored, order)])
        except lifecycle.TransitionRefused as err:
            # Money for an application no longer at the fee stage: the order keeps it for staff to refund.
            self._store_alone(stored, order, provider_name, "payment_unexpected", err.message)

    def _store_alone(self, stored: dict, order: payments.Order, provider_name: str, action: str,
                     reason: str | None = None) -> None:
        """The order changes without the application (a failed attempt; money for an application no longer at
        the fee stage, which staff must refund: the audit entry says so)."""
        entry = log_item(f"CAND#{stored['exam_no']}", f"payment:{provider_name}", action, self.store.clock(),
                         before=stored["status"], after=order.status, reason=reason)
        write_all(self.table, [self._order_update(stored, order), put(self.table, entry)], "订单状态已变化，请稍后重试")

    def make_order(self, owed: dict) -> None:
        """Perform a CreateOrder effect."""
        effect = owed["effect"]
        self.ensure_order(owed, int(effect["submission"]), int(effect["amount_fen"]))

    def refund(self, owed: dict) -> None:
        """Perform a Refund effect: ask the provider, and apply its answer when it comes at once."""
        order_id = owed["effect"]["order_id"]
        stored = self.table.get_item(Key=keys.order(order_id), ConsistentRead=True).get("Item")
        if stored is None:
            raise NotFound(f"找不到订单 {order_id}")
        provider_name = stored.get("provider") or "sandbox"
        answer = self.provider(provider_name).refund(order_of(stored), "RF" + stored["order_id"][2:])
        if answer is not None:
            self.apply(answer, provider_name)
