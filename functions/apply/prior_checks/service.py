"""Staff's side of manual 前置学历 claims: read one with what 学信网 needs, record verified or refused, and the bulk
export of pending claims and import of the answers. rules.py judges; the prior-education item and its audit entry
are written together (sections/store.py), an import's in one transaction or not at all."""
from __future__ import annotations

from functions.apply.application.service import Applications
from functions.apply.application.system_review import SystemReview
from functions.apply.review import rules as review_rules
from functions.apply.review.store import ReviewStore
from functions.apply.sections.prior_rules import MANUAL_PENDING
from functions.apply.sections.store import PRIOR_CHANGED, SectionStore, doc_of
from functions.common import audit_log
from functions.common.dynamo.transact import write_all
from functions.common.errors import Forbidden
from functions.common.jurisdiction import office_name
from functions.common.session import Identity
from functions.common.time import iso

from . import rules
from .rules import Decision


class PriorClaims:
    def __init__(self, applications: Applications, sections: SectionStore, reviews: ReviewStore,
                 system: SystemReview):
        self.applications, self.sections, self.reviews, self.system = applications, sections, reviews, system

    @property
    def _profile_data(self) -> dict:
        return self.applications.profile.data

    def _visible(self, staff: Identity, exam_no: str) -> dict:
        return review_rules.visible(staff, self.applications.item(exam_no, self.applications.batch()["id"]))

    def for_staff(self, staff: Identity, exam_no: str) -> dict:
        self._visible(staff, exam_no)
        record = self.sections.prior_doc(exam_no)
        office = rules.decided_by(self._profile_data)
        pending = bool(record) and record["status"] == MANUAL_PENDING
        return {"record": record, "decided_by": office, "decided_by_name": office_name(self._profile_data, office),
                "open": pending and staff.role == office}

    def decide(self, staff: Identity, exam_no: str, decision: str, reason: str) -> dict:
        self._visible(staff, exam_no)
        stored = self.sections.prior(exam_no)
        record = doc_of(stored)
        rules.check_decision(self._profile_data, staff.role, record, decision, reason)
        assert record is not None     # check_decision refused a missing record
        now = self.applications.clock()
        doc = rules.decided(record, Decision(decision), reason, staff.display_name, iso(now))
        write_all(self.sections.table, self.sections.prior_change(
            exam_no, doc, stored, staff, f"prior_education.{decision}", now, doc["reason"]), PRIOR_CHANGED)
        if decision == Decision.VERIFIED:
            self.system.reconsider(exam_no)         # 系统审核通过 if the 前置学历 was all that was left
        return self.for_staff(staff, exam_no)

    def _deciding(self, staff: Identity) -> None:
        office = rules.decided_by(self._profile_data)
        if staff.role != office:
            raise Forbidden(f"前置学历的学信网核对由{office_name(self._profile_data, office)}记录")

    def pending(self, staff: Identity) -> dict:
        """The manual claims waiting for a 学信网 check in my jurisdiction, as CSV."""
        self._deciding(staff)
        batch = self.applications.batch()
        listed = self.reviews.every(*review_rules.list_ranges(staff, batch["id"],
                                                              review_rules.states(self._profile_data), None, None))
        exam_nos = sorted({i["exam_no"] for i in listed})
        rows = []
        for start in range(0, len(exam_nos), 100):
            chunk = exam_nos[start:start + 100]
            priors, people = self.sections.priors(chunk), self.reviews.records(chunk)
            rows += [rules.export_row(e, doc_of(priors[e]) or {}, people.get(e) or {}) for e in chunk
                     if e in priors and (doc_of(priors[e]) or {}).get("status") == MANUAL_PENDING]
        # Full ID numbers in bulk: the read is in the batch's log, as the exports are.
        self.reviews.log_batch(batch["id"], staff, audit_log.READ_PREFIX + audit_log.READ_PRIOR_CHECKS,
                               self.applications.clock(), {"rows": len(rows)})
        return {"filename": f"前置学历待核对-{batch['id']}.csv", "rows": len(rows), "text": rules.csv_text(rows)}

    def import_answers(self, staff: Identity, text: str) -> dict:
        """The answers of a filled-in export: every bad row named at once, and then all stored or none."""
        self._deciding(staff)
        answers, blank, problems = rules.read_answers(text)
        batch_id = self.applications.batch()["id"]
        wanted = [a.exam_no for a in answers]
        items = {i["exam_no"]: i for i in self.reviews.applications(wanted, batch_id)}
        priors = self.sections.priors(wanted)
        for a in answers:
            item, record = items.get(a.exam_no), doc_of(priors.get(a.exam_no))
            if item is None or not review_rules.sees(staff, item):
                problems.append((a.line, f"准考证号 {a.exam_no} 不在您负责的本批毕业申请中"))
            elif not record or record["status"] != MANUAL_PENDING:
                problems.append((a.line, f"准考证号 {a.exam_no} 没有待核对的前置学历（可能已记录过）"))
        if problems:
            rules.raise_all(problems)
        now, actions = self.applications.clock(), []
        for a in answers:
            stored = priors[a.exam_no]
            doc = rules.decided(doc_of(stored) or {}, a.decision, a.reason, staff.display_name, iso(now))
            actions += self.sections.prior_change(a.exam_no, doc, stored, staff, f"prior_education.{a.decision}",
                                                  now, doc["reason"])
        write_all(self.sections.table, actions, "有考生的前置学历刚被修改过，本次没有导入任何结果：请重新导出后再试")
        for a in answers:
            if a.decision == Decision.VERIFIED:
                self.system.reconsider(a.exam_no)
        return {"verified": sum(a.decision == Decision.VERIFIED for a in answers),
                "refused": sum(a.decision == Decision.REFUSED for a in answers), "skipped": blank}
