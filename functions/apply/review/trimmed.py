"""The staff application page's answer within its weight budget (issue 17 item 9: 15 KB gzip with the page, its
CSS and scripts, for the largest application): empty fields left out, a 前置学历 and a file's review cut to what
the page says, the history's newest lines (the rest on request, 更早的记录), a zip's files counted (listed on
request, 列出压缩包内容). Pure, like answers.py that builds the answer with these.
"""
from __future__ import annotations

import json

from functions.apply.exceptions.rules import VERDICT_NAMES

# The changes the page's answer carries (the newest); the older ones and the reads load on request (更早的记录,
# issue 17 item 9): enough for the last submission and the decisions since.
HISTORY_SHOWN = 10


def given(shown: dict, *optional: str) -> dict:
    """`shown` without those of its `optional` fields that are empty (None, false, 0, nothing listed): their models
    give them that default, and the staff page reads a missing one as empty (its weight budget, issue 17 item 9)."""
    return {k: v for k, v in shown.items() if k not in optional or v}


def review_shown(review: dict | None) -> dict | None:
    """A file's review by staff as the page says it: the decision and its reason (who and when: the history)."""
    return {k: review[k] for k in ("decision", "reason") if review.get(k)} if review else None


def zip_listing(item: dict) -> list[dict]:
    """The files inside an uploaded zip (name, bytes), as its check listed them; none for any other file."""
    result = json.loads(item["result"]) if item.get("result") else {}
    return [{"name": e["name"], "bytes": e["bytes"]} for e in (result.get("measured") or {}).get("listing", ())]


# What the page says of a 前置学历 (the check's own bookkeeping stays out: the page's weight budget, issue 17 item 9),
# its check's status in the reviewer's words (here, not in the page's script: only the words used travel).
PRIOR_SHOWN = ("level", "major", "school", "graduation_date", "certificate_no", "status", "reason", "online_code")
PRIOR_WORDS = {"verified": "已核实", "pending": "待核实", "manual_pending": "待人工核查", "refused": "未通过核实",
               "rejected": "未通过核实"}


def prior_shown(prior: dict) -> dict:
    """A 前置学历 as the page shows it, on record or as the application checked it (which calls the date
    graduated_on): the fields the reviewer reads, those given, and its check in words (`status_text`)."""
    dated = {"graduation_date": prior.get("graduation_date") or prior.get("graduated_on"),
             "status_text": PRIOR_WORDS.get(prior.get("status") or "pending", prior.get("status"))}
    return {k: v for k, v in {**prior, **dated}.items() if k in (*PRIOR_SHOWN, "status_text") and v is not None}


def history_shown(entries: list[dict], read_prefix: str) -> dict:
    """The history as the page's answer carries it: the newest HISTORY_SHOWN changes (who read the page, and older
    changes, load on request: GET …/history; a long history would push the page past its weight budget, and reads
    would push the decisions out of sight), how many lines that leaves out, the 现场确认 (who and when, the
    decision form says it) if it is among them, and whether any line, older ones too, is an exception's (asked,
    decided, withdrawn): the page then opens its section. `read_prefix`: a read's action (audit_log.READ_PREFIX)."""
    changes = [e for e in entries if not str(e.get("action", "")).startswith(read_prefix)]
    shown = changes[-HISTORY_SHOWN:]
    onsite = next((e for e in reversed(changes) if e.get("action") == "onsite_confirmed"), None)
    asked = any(str(e.get("action", "")).startswith("exceptions.") for e in entries)
    return given({"history": shown, "history_earlier": len(entries) - len(shown), "exceptions_asked": asked,
                  "onsite_line": None if onsite is None or onsite in shown else onsite},
                 "history_earlier", "exceptions_asked", "onsite_line")


def submitted_shown(audit: dict | None) -> dict | None:
    """The audit at submit as stored, with its verdict in words (the page's script carries no verdict names)."""
    return {**audit, "verdict_text": VERDICT_NAMES[audit["verdict"]]} if audit else None
