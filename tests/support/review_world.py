"""A review world on the embedded stack: extra candidates (beyond the 240 the portal's demo uses, so no other test
module touches them), their applications submitted through the application code itself, and staff sign-ins.
"""
from __future__ import annotations

import json
import secrets
import tempfile
import time
from pathlib import Path

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.common.errors import AppError
from functions.common.session import Identity
from functions.eligibility.importer import import_directory
from functions.photo.identity import store as identity_status
from functions.profiles.loader import load_profile
from infra.demo.generate import generate
from support.portal_client import PASSWORD, signed_in

HUBEI_OFFICES = [o["code"] for o in load_profile("hubei").data["offices"]]


SUBMITTABLE = ("eligible", "exemption", "transfer", "substitution")
# A transfer the province refused: the audit says so (an info finding), the candidate may still graduate.
REFUSED_TRANSFER = {"code": "03708", "accepted": False, "from_province": "河南"}


def import_extra(table, first: int, count: int, findings_every: int = 3) -> list[dict]:
    """The submittable ones of demo records first … first+count-1 (the portal imports 0–239), imported; every
    `findings_every`-th carries a refused transfer, so its audit has a finding."""
    extra = [c for c in generate("hubei", first + count)[first:] if c["demo_case"] in SUBMITTABLE]
    for n, record in enumerate(extra):
        if findings_every and n % findings_every == 0:
            record["transfers"] = [*record["transfers"], REFUSED_TRANSFER]
    with tempfile.TemporaryDirectory() as directory:
        (Path(directory) / "candidates").mkdir()
        (Path(directory) / "candidates" / "extra.json").write_text(json.dumps({"candidates": extra},
                                                                               ensure_ascii=False))
        import_directory(Store(table), Path(directory), set(HUBEI_OFFICES))
    return extra


def candidate(record: dict) -> Identity:
    return Identity(account_id=f"test-{record['exam_no']}", kind="candidate", display_name=record["name"],
                    exam_no=record["exam_no"])


def submit(app, record: dict, draft_only: bool = False) -> dict | None:
    """Choose the record's major and submit (or stop at the draft), through the application code; None when the
    engine refuses."""
    me = candidate(record)
    if app.state.profile.data["login"]["identity_check"] == "photos":
        verify_identity(app.state.table, me)
    services = app.state.services
    try:
        draft = services.submissions.choose(me, record["majors"][0], [])
        if draft_only:
            return draft
        saved = services.drafting.save(me, "contact", {"phone": record["phone"], "address": "某市某区某路1号"})
        return services.submissions.submit(me, secrets.token_urlsafe(16), saved["version"])["application"]
    except AppError:
        return None


def verify_identity(table, me: Identity) -> None:
    """What a passing identity check records (the card read as the record, the faces alike), without pictures."""
    if not identity_status.is_verified(table, me.exam_no):
        record = Store(table).candidate(me.exam_no)
        against = {"name": record["name"], "id_number": record["id_number"]}
        passed = {"ok": True, "findings": [], "read": dict(against), "face_match": 0.8}
        identity_status.record_check(table, me.exam_no, me, passed, against, {}, int(time.time()))


def approved_photo(table, exam_no: str) -> None:
    """A current photo that staff approved (single approvals wait for it where the province reviews photos)."""
    table.put_item(Item={**keys.current_upload(exam_no, "photo"), "kind": "upload", "upload_kind": "photo",
                         "upload_id": secrets.token_hex(16), "object_key": f"checked/{exam_no}/photo.jpg",
                         "result": json.dumps({"ok": True, "findings": [], "measured": {}}), "fixed": False,
                         "status": "approved", "updated_at": int(time.time())})


def staff(portal, table, login: str, role: str, offices=(), universities=()):
    """A signed-in staff client (created once per login)."""
    try:
        create_account(table, NewAccount(kind="staff", display_name=login, logins={"staff": login}, password=PASSWORD,
                                         role=role, offices=tuple(offices), universities=tuple(universities)),
                       int(time.time()))
    except AppError:
        pass
    return signed_in(portal, "staff", login)


def walk(http, path: str, **params) -> list[dict]:
    """Every item of a list, page by page, following the cursors."""
    found, cursor = [], None
    while True:
        answer = http.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        found += answer.json()["items"]
        cursor = answer.json()["cursor"]
        if cursor is None:
            return found
