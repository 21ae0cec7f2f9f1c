"""Exception requests: one item each under the candidate, listed for the second person by a sparse GSI2 entry while
pending. The request, its decision, the engine's exceptions list and the audit-log entry change in one transaction,
so an exception never takes effect without its approval on record, nor an approval without its effect."""
from __future__ import annotations

import json

from boto3.dynamodb.conditions import Key

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.store import every_item
from functions.common.dynamo.transact import put, update, write_all
from functions.common.session import Identity

from . import rules

CHANGED = "该特殊处理刚被其他工作人员办理过，请刷新后查看"


class ExceptionStore:
    def __init__(self, table):
        self.table = table

    def requests(self, exam_no: str) -> list[dict]:
        answer = self.table.query(ConsistentRead=True, KeyConditionExpression=Key(keys.PK).eq(
            keys.candidate(exam_no)[keys.PK]) & Key(keys.SK).begins_with(keys.exception_request(exam_no)[keys.SK]))
        return sorted(answer["Items"], key=lambda r: r["requested_at"])

    def request(self, exam_no: str, request_id: str) -> dict | None:
        return self.table.get_item(Key=keys.exception_request(exam_no, request_id), ConsistentRead=True).get("Item")

    def pending(self) -> list[dict]:
        """Every request waiting for a second person, oldest first."""
        return list(every_item(self.table.query, IndexName=keys.GSI2, KeyConditionExpression=Key(keys.GSI2PK).eq(
            keys.pending_exceptions()[keys.GSI2PK])))

    def ask(self, request: dict, who: Identity, now: int) -> None:
        item = {**keys.exception_request(request["exam_no"], request["id"]), **request,
                **keys.pending_exceptions(request["requested_at"], request["exam_no"])}
        write_all(self.table, [put(self.table, item, "attribute_not_exists(PK)"),
                               put(self.table, _log(request, who, "exceptions.request", now, None, request))],
                  CHANGED)

    def decide(self, request: dict, decided: dict, who: Identity, now: int, action: str,
               engine: tuple[str, list[dict], int] | None) -> None:
        """`decided` replaces the pending `request`; engine: (plan id, the exceptions list after, the version it
        replaces) when the decision puts an exception into effect."""
        key = keys.exception_request(request["exam_no"], request["id"])
        writes = [update(self.table, key, "SET #s = :s, decided_by = :by, decided_by_name = :name, decided_at = :at, "
                         "decision_reason = :why REMOVE GSI2PK, GSI2SK", "#s = :pending", names={"#s": "status"},
                         values={":s": decided["status"], ":by": decided["decided_by"], ":pending": rules.PENDING,
                                 ":name": decided["decided_by_name"], ":at": decided["decided_at"],
                                 ":why": decided.get("decision_reason")}),
                  put(self.table, _log(request, who, action, now, {"status": request["status"]}, decided,
                                       decided.get("decision_reason")))]
        if engine:
            plan_id, after, version = engine
            item = {**keys.candidate_exceptions(request["exam_no"], plan_id), "kind": "exceptions",
                    "doc": json.dumps(after, ensure_ascii=False), "version": version + 1}
            writes.append(put(self.table, item, "version = :v", {":v": version}) if version
                          else put(self.table, item, "attribute_not_exists(PK)"))
        write_all(self.table, writes, CHANGED)


def _log(request: dict, who: Identity, action: str, now: int, before, after, reason: str | None = None) -> dict:
    """Under the candidate, so the application's history shows it: what was asked, in words, and why."""
    kept = {k: after[k] for k in ("id", "kind", "target", "use", "replace", "what", "status") if after.get(k)}
    return log_item(keys.candidate(request["exam_no"])[keys.PK], who, action, now, before=before, after=kept,
                    reason=reason or request["reason"])
