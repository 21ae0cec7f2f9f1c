"""Where an application shows up in staff lists: the index entries written with every change of it.

No I/O: from the application item as it is about to be stored, the attributes that put it in its state's list
(GSI3, by office) and in its first host university's list (GSI2), one host entry per further host university it
names (GSI2, by university) and its name-search entry (GSI1). The application store writes them in the same
transaction as the application (`entry_writes` shapes those actions), so a list never shows a state the
application has left.

  REVIEW#<batch>#<state>              <office>#<since>#<exam_no>   the application item itself
  HOSTREVIEW#<batch>#<state>#<host>   <office>#<since>#<exam_no>   the application item (GSI2), for its first host;
                                                                   CAND#<exam_no> / APPHOST#<batch>#<host> (GSI2)
                                                                   for each further one
  APPNAME#<batch>#<name> (GSI1)       <office>#<exam_no>           CAND#<exam_no> / APPNAME#<batch>

The name-search entry is an item of its own, written only when what it holds changes: on the application item
(GSI1 projects every attribute) each step of the review wrote it into the index again. Search reads the
applications its entries name (review/store.py).

state: `in_review:<stage id>` while in review, else the status (draft, approved, rejected): rules.state_of, and
rules.states for the states a list covers.
"""
from __future__ import annotations

from functions.common.dynamo import keys
from functions.common.dynamo.transact import delete, put

from .rules import since_of, state_of, states

__all__ = ["state_of", "states", "since_of", "indexed", "host_entries", "name_entry", "dropped_hosts", "entry_writes"]


def indexed(item: dict) -> dict:
    """The application item with its list entry and its first host university's (and without the name-search
    entry or the stage queue entry it carried before): most applications name one host university, and an entry on
    the item costs one index write where an item of its own cost two more (a transaction's double write)."""
    state, since = state_of(item["lifecycle"]), since_of(item)
    kept = {k: v for k, v in item.items() if k not in (keys.GSI1PK, keys.GSI1SK, keys.GSI2PK, keys.GSI2SK)}
    hosts = item.get("host_universities") or ()
    first = keys.host_review_list(item["batch_id"], state, hosts[0], item["office"], since,
                                  item["exam_no"]) if hosts else {}
    return {**kept, **keys.review_list(item["batch_id"], state, item["office"], since, item["exam_no"]), **first}


def name_entry(item: dict) -> dict:
    """The application's name-search entry: what a search needs to find it and to judge who may see it."""
    pair = {"pair": item["pair"]} if item.get("pair") else {}     # the 本科 of 本、专科专业一并申请 (keys.PAIRS)
    return {**keys.application_name(item["exam_no"], item["batch_id"], item.get("pair", "")),
            "kind": "application_name",
            "exam_no": item["exam_no"], "batch_id": item["batch_id"], "office": item["office"], "name": item["name"],
            "host_universities": list(item.get("host_universities") or ()), **pair,
            **keys.application_by_name(item["batch_id"], item["name"], item["office"], item["exam_no"])}


def host_entries(item: dict) -> list[dict]:
    """One small item per host university after the first, carrying the list's columns (GSI3 projects the same
    ones)."""
    state, since = state_of(item["lifecycle"]), since_of(item)
    columns = {name: item[name] for name in keys.GSI3_ATTRIBUTES if name in item}
    return [{**keys.application_host(item["exam_no"], item["batch_id"], host, item.get("pair", "")),
             "kind": "application_host",
             **columns, **keys.host_review_list(item["batch_id"], state, host, item["office"], since, item["exam_no"])}
            for host in (item.get("host_universities") or ())[1:]]


def _with_entries(item: dict) -> list[str]:
    """The host universities that have an entry item of their own: all of them for an item stored before it
    carried its first host's entry itself."""
    hosts = list(item.get("host_universities") or ())
    on_item = str(item.get(keys.GSI2PK, "")).startswith(keys.HOST_REVIEW_PREFIX)
    return hosts[1:] if on_item else hosts


def dropped_hosts(new: dict, old: dict | None) -> list[dict]:
    """Keys of host entry items no longer wanted: of a host the application no longer names (a draft that changed
    its major), or one that is now its first (its entry is on the application item)."""
    if not old:
        return []
    kept = set((new.get("host_universities") or ())[1:])
    return [keys.application_host(old["exam_no"], old["batch_id"], host, old.get("pair", ""))
            for host in _with_entries(old) if host not in kept]


def entry_writes(table, new: dict, old: dict | None) -> list[dict]:
    """The transaction actions that keep the host entries and the name-search entry in step with `new` (see
    `indexed` for the item). The name entry is written when the application starts, when what it holds changes,
    and once for an application stored before it had one (its item then still carries the entry itself)."""
    unchanged = old is not None and keys.GSI1PK not in old and name_entry(old) == name_entry(new)
    return ([put(table, entry) for entry in host_entries(new)] + ([] if unchanged else [put(table, name_entry(new))])
            + [delete(table, key) for key in dropped_hosts(new, old)])
