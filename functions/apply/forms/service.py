"""Printed forms: made when the lifecycle owes one, made again when the data behind it changed, and handed out
through short-lived presigned links.

Each stored copy is named by the digest of its data (data.digest), and the FORM item under the candidate says which
copy is current; a download compares digests and renders only when they differ. A form the candidate fills in after
submitting (status.form_fill: 山西's 毕业生登记表) is exported as often as they like until the office records it handed
in; from then on the last copy exported is the form, and no new version is made.
"""
from __future__ import annotations

from datetime import datetime

from functions.apply.application.service import Applications
from functions.apply.application.status import Lifecycle, form_fill, forms_available
from functions.apply.sections.service import Drafting
from functions.common.dynamo import keys
from functions.common.errors import Conflict
from functions.common.links import LINK_SECONDS
from functions.common.session import Identity
from functions.common.time import BEIJING, iso
from functions.photo.statuses import passed_for

from . import data as form_data
from .store import FormStore

WHEN = {"submitted": "提交申请后", "approved": "审核通过后"}


class FormService:
    def __init__(self, applications: Applications, drafting: Drafting, store: FormStore):
        self.applications, self.drafting, self.store = applications, drafting, store

    @property
    def profile_data(self) -> dict:
        return self.applications.profile.data

    def _entry(self, form_id: str) -> dict:
        entry = next((f for f in self.profile_data.get("forms") or [] if f["id"] == form_id), None)
        if entry is None:
            raise Conflict(f"{self.profile_data['province']}没有这张表格", field="form_id")
        return entry

    def available(self, item: dict, form_id: str) -> dict:
        entry = self._entry(form_id)
        state = Lifecycle.from_dict(item["lifecycle"])
        if form_id not in forms_available(state, self.profile_data):
            stages = self.applications.profile.stages
            when = WHEN.get(entry["after"]) or f"{next(s['name'] for s in stages if s['id'] == entry['after'])}完成后"
            raise Conflict(f"《{entry['name']}》在{when}才能打印")
        if self.profile_data["application"]["photo_after_submit"] and not self._photo_passed(item["exam_no"]):
            # 山西: the photo comes after submitting; a form is never printed with its photo box empty
            raise Conflict(f"《{entry['name']}》需要认证通过的毕业照片，请先上传毕业照片", field="photo")
        return entry

    def _photo_passed(self, exam_no: str) -> bool:
        photo = self.drafting.uploads(exam_no).get("photo")
        return bool(photo) and self._printable(photo)

    def data(self, item: dict, entry: dict) -> form_data.FormData:
        """The FormData of this application now."""
        applications, exam_no = self.applications, item["exam_no"]
        batch, record = applications.batch(), applications.record(exam_no)
        audit = applications.eligibility.audit(exam_no, item["plan_id"], record, batch, direction=item.get("direction"))
        record = applications.eligibility.with_merged_sittings(exam_no, item["plan_id"], record)
        reference = applications.eligibility.cache.get()
        plan = reference.compiled(item["plan_id"])
        courses = {code: form_data.Course(node.name or reference.course_name(code) or code,
                                          node.credits if node.credits is not None else reference.catalog_credits(code))
                   for code, node in plan.course_nodes.items()}
        for code in audit.get("course_status", {}):
            courses.setdefault(code, form_data.Course(reference.course_name(code) or code,
                                                      reference.catalog_credits(code)))
        uploads = self.drafting.uploads(exam_no)
        photo, signature = uploads.get("photo"), uploads.get("signature")
        changed = datetime.fromisoformat(item["updated_at"].replace("Z", "+00:00")).astimezone(BEIJING).date()
        return form_data.build(
            profile_data=self.profile_data, form_name=entry["name"], batch=batch, item=item, record=record,
            basic=self.drafting.basic_info(record, item), audit=audit, courses=courses, pass_mark=plan.pass_mark,
            major_code=plan.major_code, generated_on=changed, prior=self.drafting.prior_record(exam_no),
            photo=self._photo(exam_no, photo),
            signature=self.store.upload(signature["object_key"]) if signature else None)

    def _photo(self, exam_no: str, uploaded: dict | None) -> bytes | None:
        """The graduation photo the candidate uploaded, where the province collects one; elsewhere (湖北: 使用报名照片)
        the registration photo the office imported."""
        if self.profile_data["photo"] is None:
            return self.store.registration_photo(exam_no)
        return self.store.upload(uploaded["object_key"]) if uploaded and self._printable(uploaded) else None

    def _printable(self, photo: dict) -> bool:
        """Only a photo staff approved is printed where they review photos (one that passed the check elsewhere):
        a photo still waiting, or turned down, leaves the photo box empty."""
        return photo.get("status") in passed_for(self.profile_data["application"])

    def handed_in(self, item: dict, form_id: str) -> str | None:
        """Why no new version of the form is made (the office recorded it handed in), else None."""
        filling = form_fill(Lifecycle.from_dict(item["lifecycle"]), self.profile_data)
        return filling["locked"] if filling and filling["form_id"] == form_id else None

    def current(self, item: dict, form_id: str) -> dict:
        """The FORM item of a copy made from the application's current data (rendered now if needed); once the form
        is handed in, the last copy exported (made now only if none was ever kept)."""
        from . import FormError, render_form  # the renderer and its font are loaded only when a form is made
        entry = self.available(item, form_id)
        stored = self.store.copy(item["exam_no"], keys.slot(item["batch_id"], item.get("pair", "")), form_id)
        if stored and self.handed_in(item, form_id):
            return stored               # what was printed and handed in, not a version made since
        data = self.data(item, entry)
        digest = form_data.digest(data)
        if stored and stored["digest"] == digest:
            return stored
        try:
            pdf = render_form(form_id, data, self.profile_data)
        except FormError as err:
            raise Conflict(str(err), field="form") from None
        return self.store.keep(item, form_id, digest, pdf, {"name": entry["name"],
                                                            "generated_on": data.generated_on.isoformat(),
                                                            "made_at": iso(self.applications.clock())})

    def link(self, item: dict, form_id: str) -> dict:
        """A short-lived link to the form made from the application's current data."""
        copy = self.current(item, form_id)
        url = self.store.link(copy, f"{copy['name']}-{item['exam_no']}.pdf")
        return {"form_id": form_id, "name": copy["name"], "url": url, "expires_in": LINK_SECONDS,
                "generated_on": copy["generated_on"], "bytes": int(copy["bytes"])}

    def staff_link(self, staff: Identity, item: dict, form_id: str) -> dict:
        """The link for a member of staff: their read is in the candidate's log (the form carries the full ID number
        and the photo), written once the link exists."""
        link = self.link(item, form_id)
        self.store.note_read(item["exam_no"], staff, self.applications.clock(),
                             {"form": form_id, "batch": item["batch_id"]})
        return link

    def mine(self, me: Identity, form_id: str) -> dict:
        """The link to one of my own forms."""
        _, item = self.applications.mine(me.exam_no)
        return self.link(item, form_id)

    def paired(self, me: Identity, form_id: str, pair: str, missing: str) -> dict:
        """The link to a form of the batch's second application (`pair`, keys.PAIRS), or NotFound with `missing`."""
        _, item = self.applications.mine(me.exam_no, missing, pair)
        return self.link(item, form_id)

    def export(self, me: Identity, form_id: str) -> dict:
        """导出: the form made from my data now; refused once the office recorded it handed in (the last copy
        stays downloadable through `mine`)."""
        _, item = self.applications.mine(me.exam_no)
        self.available(item, form_id)
        locked = self.handed_in(item, form_id)
        if locked:
            raise Conflict(locked, field="form")
        return self.link(item, form_id)

    def perform(self, owed: dict) -> None:
        """A MakeForm effect: make the copy now so the first download is quick (and a problem shows early)."""
        item = self.applications.item(owed["exam_no"], owed["batch_id"], owed["effect"].get("pair", ""))
        state = Lifecycle.from_dict(item["lifecycle"]) if item else None
        if item and state and owed["effect"]["form_id"] in forms_available(state, self.profile_data):
            self.current(item, owed["effect"]["form_id"])
