"""What the exceptions API does: a member of staff of the role the profile names asks for an exception for one
candidate of their jurisdiction (previewing the verdict it would give), a second, different member approves it (it
takes effect: the engine applies it from then on) or rejects it, or the one who asked withdraws it."""
from __future__ import annotations

import secrets

from functions.apply.application.service import Applications
from functions.apply.application.status import Lifecycle, Status
from functions.apply.review.rules import sees, visible
from functions.common.errors import BadInput, Conflict
from functions.common.jurisdiction import office_name
from functions.common.session import Identity
from functions.common.time import iso

from . import rules
from .store import ExceptionStore


class ExceptionService:
    def __init__(self, applications: Applications, store: ExceptionStore):
        self.applications, self.store = applications, store

    @property
    def _profile_data(self) -> dict:
        return self.applications.profile.data

    def for_staff(self, staff: Identity, exam_no: str) -> dict:
        """The candidate's requests for the plan applied in (in words, pending ones with the verdict they would give),
        the requirements one may ask about, and whether I may ask and approve."""
        item = self._application(staff, exam_no)
        named = self._named(item["plan_id"])
        shown = []
        for request in self._requests(exam_no, item["plan_id"]):
            entry = {**rules.shown(request, named), "mine": request["requested_by"] == staff.account_id}
            if request["status"] == rules.PENDING:
                entry["verdict_after"] = self._verdict_after(exam_no, item["plan_id"], request)
            shown.append(entry)
        by = rules.decided_by(self._profile_data)
        return {"requests": shown, "requirements": [rules.requirement(c, n) for c, n in named.items()],
                "decided_by_name": office_name(self._profile_data, by), "may_ask": staff.role == by}

    def preview(self, staff: Identity, exam_no: str, wanted: dict) -> dict:
        """What the audit would say once the exception is approved (nothing stored)."""
        item = self._application(staff, exam_no)              # another office's candidate: none (404) first
        rules.check_role(self._profile_data, staff.role)
        exception, audit_now, after = self._checked(staff, exam_no, item, wanted)
        return {"what": rules.described(exception, self._named(item["plan_id"])),
                "verdict_now": rules.VERDICT_NAMES[audit_now], "verdict_after": rules.VERDICT_NAMES[after]}

    def ask(self, staff: Identity, exam_no: str, wanted: dict) -> dict:
        item = self._application(staff, exam_no)              # another office's candidate: none (404) first
        rules.check_role(self._profile_data, staff.role)
        exception, _, _ = self._checked(staff, exam_no, item, wanted)
        now = self.applications.clock()
        request = {**exception, "id": secrets.token_hex(8), "exam_no": exam_no, "plan_id": item["plan_id"],
                   "office": item["office"], "status": rules.PENDING, "requested_by": staff.account_id,
                   "requested_by_name": staff.display_name, "requested_at": iso(now),
                   "what": rules.described(exception, self._named(item["plan_id"]))}
        self.store.ask({k: v for k, v in request.items() if v is not None}, staff, now)
        return self.for_staff(staff, exam_no)

    def decide(self, staff: Identity, exam_no: str, request_id: str, decision: str, reason: str) -> dict:
        item = self._application(staff, exam_no)
        request = self.store.request(exam_no, request_id)
        rules.check_decision(self._profile_data, staff.role, staff.account_id, request, decision, reason)
        assert request is not None       # check_decision refused a missing request
        now = self.applications.clock()
        decided = {**request, "status": rules.DECIDED[decision], "decided_by": staff.account_id,
                   "decided_by_name": staff.display_name, "decided_at": iso(now),
                   **({"decision_reason": reason.strip()} if reason.strip() else {})}
        engine = None
        if decision == rules.APPROVE:
            _refuse_when_final(item)
            made = rules.as_exception(decided)
            _, found = self.applications.eligibility.with_exceptions(exam_no, request["plan_id"], [made])
            engine = (request["plan_id"], [*found.exceptions, made], found.exceptions_version)
        self.store.decide(request, decided, staff, now, f"exceptions.{decision}", engine)
        return self.for_staff(staff, exam_no)

    def pending(self, staff: Identity) -> list[dict]:
        """Requests waiting for me: of my role, in my jurisdiction, asked by someone else (the approvals page)."""
        rules.check_role(self._profile_data, staff.role)
        batch = self.applications.batch()
        answer = []
        for request in self.store.pending():
            item = self.applications.item(request["exam_no"], batch["id"])
            if item is None or not sees(staff, item) or request["requested_by"] == staff.account_id:
                continue
            named = self._named(request["plan_id"])
            answer.append({**rules.shown(request, named), "name": item.get("name"),
                           "verdict_after": self._verdict_after(request["exam_no"], request["plan_id"], request)})
        return answer

    # -- reading -------------------------------------------------------------------------------------------------
    def _application(self, staff: Identity, exam_no: str) -> dict:
        batch = self.applications.batch()
        return visible(staff, self.applications.item(exam_no, batch["id"]))

    def _requests(self, exam_no: str, plan_id: str) -> list[dict]:
        return [r for r in self.store.requests(exam_no) if r["plan_id"] == plan_id]

    def _named(self, plan_id: str) -> dict[str, str]:
        reference = self.applications.eligibility.cache.get()
        compiled = reference.compiled(plan_id)
        courses = {code: node.name or reference.course_name(code) or code
                   for code, node in compiled.course_nodes.items()}
        return rules.requirements(courses, (compiled.thesis or {}).get("code"))

    def _checked(self, staff: Identity, exam_no: str, item: dict, wanted: dict) -> tuple[dict, str, str]:
        """(the exception, the verdict now, the verdict once approved); BadInput if the engine could not apply it."""
        _refuse_when_final(item)
        exception = rules.check_new(wanted, named=self._named(item["plan_id"]),
                                    earlier=self._requests(exam_no, item["plan_id"]))
        trial = {**exception, "staff_id": staff.account_id, "at": iso(self.applications.clock())}
        eligibility = self.applications.eligibility
        now = eligibility.audit(exam_no, item["plan_id"], direction=item.get("direction"))
        after, _ = eligibility.with_exceptions(exam_no, item["plan_id"], [trial], item.get("direction"))
        if (after.get("exceptions_applied") or [{}])[-1].get("effect") != "applied":
            field = "use" if exception["kind"] == "substitute" else "target"
            raise BadInput("考生的成绩中没有可以这样处理的课程：用来替代的课程须已合格且未被其他要求使用"
                           if field == "use" else "该要求已满足或无法这样处理", field=field)
        return exception, now["verdict"], after["verdict"]

    def _verdict_after(self, exam_no: str, plan_id: str, request: dict) -> str:
        after, _ = self.applications.eligibility.with_exceptions(exam_no, plan_id, [rules.as_exception(request)])
        return rules.VERDICT_NAMES[after["verdict"]]


def _refuse_when_final(item: dict) -> None:
    state = Lifecycle.from_dict(item["lifecycle"])
    if state.final or state.status == Status.APPROVED:
        raise Conflict("该申请已审核完毕，不能再做特殊处理")
