"""What the claims API does: the candidate makes or withdraws a claim while the application is open; the office the
profile names verifies or refuses it. Each change is stored with its audit-log entry; the eligibility audit reads
the claims beside the imported record (eligibility/stores/records.py)."""
from __future__ import annotations

import secrets
from collections.abc import Callable

from functions.apply.application.service import Applications
from functions.apply.application.status import Lifecycle, Status
from functions.apply.review.rules import visible
from functions.apply.sections.store import SectionStore
from functions.common.errors import Conflict, NotFound
from functions.common.jurisdiction import office_name
from functions.common.session import Identity
from functions.common.time import iso
from functions.photo.statuses import UploadStatus

from . import rules
from .store import ClaimStore


class ClaimService:
    def __init__(self, applications: Applications, sections: SectionStore, store: ClaimStore,
                 evidence_link: Callable[[str], str]):
        """evidence_link: a 5-minute link to an uploaded object (by its key), for staff to open the certificate."""
        self.applications, self.sections, self.store = applications, sections, store
        self.evidence_link = evidence_link

    @property
    def _profile_data(self) -> dict:
        return self.applications.profile.data

    def mine(self, me: Identity) -> dict:
        """My claims, the courses I may still claim with the certificates each accepts, and whether I may change."""
        offered = rules.offered(self._profile_data)
        batch, item = self.applications.mine(me.exam_no)
        claims, _ = self.store.load(me.exam_no)
        names, passed = self._plan(me.exam_no, item, batch)
        claimed = {c["course"] for c in claims if c["status"] != rules.REFUSED}
        reference = self.applications.eligibility.cache.get()
        options = []
        for code, name in names.items():
            accepted = rules.certificates(reference.exemption_rules, self._profile_data["province"], code)
            if accepted and code not in passed and code not in claimed:
                options.append({"course": code, "course_name": name,
                                "certificates": [{"id": c, "name": rules.certificate_name(c)} for c in accepted]})
        return {"claims": [rules.shown(c, names) for c in claims if c["plan_id"] == item["plan_id"]],
                "options": options, "decided_by": offered["decided_by"],
                "decided_by_name": office_name(self._profile_data, offered["decided_by"]), "open": _open(item)}

    def add(self, me: Identity, wanted: dict) -> dict:
        batch, item = self._editable(me)
        claims, version = self.store.load(me.exam_no)
        names, passed = self._plan(me.exam_no, item, batch)
        reference = self.applications.eligibility.cache.get()
        accepted = rules.certificates(reference.exemption_rules, self._profile_data["province"], wanted["course"])
        evidence = self.sections.uploads(me.exam_no).get(rules.EVIDENCE)
        evidence_ok = evidence is not None and evidence.get("status") in (UploadStatus.OK, UploadStatus.APPROVED)
        mine = [c for c in claims if c["plan_id"] == item["plan_id"]]
        rules.check_new(self._profile_data, wanted, plan_courses=names, passed=passed, accepted=accepted,
                        earlier=mine, evidence_ok=evidence_ok)
        claim = {"id": secrets.token_hex(8), "kind": wanted["kind"], "plan_id": item["plan_id"],
                 "course": wanted["course"], "certificate": wanted["certificate"],
                 "evidence": evidence["upload_id"] if evidence else None,
                 "status": rules.PENDING, "made_at": iso(self.applications.clock())}
        self.store.save(me.exam_no, [*claims, claim], version, me, "claims.add", self.applications.clock(),
                        before=None, after=_logged(claim))
        return self.mine(me)

    def withdraw(self, me: Identity, claim_id: str) -> dict:
        self._editable(me)
        claims, version = self.store.load(me.exam_no)
        claim = next((c for c in claims if c["id"] == claim_id), None)
        if claim is None:
            raise NotFound("找不到该申请事项")
        if claim["status"] != rules.PENDING:
            raise Conflict("已审核的申请事项不能撤回")
        self.store.save(me.exam_no, [c for c in claims if c["id"] != claim_id], version, me, "claims.withdraw",
                        self.applications.clock(), before=_logged(claim), after=None)
        return self.mine(me)

    def for_staff(self, staff: Identity, exam_no: str) -> dict:
        offered = rules.offered(self._profile_data)
        batch = self.applications.batch()
        item = visible(staff, self.applications.item(exam_no, batch["id"]))
        claims, _ = self.store.load(exam_no)
        names, _ = self._plan(exam_no, item, batch)
        evidence = self.sections.uploads(exam_no).get(rules.EVIDENCE)
        link = self.evidence_link(evidence["object_key"]) if evidence else None
        # The certificate on file is the one a pending claim stands on (a newer upload replaces the older one).
        shown = [{**rules.shown(c, names), **({"evidence_url": link} if c["status"] == rules.PENDING else {})}
                 for c in claims if c["plan_id"] == item["plan_id"]]
        if any("evidence_url" in c for c in shown):
            self.store.note_read(exam_no, staff, self.applications.clock(), {"batch": batch["id"]})
        return {"claims": shown, "decided_by": offered["decided_by"],
                "decided_by_name": office_name(self._profile_data, offered["decided_by"]),
                "open": staff.role == offered["decided_by"]}

    def decide(self, staff: Identity, exam_no: str, claim_id: str, decision: str, reason: str) -> dict:
        batch = self.applications.batch()
        visible(staff, self.applications.item(exam_no, batch["id"]))
        claims, version = self.store.load(exam_no)
        claim = next((c for c in claims if c["id"] == claim_id), None)
        rules.check_decision(self._profile_data, staff.role, claim, decision, reason)
        assert claim is not None  # check_decision refused a missing claim
        decided = rules.decided(claim, decision, reason, staff.display_name, iso(self.applications.clock()))
        self.store.save(exam_no, [decided if c["id"] == claim_id else c for c in claims], version, staff,
                        f"claims.{decision}", self.applications.clock(), before=_logged(claim),
                        after=_logged(decided), reason=decided["reason"])
        return self.for_staff(staff, exam_no)

    def _editable(self, me: Identity) -> tuple[dict, dict]:
        rules.offered(self._profile_data)
        batch, item = self.applications.mine(me.exam_no)
        if not _open(item):
            raise Conflict("申请已提交，不能再新增或撤回免考申请", field="course")
        return batch, item

    def _plan(self, exam_no: str, item: dict, batch: dict) -> tuple[dict[str, str], set[str]]:
        """(code -> name of the plan's courses, codes the candidate passed by exam or transfer)."""
        eligibility = self.applications.eligibility
        reference = eligibility.cache.get()
        compiled = reference.compiled(item["plan_id"])
        names = {code: node.name or reference.course_name(code) or code
                 for code, node in compiled.course_nodes.items()}
        audit = eligibility.audit(exam_no, item["plan_id"], None, batch, direction=item.get("direction"))
        passed = {code for code, how in audit["course_status"].items() if how in ("passed", "转考")}
        return names, passed


def _open(item: dict) -> bool:
    state = Lifecycle.from_dict(item["lifecycle"])
    return state.status in (Status.DRAFT, Status.REJECTED) and not state.locked and not state.final


def _logged(claim: dict) -> dict:
    """What the audit log keeps of a claim (the evidence file stays in its own item)."""
    return {k: claim[k] for k in ("id", "kind", "course", "certificate", "status") if k in claim} | (
        {"reason": claim["reason"]} if claim.get("reason") else {})
