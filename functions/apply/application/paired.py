"""The candidate's second application of a batch: the 本科 of 本、专科专业一并申请 (安徽, profile
application.prior_education.concurrent_associate), beside the batch's application, which is the 专科.

Seed 002: 考生应在提交专科毕业申请后，及时向相关市教育考试机构反映，确认本次专科专业符合毕业条件后再提交本科专业
毕业申请. So the 本科 opens once the 专科 is submitted, its audit rests on the 专科 (associate.py: conditional until the
city passed it, refused once it was rejected), and it has its own review, status and history. What the candidate
filled in (contact, resume, …) is the 专科's: the 本科 takes it when it is chosen and again when it is submitted.
Stored under keys.application(…, PAIR) (one item more in the candidate's partition).
"""
from __future__ import annotations

from functions.common.dynamo import keys
from functions.common.errors import Conflict
from functions.common.session import Identity
from functions.common.time import iso
from functions.eligibility.engine import GATE_CODES
from functions.profiles.vocabulary import is_bachelor

from .associate import bundles
from .rules import blocking, chosen_direction, chosen_hosts
from .status import Lifecycle, Status
from .submissions import Submissions

PAIR = keys.PAIRS[0]          # the 本科 beside the 专科
NO_PAIRING = "本省毕业申请不能本、专科专业一并申请：每个批次只能申请一个专业"
NO_ASSOCIATE = "本、专科专业一并申请须先选择并提交专科专业的毕业申请，再申请本科专业"
NOT_BACHELOR = "一并申请的须是本科专业；专科专业请在上方的毕业申请中选择"
MISSING = "您还没有一并申请的本科专业，请先选择"


def associate_problem(associate: dict | None) -> str | None:
    """Why the 本科 cannot be chosen or submitted beside the batch's application `associate` now (None: it can)."""
    if associate is None or is_bachelor(associate.get("level")):
        return NO_ASSOCIATE
    if Lifecycle.from_dict(associate["lifecycle"]).status == Status.DRAFT:
        return (f"请先提交专科专业（{associate.get('major_name') or associate['plan_id']}）的毕业申请：本科专业的毕业"
                "申请须在专科专业提交之后办理")
    return None


class Paired:
    def __init__(self, submissions: Submissions):
        self.submissions = submissions
        self.applications = submissions.applications

    def _associate(self, exam_no: str, batch_id: str) -> dict:
        """The batch's 专科, refused where the province does not pair or the 专科 is not (yet) submitted."""
        if not bundles(self.applications.profile.data):
            raise Conflict(NO_PAIRING)
        associate = self.applications.item(exam_no, batch_id)
        problem = associate_problem(associate)
        if problem or associate is None:
            raise Conflict(problem or NO_ASSOCIATE, field="plan_id")
        return associate

    def choose(self, me: Identity, plan_id: str, host_universities: list[str], direction: str | None) -> dict:
        """Start (or change, while a draft) the 本科 beside the submitted 专科; refused with the engine's reason when a
        gate blocks it. Office, name and details are the 专科's."""
        applications, submissions = self.applications, self.submissions
        batch, now = applications.batch(), applications.clock()
        associate = self._associate(me.exam_no, batch["id"])
        record = applications.record(me.exam_no)
        item = applications.item(me.exam_no, batch["id"], PAIR)
        submissions._window_open(batch, record, associate.get("office"), now)
        submissions._not_merged(me.exam_no)
        plan = applications.eligibility.plan(plan_id)
        if not is_bachelor(plan.get("level")):
            raise Conflict(NOT_BACHELOR, field="plan_id")
        hosts = chosen_hosts(plan, host_universities, applications.profile.data["application"]["host_universities_max"])
        chosen_way = chosen_direction(plan, direction)
        audit = applications.eligibility.audit(me.exam_no, plan_id, record, batch, direction=direction)
        gates = [f for f in audit["findings"] if f["code"] in GATE_CODES]
        if gates:
            raise Conflict(blocking({**audit, "findings": gates}), field="plan_id")
        if item and Lifecycle.from_dict(item["lifecycle"]).status != Status.DRAFT:
            raise Conflict("您已提交一并申请的本科专业，不能更换专业；如需更换请先撤回")
        new = {**applications.store.started(item, me.exam_no, batch["id"], PAIR), "plan_id": plan_id,
               "office": associate["office"], "name": record["name"], "candidate_type": record.get("candidate_type"),
               "major_name": plan.get("major_name"), "level": plan.get("level"), "host_universities": hosts,
               "direction": None, "direction_name": None, **(chosen_way or {}),
               "lifecycle": (item or {}).get("lifecycle") or Lifecycle(since=now).as_dict(),
               "version": int((item or {}).get("version", 0)) + 1, "updated_at": iso(now)}
        if associate.get("details") is not None:
            new["details"] = associate["details"]
        applications.write(new, item, me, "application_started" if not item else "major_changed",
                           before=item and item["plan_id"], after=plan_id)
        return applications.present(new, batch)

    def for_submit(self, exam_no: str, batch: dict, item: dict) -> dict:
        """The 本科 as it is submitted: refused while the 专科 is not submitted, with the 专科's details."""
        associate = self._associate(exam_no, batch["id"])
        return {**item, "details": associate["details"]} if associate.get("details") is not None else item

    def submit(self, me: Identity, idempotency_key: str, version: int) -> dict:
        return self.submissions.submit(me, idempotency_key, version, pair=PAIR, paired=self)

    def withdraw(self, me: Identity, version: int) -> dict:
        if not bundles(self.applications.profile.data):
            raise Conflict(NO_PAIRING)
        return self.submissions.withdraw(me, version, pair=PAIR)

    def overview(self, exam_no: str, batch: dict) -> dict:
        """The overview's part: whether the province pairs, the 本科 (or None) and why it cannot be opened now."""
        if not bundles(self.applications.profile.data):
            return {"pairs": False, "paired": None, "paired_closed": None}
        item = self.applications.item(exam_no, batch["id"], PAIR)
        associate = self.applications.item(exam_no, batch["id"])
        return {"pairs": True, "paired": self.applications.present(item, batch) if item else None,
                "paired_closed": None if item else associate_problem(associate)}
