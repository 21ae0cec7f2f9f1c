"""Uploads around the pure checks: presigned POST slots, the check of what arrived, the auto-fix offer, and the
staff photo queue. check.py, fix.py and documents.py decide; this module only reads and writes S3 and the table.

Files never pass through a request: the browser POSTs straight to S3 under a key chosen here, then asks for a check,
and the function reads the stored object back. Layout:

  uploads/<exam_no>/<kind>/<upload_id><ext>       written by the browser; deleted once checked
  checked/<exam_no>/<kind>/<upload_id>-<sha><ext> the exact bytes that passed, or the auto-fixed JPEG. Only the
                                                  function writes here, so a checked file cannot be swapped later.
  CAND#<exam_no> / UPLOADSLOT#<upload_id>          one attempt: kind, keys, status, check result, fix offer
  CAND#<exam_no> / UPLOAD#<kind>                   the current accepted file; a photo awaiting staff review also
                                                  carries the sparse GSI2 queue entry PHOTOQ#<office>
"""
from __future__ import annotations

import hashlib
import json
import logging
import secrets
import unicodedata
from dataclasses import dataclass

from botocore.exceptions import ClientError

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.office_queues import exam_no_of, office_queue
from functions.common.dynamo.store import Store
from functions.common.errors import BadInput, Conflict, Forbidden, NotFound, TooLarge
from functions.common.ids import mask_id_number
from functions.common.jurisdiction import ALL_OF_PROVINCE, OFFICE_NAMES, may_see
from functions.common.session import Identity
from functions.common.time import iso
from functions.photo.checks.documents import KIND_NAMES, check_document
from functions.photo.checks.findings import size_text
from functions.photo.checks.fix import fix_photo
from functions.photo.checks.imagefile import extension, sniff
from functions.photo.checks.photo import PhotoNotTaken, check_photo, photo_spec
from functions.profiles.photo_rules import PhotoRules

from .store import current_uploads

log = logging.getLogger("biye.photo")

LINK_SECONDS = 300                  # presigned POSTs and GETs: long enough to use, too short to pass around
SLOT_SECONDS = 24 * 60 * 60         # an attempt nobody checked is forgotten after a day (TTL)
KEEP_SECONDS = 30 * 24 * 60 * 60    # a checked attempt (and its fix offer) for a month; the audit log keeps the rest
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # no upload of any kind, in any province, is larger than this
SOURCE_EXTENSIONS = (".jpg", ".jpeg", ".png")  # what auto-fix can turn into the standard JPEG
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf", "zip": "application/zip"}
AWAITING, OK, FAILED, FIX_OFFERED, FIX_ACCEPTED, FIX_REJECTED = (
    "awaiting_upload", "ok", "failed", "fix_offered", "fix_accepted", "fix_rejected")
PENDING, APPROVED, REJECTED = "pending_review", "approved", "rejected"


@dataclass(frozen=True)
class Accepts:
    """What one kind of upload may be, as far as can be known before the bytes arrive."""
    kind: str
    name: str
    extensions: tuple[str, ...]
    max_bytes: int


def accepts(rules: PhotoRules, kind: str) -> Accepts:
    if kind == "photo":
        try:
            spec = photo_spec(rules)
        except PhotoNotTaken as err:
            raise BadInput(str(err), field="kind") from None
        # The upload is the source the check reports on and auto-fix works from, so it may be a phone's JPEG or
        # PNG of a few MB; the stored photo still has to meet max_bytes and the extension (the check says so).
        return Accepts("photo", "照片", tuple(dict.fromkeys((*spec.extensions, *SOURCE_EXTENSIONS))),
                       spec.source_max_bytes)
    spec = rules.documents.get(kind)
    if spec is None:
        taken = (["photo（照片）"] if rules.photo else []) + [f"{k}（{KIND_NAMES[k]}）" for k in rules.documents]
        what = f"本省不需要上传“{KIND_NAMES[kind]}”" if kind in KIND_NAMES else "未知的上传类型"
        raise BadInput(f"{what}，可选：{'、'.join(taken) or '无'}", field="kind")
    return Accepts(kind, KIND_NAMES[kind], spec.extensions, spec.max_bytes)


def safe_extension(filename: str, allowed: Accepts) -> str:
    """The only thing taken from the client's file name, and only when it is one the rules allow."""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in filename):
        raise BadInput("文件名含有不可见的控制字符，请重命名后再上传", field="filename")
    ext = extension(filename)
    if ext not in allowed.extensions:
        raise BadInput(f"{allowed.name}的文件扩展名应为 {'、'.join(allowed.extensions)}，现为“{ext[:12] or '（无）'}”",
                       field="filename")
    return ext


class Uploads:
    def __init__(self, table, s3, bucket: str, profile, clock):
        self.table, self.s3, self.bucket, self.clock = table, s3, bucket, clock
        self.rules = PhotoRules.from_profile(profile.data)
        self.review_role = profile.data["application"]["photo_review"]
        self.offices = [o["code"] for o in profile.data["offices"]]

    # -- candidate ----------------------------------------------------------------------------------------------
    def start(self, me: Identity, kind: str, filename: str, size: int) -> dict:
        """A presigned POST for one file under the candidate's own prefix, and the slot that remembers it.
        (No audit entry: a slot changes nothing an application uses; the check that follows is logged.)"""
        allowed = accepts(self.rules, kind)
        ext = safe_extension(filename, allowed)
        if size > allowed.max_bytes:
            raise BadInput(f"{allowed.name}文件 {size_text(size)}，最多 {size_text(allowed.max_bytes)}", field="size")
        upload_id, now = secrets.token_hex(16), self.clock()
        key = f"uploads/{me.exam_no}/{kind}/{upload_id}{ext}"
        post = self.s3.generate_presigned_post(self.bucket, key, ExpiresIn=LINK_SECONDS,
                                               Conditions=[["content-length-range", 1, allowed.max_bytes]])
        self.table.put_item(Item={**keys.upload_slot(me.exam_no, upload_id), "kind": "upload_slot",
                                  "upload_id": upload_id, "upload_kind": kind, "extension": ext, "object_key": key,
                                  "status": AWAITING, "created_at": now, keys.TTL_ATTRIBUTE: now + SLOT_SECONDS},
                            ConditionExpression="attribute_not_exists(PK)")
        return {"upload_id": upload_id, "kind": kind, "url": post["url"], "fields": post["fields"],
                "expires_in": LINK_SECONDS, "max_bytes": allowed.max_bytes}

    def check(self, me: Identity, upload_id: str) -> dict:
        """Size first (from S3, before reading), then the bytes through the province's checks. A photo that fails
        gets an auto-fix offer when the fix produced new bytes. Asking twice answers the same."""
        slot = self._slot(me.exam_no, upload_id)
        if slot["status"] != AWAITING:
            return self._answer(slot)
        kind, ext = slot["upload_kind"], slot["extension"]
        allowed = accepts(self.rules, kind)
        office = self._office(me.exam_no) if kind == "photo" and self.review_role else None
        data = self._read(slot["object_key"], allowed)
        name, now = kind + ext, self.clock()
        base = f"checked/{me.exam_no}/{kind}/{upload_id}-{hashlib.sha256(data).hexdigest()[:16]}"
        result = check_photo(data, name, self.rules) if kind == "photo" else check_document(kind, data, name, self.rules)
        after = {**slot, "status": OK if result["ok"] else FAILED, "result": _json(result), "checked_at": now,
                 keys.TTL_ATTRIBUTE: now + KEEP_SECONDS}
        current, before = None, None
        if result["ok"]:
            after["stored_key"] = self._store(base + ext, data)
            current, before = self._current_item(me.exam_no, kind, upload_id, after["stored_key"], result, now,
                                                 office, fixed=False)
        elif kind == "photo" and (fix := self._offer_fix(data, name, base)):
            after.update(status=FIX_OFFERED, fix=_json(fix))
        ops = [self._put(after, "#s = :was", AWAITING)] + ([self._put(current)] if current else [])
        self._transact(ops, log_item(f"CAND#{me.exam_no}", me, "upload.check", now, before=before, after={
            "kind": kind, "upload_id": upload_id, "status": after["status"],
            "findings": [f["code"] for f in result["findings"]]}), "这个文件刚刚已检查过，请刷新")
        self._delete(slot["object_key"])
        return self._answer(after)

    def decide_fix(self, me: Identity, upload_id: str, accept: bool) -> dict:
        """Take the auto-fixed photo as the current one, or turn it down (the fixed file is then deleted)."""
        slot = self._slot(me.exam_no, upload_id)
        if slot["status"] in (FIX_ACCEPTED, FIX_REJECTED):
            raise Conflict("这次自动调整已经确认过了")
        if slot["status"] != FIX_OFFERED:
            raise Conflict("这次上传没有等待确认的自动调整结果")
        fix, now = json.loads(slot["fix"]), self.clock()
        if accept and not fix["acceptable"]:
            raise BadInput("自动调整后的照片仍不符合要求，不能采用；请按提示重新拍摄后上传", field="accept")
        after = {**slot, "status": FIX_ACCEPTED if accept else FIX_REJECTED, "decided_at": now}
        current, before = None, None
        if accept:
            office = self._office(me.exam_no) if self.review_role else None
            current, before = self._current_item(me.exam_no, "photo", upload_id, fix["key"], fix["result"], now,
                                                 office, fixed=True)
        ops = [self._put(after, "#s = :was", FIX_OFFERED)] + ([self._put(current)] if current else [])
        self._transact(ops, log_item(f"CAND#{me.exam_no}", me, "upload.fix_" + ("accept" if accept else "reject"),
                                     now, before=before, after={"upload_id": upload_id, "status": after["status"]}),
                       "这次自动调整刚刚已确认过，请刷新")
        if not accept:
            self._delete(fix["key"])
        return {**self._answer(after), "current": self._present(current) if current else None}

    def current(self, exam_no: str) -> list[dict]:
        return [self._present(i) for i in current_uploads(self.table, exam_no).values()]

    # -- staff --------------------------------------------------------------------------------------------------
    def queue(self, staff: Identity, office: str | None = None, limit: int = 50, cursor: str | None = None) -> dict:
        """A page of photos awaiting review in the staff member's offices (the whole province for province and
        admin), oldest first within each office; names shown, ID numbers masked."""
        self._reviewer(staff)
        page, records = office_queue(self.table, staff, self.offices, office,
                                     lambda o: keys.photo_queue(o)[keys.GSI2PK], lambda i: i.get("status") == PENDING,
                                     limit, cursor)
        rows = []
        for item in page.items:
            record = records.get(exam_no_of(item)) or {}
            rows.append({"exam_no": exam_no_of(item), "name": record.get("name"),
                         "id_number": mask_id_number(record.get("id_number", "")), "office": item["office"],
                         "queued_at": item["queued_at"], **self._present(item)})
        return {"queue": rows, "cursor": page.cursor}

    def review(self, staff: Identity, exam_no: str, approve: bool, reason: str | None,
               upload_id: str | None = None) -> dict:
        """Approve or reject a queued photo: a conditional write, so of two people deciding at once one wins."""
        self._reviewer(staff)
        item = self.table.get_item(Key=keys.current_upload(exam_no, "photo"), ConsistentRead=True).get("Item")
        if item is None or "office" not in item or not may_see(staff, item["office"]):
            raise NotFound("找不到该考生待审核的照片")     # another office's candidate looks like nobody at all
        if item["status"] != PENDING:
            raise Conflict("这张照片已经审核过了，请刷新审核队列")
        if upload_id and upload_id != item["upload_id"]:
            raise Conflict("考生刚刚更换了照片，请刷新后重新审核")
        now = self.clock()
        after = {k: v for k, v in item.items() if k not in (keys.GSI2PK, keys.GSI2SK)}   # off the queue
        after.update(status=APPROVED if approve else REJECTED, review={
            "decision": "approve" if approve else "reject", "reason": reason, "role": staff.role, "at": iso(now)})
        put = self._put(after, "#s = :was AND upload_id = :u", PENDING)
        put["Put"]["ExpressionAttributeValues"][":u"] = item["upload_id"]
        self._transact([put], log_item(f"CAND#{exam_no}", staff, "photo.review", now, reason=reason,
                                       before={"upload_id": item["upload_id"], "status": PENDING},
                                       after={"upload_id": item["upload_id"], "status": after["status"]}),
                       "另一位工作人员刚刚审核了这张照片，请刷新审核队列")
        return {"exam_no": exam_no, **self._present(after)}

    # -- helpers ------------------------------------------------------------------------------------------------
    def _reviewer(self, staff: Identity) -> None:
        if not self.review_role:
            raise NotFound("本省毕业申请不设照片审核")
        if staff.role not in (self.review_role, *ALL_OF_PROVINCE):
            raise Forbidden(f"照片由{OFFICE_NAMES[self.review_role]}审核，您的账号无此权限")

    def _slot(self, exam_no: str, upload_id: str) -> dict:
        item = self.table.get_item(Key=keys.upload_slot(exam_no, upload_id), ConsistentRead=True).get("Item")
        if item is None:
            raise NotFound("找不到这次上传，可能已过期，请重新上传")
        return item

    def _office(self, exam_no: str) -> str:
        record = Store(self.table).candidate(exam_no)
        if record is None:
            raise NotFound("找不到您的考籍记录，请联系考试机构")
        return record["office"]

    def _read(self, key: str, allowed: Accepts) -> bytes:
        try:
            head = self.s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as err:
            # Without s3:ListBucket (not granted: least privilege) S3 answers a missing key with 403, not 404.
            if err.response["Error"]["Code"] in ("404", "NoSuchKey", "403", "AccessDenied"):
                raise Conflict("还没有收到文件：请先上传，上传完成后再检查") from None
            raise
        if head["ContentLength"] > allowed.max_bytes:
            # The POST policy limits size on AWS, but moto ignores it and a policy is only as good as its signer:
            # this is the guard that counts, and it runs before a single byte is read.
            self._delete(key)
            raise TooLarge(f"{allowed.name}文件 {size_text(head['ContentLength'])}，超过上限 "
                           f"{size_text(allowed.max_bytes)}，已删除，请重新上传", field="file")
        try:   # If-Match: the bytes checked are the very object whose size was just read
            return self.s3.get_object(Bucket=self.bucket, Key=key, IfMatch=head["ETag"])["Body"].read()
        except ClientError as err:
            if err.response["Error"]["Code"] in ("PreconditionFailed", "NoSuchKey", "404"):
                raise Conflict("文件在检查时被替换或删除，请重新检查") from None
            raise

    def _offer_fix(self, data: bytes, name: str, base: str) -> dict | None:
        fixed, result, warnings = fix_photo(data, name, self.rules)
        if fixed == data:
            return None
        real = sniff(fixed)
        key = self._store(f"{base}-fixed{'.png' if real == 'png' else '.jpg'}", fixed)
        # "New photo needed" means the fix is only a preview of what is wrong: not something to accept.
        acceptable = result["ok"] and not any(w["code"] == "NEW_PHOTO_NEEDED" for w in warnings)
        return {"key": key, "result": result, "warnings": warnings, "acceptable": acceptable}

    def _current_item(self, exam_no, kind, upload_id, key, result, now, office, *, fixed) -> tuple[dict, dict | None]:
        old = self.table.get_item(Key=keys.current_upload(exam_no, kind), ConsistentRead=True).get("Item")
        item = {**keys.current_upload(exam_no, kind), "kind": "upload", "upload_kind": kind, "upload_id": upload_id,
                "object_key": key, "result": result if isinstance(result, str) else _json(result), "fixed": fixed,
                "status": OK, "updated_at": now}
        if kind == "photo" and office:
            item.update(status=PENDING, office=office, queued_at=iso(now), **keys.photo_queue(office, iso(now), exam_no))
        return item, ({"upload_id": old["upload_id"], "status": old["status"]} if old else None)

    def _answer(self, slot: dict) -> dict:
        answer = {"upload_id": slot["upload_id"], "kind": slot["upload_kind"], "status": slot["status"]}
        if "result" in slot:
            result = json.loads(slot["result"])
            answer.update(ok=result["ok"], findings=result["findings"], measured=result["measured"])
        if slot["status"] == FIX_OFFERED:
            fix = json.loads(slot["fix"])
            answer["fix"] = {"preview_url": self._link(fix["key"]), "expires_in": LINK_SECONDS,
                             "ok": fix["result"]["ok"], "findings": fix["result"]["findings"],
                             "warnings": fix["warnings"], "acceptable": fix["acceptable"]}
        return answer

    def _present(self, item: dict) -> dict:
        result = json.loads(item["result"])
        out = {"kind": item["upload_kind"], "upload_id": item["upload_id"], "status": item["status"],
               "fixed": bool(item["fixed"]), "ok": result["ok"], "findings": result["findings"],
               "url": self._link(item["object_key"]), "expires_in": LINK_SECONDS, "updated_at": iso(int(item["updated_at"]))}
        if "review" in item:
            out["review"] = dict(item["review"])
        return out

    def _link(self, key: str) -> str:
        return self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": key},
                                              ExpiresIn=LINK_SECONDS)

    def _store(self, key: str, data: bytes) -> str:
        """Writes the checked bytes themselves (not a copy of the upload, which the browser could still replace)."""
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=data,
                           ContentType=CONTENT_TYPES.get(sniff(data), "application/octet-stream"))
        return key

    def _delete(self, key: str) -> None:
        try:
            self.s3.delete_object(Bucket=self.bucket, Key=key)
        except ClientError:   # an orphan costs storage, not correctness; the record never points at it
            log.warning("could not delete s3 object %s", key)

    def _put(self, item: dict, condition: str | None = None, was: str | None = None) -> dict:
        put = {"TableName": self.table.name, "Item": item}
        if condition:
            put.update(ConditionExpression=condition, ExpressionAttributeNames={"#s": "status"},
                       ExpressionAttributeValues={":was": was})
        return {"Put": put}

    def _transact(self, ops: list[dict], entry: dict, conflict: str) -> None:
        """The change and its audit entry together, or neither."""
        try:
            self.table.meta.client.transact_write_items(
                TransactItems=[*ops, {"Put": {"TableName": self.table.name, "Item": entry}}])
        except ClientError as err:
            if "ConditionalCheckFailed" in [r.get("Code") for r in err.response.get("CancellationReasons", [])]:
                raise Conflict(conflict) from None
            raise


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
