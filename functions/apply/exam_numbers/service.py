"""What the other-准考证 API does: the candidate adds (by name, ID number and 准考证号) or withdraws another
准考证 while the application is open; the office the profile names confirms the merge (its sittings, 免考 and 转考
count from then on, each with its 准考证号) or refuses it with a reason. Each change is stored with its audit-log
entry; the audit reads confirmed merges beside the imported record (eligibility/stores/records.py)."""
from __future__ import annotations

import secrets

from functions.apply.application.changes import handling_office, open_application, refuse_after_submit
from functions.apply.application.service import Applications
from functions.apply.application.status import Lifecycle, changes_refused
from functions.apply.claims import rules as claim_rules
from functions.common.errors import Conflict, NotFound
from functions.common.jurisdiction import office_name
from functions.common.session import Identity
from functions.common.time import iso
from functions.eligibility.other_exam_numbers import carried

from . import rules
from .store import ExamNumberStore

WHAT = "其他准考证"


class ExamNumbers:
    def __init__(self, applications: Applications, store: ExamNumberStore):
        self.applications, self.store = applications, store

    @property
    def _profile_data(self) -> dict:
        return self.applications.profile.data

    def mine(self, me: Identity) -> dict:
        offered = rules.offered(self._profile_data)
        entries, _ = self.store.load(me.exam_no)
        item = open_application(self.applications.eligibility.store.table, me.exam_no)
        refused = changes_refused(Lifecycle.from_dict(item["lifecycle"]), WHAT) if item else None
        return self._answer(entries, offered, open=refused is None)

    def add(self, me: Identity, wanted: dict) -> dict:
        rules.offered(self._profile_data)
        self._editable(me)
        records = self.applications.eligibility.store
        own = self.applications.record(me.exam_no)
        other = records.candidate(wanted["exam_no"]) if wanted["exam_no"] != me.exam_no else None
        entries, version = self.store.load(me.exam_no)
        # only the candidate's own 准考证 is looked at further: another person's is answered as one that does not exist
        mine = other is not None and rules.same_person(other, own.get("name") or "", own.get("id_number") or "")
        held = self._held_by(me.exam_no, wanted["exam_no"]) if mine else None
        rules.check_new(own, wanted, other, entries, held)
        assert other is not None  # check_new answered a missing record like one under another name
        entry = {"id": secrets.token_hex(8), "exam_no": other["exam_no"], **carried(other),
                 "status": rules.PENDING, "made_at": iso(self.applications.clock())}
        self.store.save(me.exam_no, [*entries, entry], version, me, "exam_numbers.add", self.applications.clock(),
                        before=None, after=_logged(entry), hold=other["exam_no"])
        return self.mine(me)

    def withdraw(self, me: Identity, entry_id: str) -> dict:
        rules.offered(self._profile_data)
        self._editable(me)
        entries, version = self.store.load(me.exam_no)
        entry = next((e for e in entries if e["id"] == entry_id), None)
        if entry is None:
            raise NotFound("找不到该准考证合并申请")
        if entry["status"] != rules.PENDING:
            raise Conflict("已审核的准考证合并申请不能撤回；如需改动，请联系档案所在地自考办")
        self.store.save(me.exam_no, [e for e in entries if e["id"] != entry_id], version, me,
                        "exam_numbers.withdraw", self.applications.clock(), before=_logged(entry), after=None,
                        release=entry["exam_no"])
        return self.mine(me)

    def for_staff(self, staff: Identity, exam_no: str) -> dict:
        offered = rules.offered(self._profile_data)
        self.applications.eligibility.visible(staff, exam_no)
        entries, _ = self.store.load(exam_no)
        return self._answer(entries, offered, open=staff.role == offered["decided_by"])

    def decide(self, staff: Identity, exam_no: str, entry_id: str, decision: str, reason: str) -> dict:
        rules.offered(self._profile_data)
        self.applications.eligibility.visible(staff, exam_no)
        entries, version = self.store.load(exam_no)
        entry = next((e for e in entries if e["id"] == entry_id), None)
        rules.check_decision(self._profile_data, staff.role, entry, decision, reason)
        assert entry is not None  # check_decision refused a missing one
        decided = claim_rules.decided(entry, decision, reason, staff.display_name, iso(self.applications.clock()))
        self.store.save(exam_no, [decided if e["id"] == entry_id else e for e in entries], version, staff,
                        f"exam_numbers.{decision}", self.applications.clock(), before=_logged(entry),
                        after=_logged(decided), reason=decided["reason"],
                        release=entry["exam_no"] if decision == rules.REFUSED else None)
        return self.for_staff(staff, exam_no)

    def _editable(self, me: Identity) -> None:
        refuse_after_submit(self.applications.eligibility.store.table, me.exam_no, WHAT, "exam_no")

    def _held_by(self, mine: str, other: str) -> str | None:
        """The office to visit when `other` is merged into another 准考证, when `mine` is merged into one, or when
        `other` has 准考证 of its own merged into it; None when the merge may go ahead."""
        holder = next((h for h in (self.store.merged_into(other), self.store.merged_into(mine)) if h and h != mine),
                      None)
        if holder is None and any(e["status"] != rules.REFUSED for e in self.store.load(other)[0]):
            holder = other
        if holder is None:
            return None
        record = self.applications.eligibility.store.candidate(holder) or {}
        office = handling_office(self.applications.eligibility.store.table, holder) or record.get("office")
        return rules.held_by(self._profile_data, office, rules.offered(self._profile_data)["decided_by"])

    def _answer(self, entries: list[dict], offered: dict, *, open: bool) -> dict:
        reference = self.applications.eligibility.cache.get()
        return {"others": [rules.shown(e, lambda code: reference.course_name(code) or code) for e in entries],
                "decided_by": offered["decided_by"],
                "decided_by_name": office_name(self._profile_data, offered["decided_by"]), "open": open}


def _logged(entry: dict) -> dict:
    """What the audit log keeps of an other 准考证 (its sittings stay in the item)."""
    return {k: entry[k] for k in ("id", "exam_no", "status", "reason") if entry.get(k)}
