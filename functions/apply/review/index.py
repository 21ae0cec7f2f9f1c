"""Where an application shows up in staff lists: the index entries written with every change of it.

Pure: from the application item as it is about to be stored, the attributes that put it in its state's list
(GSI3, by office) and in the name search (GSI1), and one host entry per host university it names (GSI3, by
university). The store writes them in the same transaction as the application, so a list never shows a state
the application has left.

  REVIEW#<batch>#<state>              <office>#<since>#<exam_no>   the application item itself
  HOSTREVIEW#<batch>#<state>#<host>   <office>#<since>#<exam_no>   CAND#<exam_no> / APPHOST#<batch>#<host>
  APPNAME#<batch>#<name> (GSI1)       <office>#<exam_no>           the application item itself

state: `in_review:<stage id>` while in review, else the status (draft, approved, rejected).
"""
from __future__ import annotations

from functions.common.dynamo import keys
from functions.common.dynamo.transact import delete, put
from functions.common.time import iso

IN_REVIEW = "in_review"
STATUSES = ("draft", IN_REVIEW, "approved", "rejected")
STATUS_NAMES = {"draft": "未提交", IN_REVIEW: "审核中", "approved": "审核通过", "rejected": "未通过"}


def state_of(lifecycle: dict) -> str:
    status = lifecycle.get("status", "draft")
    return f"{IN_REVIEW}:{lifecycle['stage']}" if status == IN_REVIEW else status


def states(profile_data: dict, status: str | None = None, stage: str | None = None) -> list[str]:
    """The states a list covers: one stage, every stage (status in_review), one status, or all of them."""
    stages = [f"{IN_REVIEW}:{s['id']}" for s in profile_data["review"]["stages"]]
    if stage:
        return [f"{IN_REVIEW}:{stage}"]
    if status == IN_REVIEW:
        return stages
    if status:
        return [status]
    return ["draft", *stages, "approved", "rejected"]


def since_of(item: dict) -> str:
    """When the application entered its current state (ISO, UTC)."""
    since = item["lifecycle"].get("since")
    return iso(int(since)) if since is not None else str(item.get("updated_at") or "")


def indexed(item: dict) -> dict:
    """The application item with its list and name-search entries."""
    state, since = state_of(item["lifecycle"]), since_of(item)
    return {**item, **keys.review_list(item["batch_id"], state, item["office"], since, item["exam_no"]),
            **keys.application_by_name(item["batch_id"], item["name"], item["office"], item["exam_no"])}


def host_entries(item: dict) -> list[dict]:
    """One small item per host university, carrying the list's columns (GSI3 projects the same ones)."""
    state, since = state_of(item["lifecycle"]), since_of(item)
    columns = {name: item[name] for name in keys.GSI3_ATTRIBUTES if name in item}
    return [{**keys.application_host(item["exam_no"], item["batch_id"], host), "kind": "application_host",
             **columns, **keys.host_review_list(item["batch_id"], state, host, item["office"], since, item["exam_no"])}
            for host in item.get("host_universities") or ()]


def dropped_hosts(new: dict, old: dict | None) -> list[dict]:
    """Keys of host entries the application no longer names (a draft that changed its major)."""
    if not old:
        return []
    kept = set(new.get("host_universities") or ())
    return [keys.application_host(old["exam_no"], old["batch_id"], host)
            for host in old.get("host_universities") or () if host not in kept]


def entry_writes(table, new: dict, old: dict | None) -> list[dict]:
    """The transaction actions that keep the host entries in step with `new` (see `indexed` for the item)."""
    return ([put(table, entry) for entry in host_entries(new)]
            + [delete(table, key) for key in dropped_hosts(new, old)])
