"""Staff review for one request: what I review, lists and queues, search, one application's page, bulk approval;
batches and exports through `windows` and `exports` (deps.py builds it from the function's state).

Every read is scoped on the server from the session (rules.py says how); another jurisdiction's application
answers 404 exactly as one that does not exist. The eligibility service and the single decision are the
application code's own: review adds no second way to audit or to decide.
"""
from __future__ import annotations

from functions.apply.application.associate import bundles
from functions.apply.application.lifecycle import Lifecycle
from functions.apply.application.paired import PAIR
from functions.apply.application.rules import refund_after
from functions.apply.forms.store import registration_photo
from functions.common import audit_log, batches
from functions.common.errors import AppError, NotFound
from functions.common.jurisdiction import role_names
from functions.common.session import Identity
from functions.photo.registration_photos import IMPORTED

from . import answers, rules, trimmed
from .exports import Exports
from .rules import described
from .store import ReviewStore
from .windows import Windows


class Review:
    def __init__(self, table, s3, settings, profile, clock, services):
        self.settings, self.profile, self._clock = settings, profile, clock
        self.store = ReviewStore(table, s3)
        self.eligibility = services.eligibility
        self.decide = services.decisions.decide
        self.drafting = services.drafting

    def clock(self) -> int:
        return self._clock()

    @property
    def windows(self) -> Windows:
        return Windows(self.store, self.profile, self.clock)

    @property
    def exports(self) -> Exports:
        return Exports(self.store, self.settings.forms_bucket, self.profile, self.eligibility, self.drafting,
                       self.clock)

    # -- batches ------------------------------------------------------------------------------------------------
    def batch_id(self, wanted: str | None) -> str:
        """The batch asked for (it must exist), or the open one."""
        if not wanted:
            return self.eligibility.cache.batch()["id"]
        return batches.known(wanted, self.store.batch_ids())

    def batch(self, wanted: str | None) -> dict:
        batch_id = self.batch_id(wanted)
        return next(b for b in self.store.batches() if b["id"] == batch_id)

    def overview(self, staff: Identity) -> dict:
        return answers.overview(staff, self.profile, self.store.batches(), self.batch_id(None))

    # -- lists and search ---------------------------------------------------------------------------------------
    def applications(self, staff: Identity, batch: str | None, wanted: rules.Filters, limit: int,
                     cursor: str | None) -> dict:
        """A page of one list: oldest first within each office, offices in code order."""
        batch_id = self.batch_id(batch)
        rules.known_stage(self.profile, wanted.stage)
        listed = rules.list_states(self.profile.data, wanted)
        ranges, keep = rules.list_ranges(staff, batch_id, listed, wanted.office, wanted.host)
        page = self.store.list_page(ranges, keep, limit, cursor, staff.account_id, wanted)
        return self._rows(page.items, page.cursor)

    def search(self, staff: Identity, batch: str | None, query: str, limit: int, cursor: str | None) -> dict:
        """By 准考证号 or ID number (exact), or by name (exact), within my jurisdiction."""
        batch_id = self.batch_id(batch)
        query = query.strip()
        kind = rules.search_kind(query)
        if kind == "name":
            page = self.store.name_page(*rules.name_ranges(staff, batch_id, query), limit, cursor, staff.account_id)
            return self._rows(page.items, page.cursor)
        exam_nos = [query] if kind == "exam_no" else self.store.exam_nos_by_id_number(query.upper())
        items = self.store.applications(exam_nos, batch_id)
        if bundles(self.profile.data):      # 安徽: the 本科 beside the 专科 is a row of its own
            items += [p for p in (self.store.application(e, batch_id, PAIR) for e in exam_nos) if p]
        found = [i for i in items if rules.sees(staff, i)]
        return self._rows(sorted(found, key=lambda i: (i["exam_no"], i.get("pair", ""))), None)

    def _rows(self, items: list[dict], cursor: str | None) -> dict:
        ids = self.store.id_numbers([i["exam_no"] for i in items])
        return {"items": [answers.row(i, ids.get(i["exam_no"]), self.profile) for i in items], "cursor": cursor}

    # -- one application ----------------------------------------------------------------------------------------
    def visible(self, staff: Identity, exam_no: str, batch_id: str, pair: str = "") -> dict:
        return rules.visible(staff, self.store.application(exam_no, batch_id, pair))

    def _refund_after(self, item: dict) -> str | None:
        """The end of the application's batch, read only for a refund still owed (it may wait for that end)."""
        if item["lifecycle"].get("refund") != "pending":
            return None
        return refund_after(next((b for b in self.store.batches() if b["id"] == item["batch_id"]), None))

    def page(self, staff: Identity, exam_no: str, batch: str | None, pair: str = "") -> dict:
        """Everything a reviewer needs on one answer: the candidate and what they entered; the audit as it stands
        now (through the eligibility service, with staff exceptions and 顶替 choices applied) beside the audit
        at submit; the photo with its check; the documents; the identity check where the province has one; the
        history from the audit log; and what this member of staff may do now. The transcript is the eligibility
        service's own route, read when its section is opened (the page's weight budget)."""
        item = self.visible(staff, exam_no, self.batch_id(batch), pair)
        record = self.eligibility.store.candidate(exam_no)
        if record is None:
            raise NotFound("找不到该考生的考籍记录")
        # The page shows the full ID number, the photo and the documents: logged before the history is read, so
        # the reader sees their own read there too.
        self.store.note_read(exam_no, staff, audit_log.READ_APPLICATION, self.clock(), {"batch": item["batch_id"]})
        uploads = self.store.uploads(exam_no)
        photo = uploads.pop("photo", None)
        data = self.profile.data
        now = self.eligibility.audit(exam_no, item["plan_id"], record, direction=item.get("direction"))
        # what this candidate is asked to upload, by the rule the documents page and check answers use
        asked = self.drafting.asked(self.drafting.application(item, record, now, uploads))
        shown = {"application": answers.application_view(item, data, self._refund_after(item)),
                 "candidate": answers.candidate_view(record, item, self.drafting.basic_info(record, item),
                                                     self.drafting.prior_record(exam_no), self.profile),
                 "audit": {"now": answers.audit_shown(now, data["application"]["substitution"]),
                           "at_submit": trimmed.submitted_shown(item.get("audit"))},
                 "photo": answers.file_view(photo) if photo else None,
                 "registration_photo": self._registration_photo(exam_no) if data["photo"] is None else None,
                 "documents": [answers.file_view(u) for _, u in sorted(uploads.items())],
                 "documents_asked": asked,
                 # the page says whether the identity check passed (its pictures and findings: their own route)
                 "identity": {"status": self.store.identity(exam_no)["status"]}
                 if data["login"]["identity_check"] == "photos" else None,
                 **trimmed.history_shown(self._history(exam_no, pair), audit_log.READ_PREFIX),
                 "opinion": self._opinion(item), "actions": rules.actions(staff, item, self.profile),
                 "paired_with": self._paired_with(item)}
        return trimmed.given(shown, "opinion", "registration_photo", "identity", "paired_with")

    def history(self, staff: Identity, exam_no: str, batch: str | None, pair: str = "") -> dict:
        """The whole history, for whoever may see the application: the page shows its newest lines and loads the
        rest when the reviewer asks for them (更早的记录)."""
        self.visible(staff, exam_no, self.batch_id(batch), pair)
        return {"history": self._history(exam_no, pair)}

    def zip_entries(self, staff: Identity, exam_no: str, kind: str, batch: str | None) -> dict:
        """The files inside one uploaded zip (山西's course cards: up to 100), as its check listed them: the page
        lists them when the reviewer asks (列出压缩包内容)."""
        self.visible(staff, exam_no, self.batch_id(batch))
        upload = self.store.uploads(exam_no).get(kind)
        if upload is None:
            raise NotFound("没有这份材料")
        return {"entries": trimmed.zip_listing(upload)}

    def _paired_with(self, item: dict) -> str | None:
        """The line naming the other application of 本、专科专业一并申请 (安徽), with where it stands."""
        if not bundles(self.profile.data):
            return None
        pair = "" if item.get("pair") else PAIR
        other = self.store.application(item["exam_no"], item["batch_id"], pair)
        if other is None:
            return None
        standing = described(Lifecycle.from_dict(other["lifecycle"]), self.profile.data)["status_text"]
        major = other.get("major_name") or other["plan_id"]
        if pair:
            return f"同批次一并申请本科专业：{major}（{standing}）"
        return f"本、专科专业一并申请：本科以同批次专科专业（{major}，{standing}）毕业审核通过为前提"

    def _opinion(self, item: dict) -> dict | None:
        said = (item["lifecycle"].get("opinion") or {}).get("by")
        return answers.opinion_view(item, self.profile.data, self.store.staff_names([said]) if said else {})

    def _history(self, exam_no: str, pair: str = "") -> list[dict]:
        """The candidate's history; a second application's (keys.PAIRS) is its own entries, and the first's leaves
        them out."""
        entries = [e for e in self.store.history(exam_no) if e.get("pair", "") == pair]
        names = self.store.staff_names([e["actor"]["account_id"] for e in entries
                                        if e.get("actor", {}).get("kind") == "staff"])
        roles = role_names(self.profile.data["province_office"])
        return [answers.history_entry(e, names, roles) for e in entries]

    def file_link(self, staff: Identity, exam_no: str, kind: str, batch: str | None) -> str:
        """A fresh presigned GET (5 minutes) of one of the application's current files, for whoever may see the
        application: the page links here, so its answer carries no signed links (about 0.7 KB of its weight
        budget, issue 17 item 9) and a link opened an hour later still works. Each read is logged in the reader's
        own log (whose file, which): the page's pictures are fetched on every view, and in the candidate's log
        they would push the application's own history out of the page's newest entries; the candidate's log has
        the page's read, which showed the photo and documents."""
        item = self.visible(staff, exam_no, self.batch_id(batch))
        upload = registration_photo(self.store.table, exam_no) if kind == IMPORTED else \
            self.store.uploads(exam_no).get(kind)
        if upload is None:
            raise NotFound("没有这份材料")
        self.store.note_file_read(staff, self.clock(), {"exam_no": exam_no, "batch": item["batch_id"], "kind": kind})
        return self.store.link(self.settings.uploads_bucket, upload["object_key"])

    def _registration_photo(self, exam_no: str) -> dict | None:
        """The photo the 申请表 prints where the province collects none online, with where it came from; shown
        through the file route (the answer carries no signed link: the page's weight budget)."""
        item = registration_photo(self.store.table, exam_no)
        return answers.registration_photo_view(item, exam_no) if item else None

    # -- bulk approval ------------------------------------------------------------------------------------------
    def approve_clean(self, staff: Identity, stage_id: str, exam_nos: list[str]) -> dict:
        """Approve, at one review stage of the open batch, those of the listed applications that are clean; say
        which were skipped and why. Clean: at that stage, no finding in the audit as it stands now (an
        application with a staff exception never is; a record re-imported since submit is judged as it is), and,
        where the province reviews photos, the photo approved. Each approval is the single decision (conditional
        on the version read): one decided meanwhile by someone else is skipped with that reason, never
        overwritten."""
        batch_id = self.batch_id(None)
        stage = rules.bulk_stage(self.profile, staff, stage_id)
        approved, skipped = [], []
        for exam_no in dict.fromkeys(exam_nos):
            try:
                why = self._not_clean(staff, batch_id, stage, exam_no)
                if why is None:
                    self.decide(staff, exam_no, stage_id, True, None)
                    approved.append(exam_no)
                    continue
            except AppError as err:       # not found, decided meanwhile (409), refused by the lifecycle
                why = {"code": err.code, "message": err.message}
            skipped.append({"exam_no": exam_no, **why})
        return {"stage": stage_id, "approved": approved, "skipped": skipped}

    def _not_clean(self, staff: Identity, batch_id: str, stage: dict, exam_no: str) -> dict | None:
        item = self.visible(staff, exam_no, batch_id)
        data = self.profile.data
        why = rules.not_at_stage(item, stage, data)
        if why:
            return why
        audit = self.eligibility.audit(exam_no, item["plan_id"], direction=item.get("direction"))
        findings = audit["findings"]
        photo = self.store.photo(exam_no) if data["application"]["photo_review"] and not findings else None
        identity = self.store.identity(exam_no)["status"] if data["login"]["identity_check"] == "photos" else None
        return rules.not_clean(findings, photo, data, identity, len(audit["exceptions"]))
