"""Orders in DynamoDB, the sandbox provider's signing key, and telling a lost race from trouble.

An order item is made once per submission (its id derives from the application and the submission); a callback
changes it conditionally on the status it was read in, either alone (a failed attempt, money for an application
no longer at the fee stage) or in the application's own transaction (application/store.py) with the change it
causes.
"""
from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from botocore.exceptions import ClientError

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.common.dynamo.transact import TransactionConflict, put, update, write_all
from functions.common.time import iso

from .rules import Order, OrderStatus


class LostRace(Exception):
    """A write that changed nothing because another write changed or held the same items first."""


@contextmanager
def lost_race_raised() -> Iterator[None]:
    """Around a write: LostRace when it failed only because of another write, that is a condition that no longer
    held (the order or its application moved), or DynamoDB cancelling the transaction for another transaction on
    the same items (TransactionConflict: on AWS, two deliveries of one notification at once). Anything else
    (throttling, an outage) passes as it is."""
    try:
        yield
    except TransactionConflict as err:
        raise LostRace() from err
    except ClientError as err:
        reasons = {r.get("Code") for r in err.response.get("CancellationReasons", [])} - {"None", None}
        if err.response.get("Error", {}).get("Code") != "TransactionCanceledException" or \
                reasons != {"TransactionConflict"}:
            raise
        raise LostRace() from err


def order_of(item: dict) -> Order:
    return Order(item["order_id"], int(item["amount_fen"]), OrderStatus(item["status"]), item.get("transaction_id"),
                 item.get("refund_id"))


class OrderStore:
    def __init__(self, table):
        self.table = table

    def get(self, order_id: str) -> dict | None:
        return self.table.get_item(Key=keys.order(order_id), ConsistentRead=True).get("Item")

    @staticmethod
    def item(order: Order, application: dict, submission: int, provider: str, at: int) -> dict:
        return {**keys.order(order.order_id), "kind": "order", "order_id": order.order_id,
                "exam_no": application["exam_no"], "batch_id": application["batch_id"], "submission": submission,
                "amount_fen": order.amount_fen, "status": order.status, "provider": provider, "created_at": iso(at)}

    def create_action(self, order: Order, application: dict, submission: int, provider: str, at: int) -> dict:
        """The transaction action that makes the order item, only if it does not exist yet."""
        return put(self.table, self.item(order, application, submission, provider, at), "attribute_not_exists(PK)")

    def create(self, order: Order, application: dict, submission: int, provider: str, at: int) -> dict:
        """The order item, made now unless it exists already (then the stored one)."""
        new = self.item(order, application, submission, provider, at)
        try:
            self.table.put_item(Item=new, ConditionExpression="attribute_not_exists(PK)")
        except self.table.meta.client.exceptions.ConditionalCheckFailedException:
            return self.table.get_item(Key=keys.order(order.order_id), ConsistentRead=True)["Item"]
        return new

    def moved(self, stored: dict, order: Order, at: int) -> dict:
        """The transaction action that stores `order`'s new state, conditional on the status `stored` had."""
        values = {":was": stored["status"], ":s": order.status, ":t": order.transaction_id or "",
                  ":r": order.refund_id or "", ":at": iso(at)}
        paid = ", paid_at = :at" if order.status == OrderStatus.PAID else ""      # the receipt's time
        return update(self.table, keys.order(order.order_id),
                      "SET #s = :s, transaction_id = :t, refund_id = :r, updated_at = :at" + paid, "#s = :was",
                      names={"#s": "status"}, values=values)

    def payer_name(self, exam_no: str) -> str | None:
        """The name on the candidate's exam record (the receipt's payer)."""
        record = Store(self.table).candidate(exam_no)
        return record.get("name") if record else None

    def move_alone(self, stored: dict, order: Order, who: str, action: str, at: int, reason: str | None = None) -> None:
        """The order changes without its application, with an audit entry under the candidate."""
        entry = log_item(keys.candidate(stored["exam_no"])[keys.PK], who, action, at, before=stored["status"],
                         after=order.status, reason=reason)
        write_all(self.table, [self.moved(stored, order, at), put(self.table, entry)], "订单状态已变化，请稍后重试")

    def sandbox_secret(self) -> bytes:
        """The sandbox's signing key, made at random by whichever container asks first."""
        item = {**keys.sandbox_secret(), "kind": "config", "secret": secrets.token_hex(32)}
        try:
            self.table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
        except self.table.meta.client.exceptions.ConditionalCheckFailedException:
            item = self.table.get_item(Key=keys.sandbox_secret(), ConsistentRead=True)["Item"]
        return bytes.fromhex(item["secret"])
