"""Payment of the fee where the profile has one: orders, the place to pay, provider callbacks, refunds.

rules.py holds the order state and the rule a callback is applied with; providers.py the provider interface.
A verified callback changes the order conditionally on the status it was read in, in the same transaction as the
application's lifecycle event and the audit entry, so a replayed or reordered callback is applied once.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from functions.apply.application import lifecycle
from functions.apply.application.events import CreateOrder
from functions.apply.application.rules import Rules
from functions.apply.application.service import Applications
from functions.apply.application.status import Lifecycle, Status
from functions.common.errors import Conflict, NotFound
from functions.common.session import Identity
from functions.profiles.vocabulary import StageKind

from . import qr, rules
from .providers import PaymentProvider
from .rules import Callback, Order, OrderStatus, Payer, ShowAs
from .store import LostRace, OrderStore, lost_race_raised, order_of

# An order moves at most three times (created → failed → paid → refunded), so a callback judged again after each
# race it lost is settled within that many rounds.
ORDER_MOVES = 3


class PaymentService:
    def __init__(self, applications: Applications, orders: OrderStore,
                 providers: Callable[[], dict[str, PaymentProvider]]):
        """`providers()` answers {name: PaymentProvider}; called when first needed (the sandbox reads its key)."""
        self.applications, self.orders, self._providers = applications, orders, providers
        self._cache: dict[str, PaymentProvider] | None = None

    def providers(self) -> dict[str, PaymentProvider]:
        if self._cache is None:
            self._cache = self._providers()
        return self._cache

    def provider(self, name: str) -> PaymentProvider:
        if name not in self.providers():
            raise NotFound("没有这个支付渠道")
        return self.providers()[name]

    # orders ------------------------------------------------------------------------------------------------
    def ensure_order(self, item: dict, submission: int, amount_fen: int) -> dict:
        """The order of this submission, made now if the effect that makes it has not run yet."""
        order_id = rules.order_id_for(f"{item['batch_id']}#{item['exam_no']}", submission)
        stored = self.orders.get(order_id)
        if stored:
            return stored
        return self.orders.create(rules.new_order(order_id, amount_fen), item, submission,
                                  next(iter(self.providers())), self.applications.clock())

    def order_action(self, item: dict, effect: CreateOrder) -> dict | None:
        """The put that makes a CreateOrder effect's order in the change's own transaction (None: it exists)."""
        order_id = rules.order_id_for(f"{item['batch_id']}#{item['exam_no']}", effect.submission)
        if self.orders.get(order_id):
            return None
        return self.orders.create_action(rules.new_order(order_id, effect.amount_fen), item, effect.submission,
                                         next(iter(self.providers())), self.applications.clock())

    def _due(self, me: Identity) -> tuple[dict, dict]:
        """The order of my current submission with its fee, made now if need be; 409 when no fee is due."""
        _, item = self.applications.mine(me.exam_no)
        profile = self.applications.profile
        state = Lifecycle.from_dict(item["lifecycle"])
        stage = next((s for s in profile.stages if s["id"] == state.stage), None)
        if state.paid_order:
            stored = self.orders.get(state.paid_order)
            if stored is not None:
                return stored, profile.data["fee"]
        if state.status != Status.IN_REVIEW or not stage or stage["kind"] != StageKind.PAYMENT:
            raise Conflict("您的申请现在不需要缴费")
        return self.ensure_order(item, state.submissions, Rules(profile.data).fee_fen()), profile.data["fee"]

    def mine(self, me: Identity, payer: Payer) -> dict:
        """The order to pay now, with where to pay it from the payer's device; 409 when nothing is due or it is
        paid already."""
        order, fee = self._due(me)
        if order["status"] == OrderStatus.PAID or self._settled_meanwhile(order):
            raise Conflict("您已缴费，无需重复缴费（支付结果已确认）")
        name = next(iter(self.providers()))      # the first configured provider takes new payments
        subject = rules.paid_for(self.applications.profile.data["province"], fee["name"])
        link = self.provider(name).create_order(order_of(order), subject, payer)
        return {"order_id": order["order_id"], "amount_fen": int(order["amount_fen"]), "fee_name": fee["name"],
                "status": order["status"], "provider": link.provider, "pay_url": link.url, "show_as": link.show_as,
                "qr_png": qr.data_url(link.url) if link.show_as == ShowAs.QR else None}

    def state(self, me: Identity) -> dict:
        """My fee's order as it stands, for the pay page to show and to poll until paid: an order still waiting is
        asked of its provider (its notification may be late)."""
        order, fee = self._due(me)
        if order["status"] == OrderStatus.CREATED and self._settled_meanwhile(order):
            order = self.orders.get(order["order_id"]) or order
        return {"order_id": order["order_id"], "amount_fen": int(order["amount_fen"]), "fee_name": fee["name"],
                "status": order["status"]}

    def receipt(self, me: Identity, order_id: str) -> dict:
        """A paid order's receipt (查看订单并打印), for the candidate whose order it is: another's is not found, the
        same as one that does not exist."""
        stored = self.orders.get(order_id)
        if stored is None or stored["exam_no"] != me.exam_no:
            raise NotFound("找不到该订单")
        if stored["status"] not in (OrderStatus.PAID, OrderStatus.REFUNDED):
            raise Conflict("该订单尚未缴费，没有缴费凭证；缴费成功后可以查看和打印", field="order_id")
        profile = self.applications.profile.data
        payer = self.orders.payer_name(me.exam_no) or me.display_name
        return rules.receipt(stored, payer, profile["fee"]["name"], profile["province"])

    def _settled_meanwhile(self, order: dict) -> bool:
        """An order whose notification never came: ask its provider (where it can be asked) before sending the
        candidate to pay again, and apply what it says as a notification would be."""
        name = order.get("provider") or ""
        query = getattr(self.providers().get(name), "query", None)
        if order["status"] != OrderStatus.CREATED or query is None:
            return False
        found = query(order_of(order))
        return found is not None and self.apply(found, name)["status"] == OrderStatus.PAID

    # callbacks -----------------------------------------------------------------------------------------------
    def receive(self, provider_name: str, body: bytes, headers: Mapping[str, str]) -> dict:
        """A provider's notification: verified, then applied once (replays answer applied: false)."""
        callback = self.provider(provider_name).verify_callback(body, headers)
        return self.apply(callback, provider_name)

    def sandbox_pay(self, me: Identity, order_id: str, outcome: str) -> dict:
        """The sandbox pay page's button: the sandbox signs the callback a real provider would send."""
        order = self.orders.get(order_id)
        if order is None or order["exam_no"] != me.exam_no:
            raise NotFound("找不到该订单")
        sandbox = self.provider("sandbox")              # a SandboxProvider: only it signs on the payer's behalf
        return self.receive("sandbox", sandbox.callback_body(order_id, int(order["amount_fen"]), outcome), {})

    def apply(self, callback: Callback, provider_name: str) -> dict:
        """Apply a verified callback once. A write that lost a race is not tried again blindly: the order is read
        again and the callback judged against what is stored now, so a callback that meets its twin answers from
        the order the twin stored (a provider repeats anything but a 200), and one that meets other news (a failed
        attempt stored first) is applied on top of it."""
        for _ in range(ORDER_MOVES + 1):
            stored = self.orders.get(callback.order_id)
            order, changed = rules.apply_callback(order_of(stored) if stored else None, callback)
            if not changed:
                return {"ok": True, "applied": False, "status": order.status}
            try:
                with lost_race_raised():
                    self._store(stored, order, provider_name)
            except LostRace:
                continue
            return {"ok": True, "applied": True, "status": order.status}
        raise Conflict("支付结果正在处理，请稍后重试")

    def _store(self, stored: dict, order: Order, provider_name: str) -> None:
        who, now = f"payment:{provider_name}", self.applications.clock()
        if order.status == OrderStatus.FAILED:
            return self.orders.move_alone(stored, order, who, "payment_failed", now)
        item = self.applications.item(stored["exam_no"], stored["batch_id"])
        event: lifecycle.PaymentConfirmed | lifecycle.RefundDone = (
            lifecycle.PaymentConfirmed(order.order_id, order.amount_fen, now) if order.status == OrderStatus.PAID
            else lifecycle.RefundDone(order.order_id, now))
        try:
            self.applications.transition(item, event, who, "paid" if order.status == OrderStatus.PAID else "refunded",
                                         extra=[self.orders.moved(stored, order, now)])
        except lifecycle.TransitionRefused as err:
            # Money for an application no longer at the fee stage: the order keeps it for staff to refund.
            self.orders.move_alone(stored, order, who, "payment_unexpected", now, err.message)

    # effects -------------------------------------------------------------------------------------------------
    def make_order(self, owed: dict) -> None:
        """Perform a CreateOrder effect."""
        effect = owed["effect"]
        self.ensure_order(owed, int(effect["submission"]), int(effect["amount_fen"]))

    def refund(self, owed: dict) -> None:
        """Perform a Refund effect: ask the provider, and apply its answer when it comes at once."""
        order_id = owed["effect"]["order_id"]
        stored = self.orders.get(order_id)
        if stored is None:
            raise NotFound(f"找不到订单 {order_id}")
        provider_name = stored.get("provider") or "sandbox"
        answer = self.provider(provider_name).refund(order_of(stored), "RF" + stored["order_id"][2:])
        if answer is not None:
            self.apply(answer, provider_name)
