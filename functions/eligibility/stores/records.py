"""A candidate's record as the engine audits it: the imported record, plus their 顶替 choices and staff exceptions
for the plan, the prior education checked in the application and the sittings, 免考 and 转考 of other 准考证 the
office confirmed, each kept in its own versioned item so a re-import never drops them."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.common.dynamo.transact import put, write_all
from functions.common.errors import NotFound
from functions.common.session import Identity
from functions.eligibility.other_exam_numbers import merged


@dataclass
class AuditInput:
    record: dict                  # what the engine reads, applied_substitutions included
    choices: list = field(default_factory=list)
    choices_version: int = 0
    exceptions: list = field(default_factory=list)
    exceptions_version: int = 0
    others: list = field(default_factory=list)    # the candidate's other 准考证 (other_exam_numbers), any status


def load(store: Store, exam_no: str, plan_id: str, record: dict | None = None) -> AuditInput:
    """record: the imported record when the caller has just read it (saves a read)."""
    record = record or store.candidate(exam_no)
    if record is None:
        raise NotFound("找不到该考生的考籍记录")
    stored = {i[keys.SK]: i for i in _items(store, exam_no, plan_id)}
    choices = stored.get(keys.candidate_choices(exam_no, plan_id)[keys.SK], {})
    exceptions = stored.get(keys.candidate_exceptions(exam_no, plan_id)[keys.SK], {})
    checked = stored.get(keys.prior_education(exam_no)[keys.SK])
    claims = stored.get(keys.candidate_claims(exam_no)[keys.SK])
    others = stored.get(keys.other_exam_numbers(exam_no)[keys.SK])
    found = AuditInput(record=record,
                       choices=json.loads(choices.get("doc", "[]")), choices_version=int(choices.get("version", 0)),
                       exceptions=json.loads(exceptions.get("doc", "[]")),
                       exceptions_version=int(exceptions.get("version", 0)))
    found.record = {**record, "applied_substitutions": [*(record.get("applied_substitutions") or ()), *found.choices]}
    if claims:
        found.record["exemptions"] = [*(record.get("exemptions") or ()),
                                      *claims_as_exemptions(json.loads(claims["doc"]), plan_id)]
    if others:
        found.others = json.loads(others["doc"])
        found.record = merged(found.record, found.others)
    if checked:
        found.record["prior_education"] = [*(record.get("prior_education") or ()), *_prior_entry(checked)]
    return found


# How each kind of claim counts once verified (the course table's 取得方式).
CLAIM_LABELS = {"exemption": "免考"}


def claims_as_exemptions(claims: list[dict], plan_id: str) -> list[dict]:
    """The candidate's claims for this plan as the engine reads exemptions: a pending claim counts and makes the
    verdict conditional, a verified one counts, a refused one counts for nothing and says why."""
    answer = []
    for claim in claims:
        if claim.get("plan_id") != plan_id or claim["kind"] not in CLAIM_LABELS:
            continue
        entry = {"code": claim["course"], "label": CLAIM_LABELS[claim["kind"]]}
        if claim["status"] == "refused":
            entry = {"code": claim["course"], "approved": False, "reason": claim.get("reason") or ""}
        elif claim["status"] == "pending":
            entry["pending"] = True
        answer.append(entry)
    return answer


def _prior_entry(item: dict) -> list[dict]:
    """The application's prior-education check as the engine reads a diploma: verified by 学信网, or filed for
    staff to check by hand (manual_pending). Other outcomes (not found, too late, …) prove nothing."""
    checked = json.loads(item["doc"])
    if checked["status"] not in ("verified", "manual_pending") or not checked.get("level"):
        return []
    return [{"level": checked["level"], "graduation_date": checked["graduated_on"], "status": checked["status"]}]


def _items(store: Store, exam_no: str, plan_id: str) -> list[dict]:
    wanted = [keys.candidate_choices(exam_no, plan_id), keys.candidate_exceptions(exam_no, plan_id),
              keys.prior_education(exam_no), keys.candidate_claims(exam_no), keys.other_exam_numbers(exam_no)]
    answer = store.table.meta.client.batch_get_item(RequestItems={store.table.name: {"Keys": wanted,
                                                                                     "ConsistentRead": True}})
    return answer["Responses"].get(store.table.name, [])


def save_choices(store: Store, exam_no: str, plan_id: str, found: AuditInput, after: list[dict], who: Identity,
                 action: str, now: int, reason: str | None = None) -> int:
    """The candidate's 顶替 choices for a plan, replacing those `found` read (choices.add, choices.remove)."""
    return _save(store, keys.candidate_choices(exam_no, plan_id), after, found.choices_version, who, action, now,
                 before=found.choices, after=after, reason=reason)


def _save(store: Store, key: dict, doc: list, expected_version: int, who: Identity, action: str, now: int,
          *, before=None, after=None, reason: str | None = None) -> int:
    """Replace the list at key if nobody changed it since expected_version; the log entry goes in the same
    transaction, so there is never a change without its record or a record without its change."""
    version = expected_version + 1
    item = {**key, "kind": action.split(".")[0], "doc": json.dumps(doc, ensure_ascii=False), "version": version}
    entry = log_item(key[keys.PK], who, action, now, before=before, after=after, reason=reason)
    if expected_version == 0:
        change = put(store.table, item, "attribute_not_exists(PK)")
    else:
        change = put(store.table, item, "version = :v", {":v": expected_version})
    write_all(store.table, [change, put(store.table, entry)], "该记录刚被修改过，请刷新后重试")
    return version
