"""The audit log: who did what, when, from what to what, and why. Written in the same transaction as the change.

Staff reads of what is most private (a full ID number, an ID-card picture, a document or photo, a printed form or
an export) are in it too (issue 15 item 7): one small put per read, `read.<what>`, in the log of the candidate read
about (a list of many: the batch's, or the reader's own account's where the list has no batch).

Personal data stays out of it: people are named by account id and role, never by ID number or password.
"""
from __future__ import annotations

import itertools
import secrets

from .dynamo import keys
from .session import Identity
from .time import iso

# Orders the entries one container writes within the same second; the random part keeps containers apart.
_SEQUENCE = itertools.count()


def unique() -> str:
    """A sort-key suffix that keeps one container's items of the same second in the order they were made."""
    return f"{next(_SEQUENCE):010d}{secrets.token_hex(3)}"


def log_item(subject_pk: str, who: Identity | str, action: str, now: int, *, before=None, after=None,
             reason: str | None = None) -> dict:
    actor = {"account_id": who.account_id, "kind": who.kind, "role": who.role} if isinstance(who, Identity) \
        else {"account_id": who, "kind": "system", "role": None}
    item = {**keys.log_entry(subject_pk, iso(now), unique()), "kind": "log", "action": action,
            "at": iso(now), "actor": {k: v for k, v in actor.items() if v is not None}}
    for name, value in (("before", before), ("after", after), ("reason", reason)):
        if value is not None:
            item[name] = value
    return item


# What a staff read shows, as the entry's action says it (`read.<what>`); the staff pages put each in words.
READ_PREFIX = "read."              # a read's action: read.<what> (the staff page's history leaves them to 更早的记录)
READ_APPLICATION = "application"   # the application's page: full ID number, photo, documents
READ_FORM = "form"                 # a printed 申请表 / 登记表
READ_ID_CARD = "id_card"           # 山西's identity pictures, with the full ID number beside them
READ_DOCUMENTS = "documents"       # a claim's or 前置学历's evidence
READ_FILE = "file"                 # an application's photo or document opened (in the reader's own log)
READ_PHOTOS = "photos"             # a page of the photo queue
READ_PRIOR_CHECKS = "prior_checks"  # the 前置学历 claims awaiting 学信网, with full ID numbers


def note_read(table, subject_pk: str, staff: Identity, what: str, now: int, about: dict | None = None) -> None:
    """Log that a member of staff read `what` about the subject (`about`: which form, which candidates; never an ID
    number). One put, not conditional: each entry's key is its own."""
    table.put_item(Item=log_item(subject_pk, staff, f"{READ_PREFIX}{what}", now, after=about))


def entries(table, subject_pk: str, limit: int = 200) -> list[dict]:
    """The first `limit` entries about a subject, oldest first."""
    return _read(table, subject_pk, limit, oldest_first=True)


def latest(table, subject_pk: str, limit: int = 100) -> list[dict]:
    """The newest `limit` entries about a subject, oldest of them first (a page's history)."""
    return list(reversed(_read(table, subject_pk, limit, oldest_first=False)))


def _read(table, subject_pk: str, limit: int, oldest_first: bool) -> list[dict]:
    from boto3.dynamodb.conditions import Key
    answer = table.query(KeyConditionExpression=Key(keys.PK).eq(subject_pk) & Key(keys.SK).begins_with("LOG#"),
                         ScanIndexForward=oldest_first, Limit=limit)
    return [{k: v for k, v in i.items() if k not in (keys.PK, keys.SK)} for i in answer["Items"]]
