"""Printed forms in S3: made when the lifecycle owes one, made again when the data behind it changed, and handed
out through short-lived presigned links.

Each stored copy is named by the digest of its data (form_data.digest), and the FORM item under the candidate says
which copy is current; a download compares digests and renders only when they differ.
"""
from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from functions.apply.application import lifecycle
from functions.apply.application.lifecycle import Lifecycle
from functions.apply.application.store import ApplicationStore
from functions.apply.sections.service import Drafting
from functions.common.dynamo import keys
from functions.common.errors import Conflict
from functions.common.time import BEIJING, iso
from functions.photo.uploads.store import current_uploads

from . import data as form_data

LINK_SECONDS = 300
PRINTABLE_PHOTO = ("ok", "approved", "pending_review")


class FormService:
    def __init__(self, store: ApplicationStore, s3, forms_bucket: str, uploads_bucket: str):
        self.store, self.s3, self.bucket, self.uploads_bucket = store, s3, forms_bucket, uploads_bucket
        self.table = store.table

    def _entry(self, form_id: str) -> dict:
        entry = next((f for f in self.store.profile.data.get("forms") or [] if f["id"] == form_id), None)
        if entry is None:
            raise Conflict(f"{self.store.profile.data['province']}没有这张表格", field="form_id")
        return entry

    def available(self, item: dict, form_id: str) -> dict:
        entry = self._entry(form_id)
        state = Lifecycle.from_dict(item["lifecycle"])
        if form_id not in lifecycle.forms_available(state, self.store.profile.data):
            when = {"submitted": "提交申请后", "approved": "审核通过后"}.get(entry["after"])
            when = when or f"{next(s['name'] for s in self.store.profile.stages if s['id'] == entry['after'])}完成后"
            raise Conflict(f"《{entry['name']}》在{when}才能打印")
        return entry

    def _bytes(self, bucket: str, key: str) -> bytes:
        return self.s3.get_object(Bucket=bucket, Key=key)["Body"].read()

    def data(self, item: dict, entry: dict):
        """The FormData of this application now."""
        store, exam_no = self.store, item["exam_no"]
        batch, record = store.batch(), store.record(exam_no)
        audit = store.eligibility.audit(exam_no, item["plan_id"], record, batch)
        reference = store.eligibility.cache.get()
        plan = reference.compiled(item["plan_id"])
        courses = {code: form_data.Course(node.name or reference.course_name(code) or code,
                                          node.credits if node.credits is not None else reference.catalog_credits(code))
                   for code, node in plan.course_nodes.items()}
        for code in audit.get("course_status", {}):
            courses.setdefault(code, form_data.Course(reference.course_name(code) or code, reference.catalog_credits(code)))
        uploads = current_uploads(self.table, exam_no)
        photo = uploads.get("photo")
        signature = uploads.get("signature")
        drafting = Drafting(store)
        changed = datetime.fromisoformat(item["updated_at"].replace("Z", "+00:00")).astimezone(BEIJING).date()
        return form_data.build(
            profile_data=store.profile.data, form_name=entry["name"], batch=batch, item=item, record=record,
            basic=drafting.basic_info(record, item), audit=audit, courses=courses, pass_mark=plan.pass_mark,
            major_code=plan.major_code, generated_on=changed, prior=drafting.prior_record(exam_no),
            photo=self._bytes(self.uploads_bucket, photo["object_key"]) if photo and photo["status"] in PRINTABLE_PHOTO else None,
            signature=self._bytes(self.uploads_bucket, signature["object_key"]) if signature else None)

    def current(self, item: dict, form_id: str) -> dict:
        """The FORM item of a copy made from the application's current data (rendered now if needed)."""
        from . import FormError, render_form
        entry = self.available(item, form_id)
        data = self.data(item, entry)
        digest = form_data.digest(data)
        key = keys.form_copy(item["exam_no"], item["batch_id"], form_id)
        stored = self.table.get_item(Key=key, ConsistentRead=True).get("Item")
        if stored and stored["digest"] == digest:
            return stored
        try:
            pdf = render_form(form_id, data, self.store.profile.data)
        except FormError as err:
            raise Conflict(str(err), field="form") from None
        object_key = f"forms/{item['exam_no']}/{item['batch_id']}/{form_id}-{digest[:16]}.pdf"
        self.s3.put_object(Bucket=self.bucket, Key=object_key, Body=pdf, ContentType="application/pdf")
        copy = {**key, "kind": "form", "form_id": form_id, "name": entry["name"], "digest": digest,
                "object_key": object_key, "bytes": len(pdf), "generated_on": data.generated_on.isoformat(),
                "made_at": iso(self.store.clock())}
        self.table.put_item(Item=copy)     # two makers of the same digest write the same thing
        return copy

    def link(self, item: dict, form_id: str) -> dict:
        copy = self.current(item, form_id)
        filename = f"{copy['name']}-{item['exam_no']}.pdf"
        url = self.s3.generate_presigned_url("get_object", ExpiresIn=LINK_SECONDS, Params={
            "Bucket": self.bucket, "Key": copy["object_key"], "ResponseContentType": "application/pdf",
            "ResponseContentDisposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
        return {"form_id": form_id, "name": copy["name"], "url": url, "expires_in": LINK_SECONDS,
                "generated_on": copy["generated_on"], "bytes": int(copy["bytes"])}

    def perform(self, owed: dict) -> None:
        """A MakeForm effect: make the copy now so the first download is quick (and a problem shows early)."""
        item = self.store.item(owed["exam_no"], owed["batch_id"])
        state = Lifecycle.from_dict(item["lifecycle"]) if item else None
        if state and owed["effect"]["form_id"] in lifecycle.forms_available(state, self.store.profile.data):
            self.current(item, owed["effect"]["form_id"])
