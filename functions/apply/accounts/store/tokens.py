"""Short-lived single-use items in DynamoDB: captchas, reset tickets (security question), staff-issued reset codes
and trusted devices. Each expires by DynamoDB's TTL; a reader here treats an expired item as gone (TTL deletes
lazily). Tokens are stored by their hash, captchas by id, codes by the account they reset.
"""
from __future__ import annotations

from functions.common.dynamo import keys
from functions.common.dynamo.transact import delete

from .counters import add_one


def _live(item: dict | None, now: int) -> dict | None:
    return item if item is not None and int(item[keys.TTL_ATTRIBUTE]) > now else None


class TokenStore:
    def __init__(self, table):
        self.table = table

    def _get(self, key: dict, now: int) -> dict | None:
        return _live(self.table.get_item(Key=key, ConsistentRead=True).get("Item"), now)

    # -- captchas --------------------------------------------------------------------------------------------------
    def put_captcha(self, captcha_id: str, answer: str, expires: int) -> None:
        self.table.put_item(Item={**keys.captcha(captcha_id), "kind": "captcha", "answer": answer,
                                  keys.TTL_ATTRIBUTE: expires})

    def take_captcha(self, captcha_id: str, now: int) -> str | None:
        """Delete the captcha whatever comes next; its answer if it was there and alive."""
        item = self.table.delete_item(Key=keys.captcha(captcha_id), ReturnValues="ALL_OLD").get("Attributes")
        live = _live(item, now)
        return str(live["answer"]) if live else None

    # -- reset tickets: answering the security question --------------------------------------------------------------
    def put_ticket(self, digest: str, account_id: str, who: str, code_hash: str, expires: int) -> None:
        """`account_id` is "" for an e-mail without an account (its code matches nothing); `who`: the throttle's."""
        self.table.put_item(Item={**keys.reset_ticket(digest), "kind": "reset_ticket", "account_id": account_id,
                                  "who": who, "code_hash": code_hash, "verified": False, "answers": 0,
                                  "code_tries": 0, keys.TTL_ATTRIBUTE: expires})

    def count_code_try(self, digest: str) -> int:
        return add_one(self.table, keys.reset_ticket(digest), "code_tries")

    def verify_ticket(self, digest: str) -> None:
        """The code was right: the ticket may answer the question now."""
        self.table.update_item(Key=keys.reset_ticket(digest), UpdateExpression="SET verified = :yes",
                               ExpressionAttributeValues={":yes": True})

    def ticket(self, digest: str, now: int) -> dict | None:
        return self._get(keys.reset_ticket(digest), now)

    def count_answer(self, digest: str) -> int:
        """One wrong answer more on the ticket; how many it has had."""
        return add_one(self.table, keys.reset_ticket(digest), "answers")

    def drop_ticket(self, digest: str) -> None:
        self.table.delete_item(Key=keys.reset_ticket(digest))

    def use_ticket(self, digest: str) -> dict:
        """The transaction action that uses the ticket up (refused if it already is)."""
        return delete(self.table, keys.reset_ticket(digest), "attribute_exists(PK)")

    # -- reset codes issued by staff ---------------------------------------------------------------------------------
    def put_code(self, account_id: str, digest: str, issued_by: str, expires: int) -> None:
        """The account's code (replacing any earlier one)."""
        self.table.put_item(Item={**keys.reset_code(account_id), "kind": "reset_code", "code_hash": digest,
                                  "tries": 0, "issued_by": issued_by, keys.TTL_ATTRIBUTE: expires})

    def code_digest(self, account_id: str, now: int) -> str | None:
        """The hash of the account's live code."""
        item = self._get(keys.reset_code(account_id), now)
        return item["code_hash"] if item else None

    def count_try(self, account_id: str) -> int:
        """One wrong try more on the code; how many it has had."""
        return add_one(self.table, keys.reset_code(account_id), "tries")

    def drop_code(self, account_id: str) -> None:
        self.table.delete_item(Key=keys.reset_code(account_id))

    def use_code(self, account_id: str, digest: str) -> dict:
        """The transaction action that uses the code up (refused if it was used or replaced meanwhile)."""
        return delete(self.table, keys.reset_code(account_id), "code_hash = :h", values={":h": digest})

    # -- binding codes: sent to the phone on a record that already has an account ------------------------------------
    def put_binding_code(self, account_id: str, exam_no: str, digest: str, expires: int) -> None:
        """The account's code for binding to `exam_no` (replacing any earlier one)."""
        self.table.put_item(Item={**keys.binding_code(account_id), "kind": "binding_code", "exam_no": exam_no,
                                  "code_hash": digest, "tries": 0, keys.TTL_ATTRIBUTE: expires})

    def binding_code(self, account_id: str, now: int) -> dict | None:
        return self._get(keys.binding_code(account_id), now)

    def count_binding_try(self, account_id: str) -> int:
        return add_one(self.table, keys.binding_code(account_id), "tries")

    def drop_binding_code(self, account_id: str) -> None:
        self.table.delete_item(Key=keys.binding_code(account_id))

    # -- trusted devices -------------------------------------------------------------------------------------------
    def device(self, digest: str, now: int) -> dict | None:
        """A live trusted device: its `account_id`, and its expiry (trusted DEVICE_SECONDS before it)."""
        return self._get(keys.trusted_device(digest), now)

    def put_device(self, digest: str, account_id: str, expires: int) -> None:
        self.table.put_item(Item={**keys.trusted_device(digest), **keys.account_devices(account_id),
                                  keys.GSI1SK: str(expires), "kind": "device", "account_id": account_id,
                                  keys.TTL_ATTRIBUTE: expires})

    def drop_device(self, digest: str) -> None:
        self.table.delete_item(Key=keys.trusted_device(digest))
