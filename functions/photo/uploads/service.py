"""The candidate's uploads around the pure checks: a presigned POST under an id that says where the file goes, the
check of what arrived with the auto-fix offer, the answer to that offer, and the staff review of photos. rules.py
and checks/ decide, store.py keeps the items, files.py the bytes; this module puts them in order and shapes the
answers.
"""
from __future__ import annotations

import secrets
from collections.abc import Callable

from functions.apply.application.changes import in_review, refuse_after_submit, refuse_photo_outside_window
from functions.common.dynamo.office_queues import exam_no_of
from functions.common.errors import Conflict, NotFound
from functions.common.ids import mask_id_number
from functions.common.jurisdiction import may_see
from functions.common.session import Identity
from functions.common.time import iso
from functions.photo.checks.findings import by_hand
from functions.photo.identity import store as identity_status
from functions.photo.statuses import AttemptStatus, UploadStatus
from functions.profiles.loader import Profile
from functions.profiles.photo_rules import PhotoRules

from .files import LINK_SECONDS, UploadFiles, checked_base, fixed_key, kept_key, upload_key
from .rules import (
    IDENTITY_PICTURES,
    PHOTO,
    accepts,
    after_check,
    after_review,
    fix_acceptable,
    new_file_status,
    new_upload_id,
    photo_passed,
    refuse_fix_decision,
    refuse_manual_review,
    refuse_review,
    refuse_reviewer,
    refuse_size,
    safe_extension,
    upload_id_parts,
)
from .store import NewFile, UploadStore, decoded


class Uploads:
    def __init__(self, store: UploadStore, files: UploadFiles, profile: Profile, clock: Callable[[], int]):
        self.store, self.files, self.clock = store, files, clock
        self.rules = PhotoRules.from_profile(profile.data)
        self.review_role = profile.data["application"]["photo_review"]
        self.offices = [o["code"] for o in profile.data["offices"]]
        self.identity_by_photos = profile.data["login"]["identity_check"] == "photos"
        self.photo_window = profile.data["application"]["photo_window"]
        # 山西: the photo comes after submitting, its automatic check passes it, the county reviews it on request only
        self.after_submit = bool(profile.data["application"]["photo_after_submit"])

    # -- candidate ----------------------------------------------------------------------------------------------
    def start(self, me: Identity, kind: str, filename: str, size: int) -> dict:
        """A presigned POST for one file under the candidate's own prefix, and its id (which says the rest)."""
        allowed = accepts(self.rules, kind)
        ext = safe_extension(filename, allowed)
        refuse_size(size, allowed)
        self._refuse_after_submit(me, kind)
        self._refuse_outside_photo_window(kind)
        upload_id = new_upload_id(me.exam_no, kind, ext, secrets.token_hex(8))
        post = self.files.presigned_post(upload_key(me.exam_no, kind, upload_id, ext), allowed.intake_bytes)
        self.store.note_start(me, upload_id, kind, self.clock())
        return {"upload_id": upload_id, "kind": kind, "url": post["url"], "fields": post["fields"],
                "expires_in": LINK_SECONDS, "max_bytes": allowed.intake_bytes}

    def check(self, me: Identity, upload_id: str) -> dict:
        """Size first (from S3, before reading), then the bytes through the province's checks. A photo that fails
        gets an auto-fix offer when the fix produced new bytes. Asking twice answers the same."""
        slot = self._slot(me.exam_no, upload_id)
        if slot["status"] != AttemptStatus.AWAITING:
            return self._answer(slot)
        kind, ext = slot["upload_kind"], slot["extension"]
        self._refuse_after_submit(me, kind)     # (an upload begun before submitting is not a way round it)
        try:                                    # nor one begun before the photo deadline: what arrived goes
            self._refuse_outside_photo_window(kind)
        except Conflict:
            self.files.delete(slot["object_key"])
            raise
        allowed = accepts(self.rules, kind)
        office = self._reviewing_office(me.exam_no, kind)
        uploaded = self.files.read_upload(slot["object_key"], allowed.name, allowed.intake_bytes)
        name, now = kind + ext, self.clock()
        # The checks load Pillow, numpy and the face model: on the first check, not with the handler.
        from functions.photo.checks.documents import check_document
        from functions.photo.checks.metadata import noted, stored_form
        from functions.photo.checks.photo import check_photo
        # What is checked is what is stored: the picture without its metadata (GPS, camera, comments).
        data, broken = stored_form(uploaded)
        base = checked_base(me.exam_no, kind, upload_id, data)
        result = broken or noted(check_photo(data, name, self.rules) if kind == PHOTO
                                 else check_document(kind, data, name, self.rules), len(uploaded))
        if result["ok"] and result["measured"].get("format") == "zip":     # the scans inside, once it is safe
            data, broken = stored_form(data, archive=True)
            base = checked_base(me.exam_no, kind, upload_id, data)
            result = broken or check_document(kind, data, name, self.rules)
        new, fix, kept = None, None, None
        if result["ok"]:
            new = NewFile(kind, upload_id, self.files.put(base + ext, data), result, fixed=False,
                          status=new_file_status(office), office=office)
        elif kind == PHOTO and not broken:
            fix = self._offer_fix(data, name, base)
            if self.after_submit and in_review(self.store.table, me.exam_no):
                kept = self.files.put(kept_key(base, ext), data)    # for a 人工审核 the candidate may ask for
        elif not broken:
            fix, result = self._offer_fit(kind, data, base, result)
        if not result["ok"] and not (fix and fix["acceptable"]):    # no fix to take: no hint may offer one
            result = by_hand(result)
        after, replaced = self.store.save_check(me, slot, after_check(result["ok"], fix is not None), result, fix,
                                                new, now, kept, reconsider=self.after_submit)
        self.files.delete(slot["object_key"])
        self._delete_replaced(me.exam_no, kind, replaced)
        return self._answer(after)

    def decide_fix(self, me: Identity, upload_id: str, accept: bool) -> dict:
        """Take the auto-fixed photo as the current one, or turn it down (the fixed file is then deleted)."""
        slot = self._slot(me.exam_no, upload_id)
        fix = decoded(slot, "fix") if slot["status"] == AttemptStatus.FIX_OFFERED else {}
        refuse_fix_decision(slot["status"], accept, bool(fix.get("acceptable")))
        new, kind = None, slot["upload_kind"]
        if accept:
            self._refuse_after_submit(me, kind)
            self._refuse_outside_photo_window(kind)
            office = self._reviewing_office(me.exam_no, kind)
            new = NewFile(kind, upload_id, self.files.keep(fix["key"]), fix["result"], fixed=True,
                          status=new_file_status(office), office=office)
        status = AttemptStatus.FIX_ACCEPTED if accept else AttemptStatus.FIX_REJECTED
        after, current, replaced = self.store.save_fix_decision(me, slot, status, new, self.clock(),
                                                                reconsider=self.after_submit)
        if not new or new.object_key != fix["key"]:   # taken (now under checked/) or turned down: the preview goes
            self.files.delete(fix["key"])
        self._delete_replaced(me.exam_no, kind, replaced)
        return {**self._answer(after), "current": self._present(current) if current else None}

    def ask_manual_review(self, me: Identity, upload_id: str) -> dict:
        """山西 (seed 004: 如果考生一直无法完成毕业照片系统线上认证，可到所属的县（市、区）自考部门进行人工审核): a
        photo that failed its automatic check becomes the current one, waiting in the county's photo queue."""
        slot = self._slot(me.exam_no, upload_id)
        current = self.store.current(me.exam_no, PHOTO)
        refuse_manual_review(self.after_submit, slot, (current or {}).get("status"),
                             in_review(self.store.table, me.exam_no) is not None)
        new = NewFile(PHOTO, upload_id, self.files.keep(slot["kept_key"]), decoded(slot, "result"), fixed=False,
                      status=UploadStatus.PENDING_REVIEW, office=self._office(me.exam_no))
        item, replaced = self.store.save_manual_request(me, slot, new, self.clock())
        self.files.delete(slot["kept_key"])             # now under checked/: the waiting copy goes
        self._delete_replaced(me.exam_no, PHOTO, replaced)
        return self._present(item)

    def current(self, exam_no: str) -> list[dict]:
        return [self._present(item) for item in self.store.all_current(exam_no)]

    # -- staff --------------------------------------------------------------------------------------------------
    def queue(self, staff: Identity, office: str | None = None, limit: int = 50, cursor: str | None = None) -> dict:
        """A page of photos awaiting review in the staff member's offices (the whole province for province and
        admin), oldest first within each office; names shown, ID numbers masked."""
        refuse_reviewer(self.review_role, staff.role)
        page, records = self.store.photo_queue(staff, self.offices, office, limit, cursor)
        rows = []
        for item in page.items:
            record = records.get(exam_no_of(item)) or {}
            rows.append({"exam_no": exam_no_of(item), "name": record.get("name"),
                         "id_number": mask_id_number(record.get("id_number", "")), "office": item["office"],
                         "queued_at": item["queued_at"], **self._present(item)})
        if rows:
            self.store.note_queue_read(staff, [r["exam_no"] for r in rows], self.clock())
        return {"queue": rows, "cursor": page.cursor}

    def review(self, staff: Identity, exam_no: str, approve: bool, reason: str | None,
               upload_id: str | None = None) -> dict:
        """Approve or reject a queued photo: a conditional write, so of two people deciding at once one wins."""
        refuse_reviewer(self.review_role, staff.role)
        item = self.store.current(exam_no, PHOTO)
        if item is None or "office" not in item or not may_see(staff, item["office"]):
            raise NotFound("找不到该考生待审核的照片")     # another office's candidate looks like nobody at all
        refuse_review(item["status"], item["upload_id"], upload_id)
        after = self.store.save_review(staff, exam_no, item, after_review(approve), reason, self.clock(),
                                       reconsider=self.after_submit)
        return {"exam_no": exam_no, **self._present(after)}

    # -- helpers ------------------------------------------------------------------------------------------------
    def _reviewing_office(self, exam_no: str, kind: str) -> str | None:
        """The office whose queue a new photo waits on: where staff review every photo (安徽); none where the
        automatic check passes it (山西, until the candidate asks for 人工审核) or nobody reviews photos."""
        return self._office(exam_no) if kind == PHOTO and self.review_role and not self.after_submit else None

    def _refuse_after_submit(self, me: Identity, kind: str) -> None:
        # The identity check's pictures belong to the account's check (its own staff review, which approvals wait
        # for), not to the application: a failed check may be done again after submitting.
        if self.identity_by_photos and kind in IDENTITY_PICTURES:
            return
        # 山西: the photo is asked for after submitting, until one has passed
        if self.after_submit and kind == PHOTO and not photo_passed(self.store.current(me.exam_no, PHOTO)):
            return
        refuse_after_submit(self.store.table, me.exam_no, "照片和材料", "kind")

    def _refuse_outside_photo_window(self, kind: str) -> None:
        # 安徽 (profile application.photo_window): the city reviews photos before the applications close, so a photo
        # comes within the province's photo window, a replacement for a rejected one too.
        if kind == PHOTO and self.photo_window:
            refuse_photo_outside_window(self.store.table, self.clock())

    def _delete_replaced(self, exam_no: str, kind: str, key: str | None) -> None:
        """A file replaced by a new one is deleted, not only unlinked: nobody needs it and it is personal data. The
        one exception is an identity picture the identity check last read, which its staff review still shows (the
        next check deletes it: functions/photo/identity/service.py)."""
        if not key:
            return
        if self.identity_by_photos and kind in IDENTITY_PICTURES and key in identity_status.checked_keys(
                self.store.table, exam_no):
            return
        self.files.delete(key)

    def _slot(self, exam_no: str, upload_id: str) -> dict:
        """The attempt as stored once checked, else as its id describes it (awaiting its check). An id made for
        another candidate, or never made, is not found (rules.upload_id_parts)."""
        item = self.store.slot(exam_no, upload_id)
        if item is not None:
            return item
        parts = upload_id_parts(exam_no, upload_id)
        if parts is None or parts[1] not in accepts(self.rules, parts[0]).extensions:
            raise NotFound("找不到这次上传，可能已过期，请重新上传")
        kind, ext = parts
        return self.store.awaiting(exam_no, upload_id, kind, ext, upload_key(exam_no, kind, upload_id, ext))

    def _office(self, exam_no: str) -> str:
        office = self.store.office_of(exam_no)
        if office is None:
            raise NotFound("找不到您的考籍记录，请联系考试机构")
        return office

    def _offer_fix(self, data: bytes, name: str, base: str) -> dict | None:
        from functions.photo.checks.fix import fix_photo
        fixed, result, warnings = fix_photo(data, name, self.rules)   # re-encoded, with no metadata at all
        if fixed == data:
            return None
        key = self.files.put(fixed_key(base, fixed), fixed)
        return {"key": key, "result": result, "warnings": warnings, "acceptable": fix_acceptable(result, warnings)}

    def _offer_fit(self, kind: str, data: bytes, base: str, result: dict) -> tuple[dict | None, dict]:
        """A JPEG or PNG document over its limits made to fit (checks/document_fit.py), checked again, for the
        candidate to confirm with what was measured; or, when it cannot fit legibly, the hint saying what to do."""
        from functions.photo.checks.document_fit import cannot_fit_hint, fit_document, fit_may_help, jpeg_extension
        from functions.photo.checks.documents import check_document
        spec = self.rules.documents[kind]
        if not fit_may_help(result, spec):
            return None, result
        fitted, measured = fit_document(data, spec)
        if fitted is None:
            return None, cannot_fit_hint(result, spec)
        checked = check_document(kind, fitted, kind + jpeg_extension(spec), self.rules)
        key = self.files.put(fixed_key(base, fitted), fitted)
        return {"key": key, "result": checked, "warnings": [], "acceptable": checked["ok"], "fitted": measured}, result

    def _answer(self, slot: dict) -> dict:
        """One attempt as the upload page reads it: the check's findings and, when offered, the fixed preview."""
        answer = {"upload_id": slot["upload_id"], "kind": slot["upload_kind"], "status": slot["status"]}
        if "result" in slot:
            result = decoded(slot, "result")
            answer.update(ok=result["ok"], findings=result["findings"], measured=result["measured"])
        if slot["status"] == AttemptStatus.FIX_OFFERED:
            fix = decoded(slot, "fix")
            answer["fix"] = {"preview_url": self.files.link(fix["key"]), "expires_in": LINK_SECONDS,
                             "ok": fix["result"]["ok"], "findings": fix["result"]["findings"],
                             "warnings": fix["warnings"], "acceptable": fix["acceptable"]}
            if "fitted" in fix:
                answer["fix"]["fitted"] = fix["fitted"]
        if slot.get("kept_key") and not slot.get("manual_review_at") and slot["status"] != AttemptStatus.FIX_ACCEPTED:
            answer["manual_review"] = True
        return answer

    def _present(self, item: dict) -> dict:
        """A current file with a short-lived link, and the staff review when there was one."""
        result = decoded(item, "result")
        out = {"kind": item["upload_kind"], "upload_id": item["upload_id"], "status": item["status"],
               "fixed": bool(item["fixed"]), "ok": result["ok"], "findings": result["findings"],
               "url": self.files.link(item["object_key"]), "expires_in": LINK_SECONDS,
               "updated_at": iso(int(item["updated_at"]))}
        if "review" in item:
            out["review"] = dict(item["review"])
        return out
