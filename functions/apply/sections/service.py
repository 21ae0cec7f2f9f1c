"""What the candidate fills in before submitting, section by section; the 前置学历 check; the check-answers page.

The rules modules check each value against the profile; this service stores it on the application (each save a
version bump with its audit entry, so a submit made from an older page is refused) and says what still stops a
submit. Sections can change only while the application is a draft or was sent back (and not locked by 现场确认).
"""
from __future__ import annotations

from datetime import date

from functions.apply.application.rules import verdict_problems
from functions.apply.application.service import Applications
from functions.apply.application.status import Lifecycle, changes_refused, corrections, form_fill, photo_owed
from functions.common.errors import BadInput, Conflict, NotFound
from functions.common.ids import birth_date
from functions.common.session import Identity
from functions.common.time import beijing_day, iso
from functions.eligibility.engine import Code, Severity
from functions.photo.statuses import UploadStatus
from functions.profiles.vocabulary import CONTACT_FIELDS, DOCUMENT_NAMES, IDENTITY_FIELDS, is_bachelor

from . import prior_rules as prior
from .basic_rules import LABELS, check_edits
from .resume_rules import check_resume
from .rules import (
    check_contact,
    check_self_assessment,
    check_statement,
    contact_of,
    documents_asked,
    missing_for_submit,
    printed_missing,
    tasks,
)
from .store import SectionStore, doc_of

SECTIONS = ("basic", "contact", "resume", "self_assessment", "statement")
RECORD_PRIOR = {"method": "record", "status": prior.VERIFIED, "message": "考籍档案中的前置学历已核验"}
# 本、专科专业一并申请 (安徽 seed 002: 当次一并申请办理我省自考本、专科毕业手续的，无需验证前置学历): the 本科 rests on
# the 专科 of the same batch (the audit's conditional finding names it), so no 学信网 check is asked for.
CONCURRENT_PRIOR = {"method": "record", "status": prior.VERIFIED,
                    "message": "本、专科专业一并申请，无需验证前置学历；本科专业毕业以专科专业毕业审核通过为前提"}
UPLOAD_STATUSES = {UploadStatus.OK: "已通过检查", UploadStatus.PENDING_REVIEW: "等待审核",
                   UploadStatus.APPROVED: "审核通过", UploadStatus.REJECTED: "审核未通过"}


def printable(profile_data: dict, text: str, field: str) -> None:
    """A province that prints forms must be able to print every character the candidate types."""
    if not profile_data.get("forms") or not text:
        return
    from functions.apply.forms.fonts import unsupported_characters  # the font is read only when needed
    missing = unsupported_characters(text)
    if missing:
        raise BadInput("“" + "”“".join(missing) + "”无法打印在毕业表格上，请换用常用字（生僻字请联系考试机构）",
                       field=field)


def prior_met(audit: dict) -> bool:
    """Whether the audit finds the 前置学历 requirement met (no PRIOR_EDU finding): by the record or a check."""
    return not any(f.get("code", "").startswith("PRIOR_EDU") for f in audit.get("findings", []))


def concurrent(audit: dict) -> bool:
    """Whether the 本科 rests, conditionally, on the 专科 applied for beside it (CONCURRENT_PRIOR)."""
    return any(f.get("code") == Code.PRIOR_EDU_CONCURRENT_ASSOCIATE and f.get("severity") == Severity.CONDITIONAL
               for f in audit.get("findings", []))


def _texts(value: object) -> str:
    if isinstance(value, dict):
        return "".join(_texts(v) for v in value.values())
    if isinstance(value, list):
        return "".join(_texts(v) for v in value)
    return value if isinstance(value, str) else ""


class Drafting:
    def __init__(self, applications: Applications, store: SectionStore):
        self.applications, self.store = applications, store

    @property
    def profile_data(self) -> dict:
        return self.applications.profile.data

    def basic_info(self, record: dict, item: dict | None) -> dict:
        """The record's basic information with the candidate's accepted edits over it, and the one contact record
        (rules.contact_of) as its phone, address and postcode."""
        details = (item or {}).get("details") or {}
        shown = {k: record.get(k) for k in LABELS if record.get(k) is not None and k not in CONTACT_FIELDS}
        # Identity stays the record's even where details hold an edit from before identity fields were closed, and
        # the contact details are the contact record's even where details hold an edit from before it was one.
        edits = {k: v for k, v in details.get("basic", {}).items() if k not in IDENTITY_FIELDS + CONTACT_FIELDS}
        return {**shown, **edits, **contact_of(record, details)}

    def uploads(self, exam_no: str) -> dict[str, dict]:
        """{kind: item} of the candidate's current files (the photo function's)."""
        return self.store.uploads(exam_no)

    def prior_record(self, exam_no: str) -> dict | None:
        """The candidate's 前置学历 as the application checked it (学信网 or the manual path), if any."""
        return self.store.prior_doc(exam_no)

    def save(self, me: Identity, section: str, value: object) -> dict:
        """Check one section against the profile and store it; answers the application's details."""
        _, item = self.applications.mine(me.exam_no, "请先选择申请专业，再填写申请信息")
        state = Lifecycle.from_dict(item["lifecycle"])
        refused = changes_refused(state)
        open_now = (corrections(state, self.profile_data) or {}).get("sections", ())
        correcting = refused is not None and section in open_now
        if refused and not correcting:
            raise Conflict(refused)
        now = self.applications.clock()
        record = self.applications.record(me.exam_no)
        cleaned = self._check(section, value, record, item, beijing_day(now))
        printable(self.profile_data, _texts(cleaned), section)
        saved = dict(item.get("details") or {})
        saved[section] = {**saved.get("basic", {}), **cleaned} if section == "basic" else cleaned
        new = {**item, "details": saved, "version": int(item["version"]) + 1, "updated_at": iso(now)}
        # A correction after submitting is logged as one, so the reviewer's history says the data changed in review
        # (山西: filled in on the 毕业生登记表 after paying, form_fill)
        kind = "details"
        if correcting:
            kind = "form" if section in ((form_fill(state, self.profile_data) or {}).get("sections") or ()) \
                else "correction"
        self.applications.write(new, item, me, f"{kind}.{section}",
                                after=sorted(cleaned) if isinstance(cleaned, dict) else section)
        return {"version": new["version"], "details": saved, "basic": self.basic_info(record, new)}

    def _check(self, section: str, value, record: dict, item: dict, today: date):
        data = self.profile_data
        if section == "basic":
            return check_edits(data, value)
        if section == "contact":
            return check_contact(value)
        if section == "resume":
            return check_resume(data, value, today=today, birth_date=birth_date(record["id_number"]))
        if section == "self_assessment":
            return check_self_assessment(data, value)
        if section == "statement":
            return check_statement(value)
        raise BadInput(f"没有“{section}”这一项，可填写：{'、'.join(SECTIONS)}", field="section")

    # what is still missing -----------------------------------------------------------------------------------
    def prior_standing(self, item: dict, record: dict, audit: dict) -> dict | None:
        """The 前置学历 the application stands on (prior_rules.standing): the imported record may already prove it
        (no PRIOR_EDU finding in the audit), and a later failed check never hides that."""
        stored = self.prior_record(item["exam_no"])
        return prior.standing(stored, record.get("prior_education"), prior_met(audit)) \
            if is_bachelor(item.get("level")) else stored

    def application(self, item: dict, record: dict, audit: dict, uploads: dict) -> dict:
        """The application as the pure rules read it (missing_for_submit, documents_asked)."""
        standing = self.prior_standing(item, record, audit)
        return {**(item.get("details") or {}), "level": item.get("level"), "major_name": item.get("major_name"),
                "prior_education": standing or (RECORD_PRIOR if prior_met(audit)
                                                else CONCURRENT_PRIOR if concurrent(audit) else None),
                "uploads": {kind: {"status": u["status"]} for kind, u in uploads.items()}}

    def missing(self, item: dict, record: dict, audit: dict, uploads: dict | None = None) -> list[dict]:
        """What still stops this application's submission, in task-list order."""
        uploads = self.store.uploads(item["exam_no"]) if uploads is None else uploads
        application = self.application(item, record, audit, uploads)
        return printed_missing(self.profile_data, self.basic_info(record, item)) + missing_for_submit(
            self.profile_data, application, today=beijing_day(self.applications.clock()),
            birth_date=birth_date(record["id_number"]))

    def asked(self, application: dict) -> list[dict]:
        """The documents this candidate is asked for (rules.documents_asked), each with its name and whether a
        usable file is uploaded."""
        uploads = application.get("uploads") or {}
        return [{**d, "name": DOCUMENT_NAMES[d["kind"]], "uploaded": prior.uploaded(uploads, d["kind"])}
                for d in documents_asked(self.profile_data, application)]

    def documents(self, me: Identity) -> dict:
        """What the documents page asks this candidate for; before a major is chosen, what every candidate is."""
        uploads = self.store.uploads(me.exam_no)
        try:
            batch, item = self.applications.mine(me.exam_no)
        except NotFound:
            return {"documents": self.asked({"uploads": {k: {"status": u["status"]} for k, u in uploads.items()}})}
        record = self.applications.record(me.exam_no)
        audit = self.applications.eligibility.audit(me.exam_no, item["plan_id"], record, batch,
                                                    direction=item.get("direction"))
        return {"documents": self.asked(self.application(item, record, audit, uploads))}

    def check_answers(self, me: Identity) -> dict:
        """Everything the candidate is about to submit, what is missing, and the task list."""
        applications = self.applications
        batch, item = applications.mine(me.exam_no)
        record = applications.record(me.exam_no)
        audit = applications.eligibility.audit(me.exam_no, item["plan_id"], record, batch,
                                               direction=item.get("direction"))
        uploads = self.store.uploads(me.exam_no)
        missing = verdict_problems(audit) + self.missing(item, record, audit, uploads)
        asked = self.asked(self.application(item, record, audit, uploads))
        return {"application": applications.present(item, batch), "basic": self.basic_info(record, item),
                "details": item.get("details") or {}, "prior_education": self.prior_standing(item, record, audit),
                "audit": {"verdict": audit["verdict"], "message": audit["message"], "findings": audit["findings"]},
                "uploads": {k: {"status": u["status"], "status_text": UPLOAD_STATUSES.get(u["status"], u["status"])}
                            for k, u in uploads.items()},
                "documents": asked, "missing": missing,
                "tasks": tasks(self.profile_data, item, missing, audit["verdict"], photo_owed(
                    Lifecycle.from_dict(item["lifecycle"]), self.profile_data,
                    (uploads.get("photo") or {}).get("status")))}


class PriorChecks:
    """The candidate's 前置学历 in the application: the 学信网 check, or the manual claim with documents."""

    def __init__(self, drafting: Drafting, xuexin: prior.Xuexin):
        self.drafting, self.xuexin = drafting, xuexin
        self.applications, self.store = drafting.applications, drafting.store

    def _open(self, me: Identity) -> tuple[dict, date]:
        """The application (a 本科 one, still editable) and the batch's cut-off date."""
        batch, item = self.applications.mine(me.exam_no, "请先选择申请专业：申请本科毕业才需要前置学历")
        if not is_bachelor(item.get("level")):
            raise Conflict("申请专科毕业不需要前置学历", field="prior_education")
        refused = changes_refused(Lifecycle.from_dict(item["lifecycle"]), "前置学历")
        if refused:
            raise Conflict(refused, field="prior_education")
        return item, date.fromisoformat(batch.get("prior_edu_cutoff") or batch["graduation_date"])

    def verify(self, me: Identity, certificate_no: str | None) -> dict:
        """Ask 学信网 (by name, ID number and, where the profile wants it, the certificate number)."""
        item, cutoff = self._open(me)
        record = self.applications.record(me.exam_no)
        outcome = prior.verify(self.applications.profile.data, self.xuexin, name=record["name"],
                               id_number=record["id_number"], cutoff=cutoff, certificate_no=certificate_no)
        if outcome.status != prior.VERIFIED:      # a verified record stands: a failed re-check never downgrades it
            batch, _ = self.applications.mine(me.exam_no)
            audit = self.applications.eligibility.audit(me.exam_no, item["plan_id"], record, batch,
                                                        direction=item.get("direction"))
            kept = prior.kept_over(outcome, self.drafting.prior_standing(item, record, audit))
            if kept:
                return kept
        return self._save(me, outcome, "prior_education.verify", self.store.prior(me.exam_no))

    def manual(self, me: Identity, claim: dict) -> dict:
        """The manual path: school, certificate number, graduation date and the fallback documents uploaded."""
        _, cutoff = self._open(me)
        stored = self.store.prior(me.exam_no)
        uploads = {k: {"status": u["status"]} for k, u in self.store.uploads(me.exam_no).items()}
        outcome = prior.submit_manual(self.applications.profile.data, claim, uploads=uploads, cutoff=cutoff,
                                      previous=doc_of(stored))
        return self._save(me, outcome, "prior_education.manual", stored)

    def _save(self, me: Identity, outcome: prior.PriorEducation, action: str, stored: dict | None) -> dict:
        doc = outcome.as_dict()
        self.store.save_prior(me, doc, stored, action, self.applications.clock())
        return doc
