"""The staff page's answer within its weight budget (review/trimmed.py, issue 17 item 9): the history's newest
lines with the count of the older ones (更早的记录 loads them), an exception asked long ago still opening its
section, and empty fields left out (the page reads a missing one as empty)."""
from __future__ import annotations

from functions.apply.review.trimmed import HISTORY_SHOWN, given, history_shown, prior_shown
from functions.common.audit_log import READ_PREFIX as READ


def line(n: int, action: str = "details.contact") -> dict:
    return {"at": f"2026-12-05T04:{n:02d}:00Z", "action": action, "what": "填写联系方式", "who": "考生本人"}


def test_the_newest_lines_come_with_the_page_and_the_older_ones_are_counted():
    lines = [line(0, "exceptions.request")] + [line(n) for n in range(1, 25)]
    shown = history_shown(lines, READ)
    assert shown["history"] == lines[-HISTORY_SHOWN:] and shown["history_earlier"] == 25 - HISTORY_SHOWN
    assert shown["exceptions_asked"] is True                 # the request is among the older lines
    short = history_shown(lines[1:4], READ)
    assert short == {"history": lines[1:4]}                  # nothing older, no exception: nothing more said


def test_empty_optional_fields_are_left_out_and_a_prior_says_its_check_in_words():
    assert given({"kind": "photo", "findings": [], "fixed": False, "review": None, "ok": None},
                 "findings", "fixed", "review") == {"kind": "photo", "ok": None}
    checked = {"status": "manual_pending", "school": "山西某职业学院", "graduated_on": "2019-06-30",
               "method": "certificate_number", "checked_by": None, "documents": ["diploma"]}
    assert prior_shown(checked) == {"status": "manual_pending", "school": "山西某职业学院",
                                    "graduation_date": "2019-06-30", "status_text": "待人工核查"}


def test_reads_do_not_push_the_decisions_out_of_the_page_and_an_older_现场确认_keeps_who_and_when():
    onsite = line(1, "onsite_confirmed")
    decisions = [line(n, "decision.approve") for n in range(2, 13)]
    reads = [line(n, "read.application") for n in range(13, 40)]
    shown = history_shown([line(0), onsite, *decisions, *reads], READ)
    assert shown["history"] == decisions[-HISTORY_SHOWN:]            # the 27 views since load on request
    assert shown["history_earlier"] == 40 - HISTORY_SHOWN
    assert shown["onsite_line"] == onsite                            # out of the newest lines: sent on its own
    assert "onsite_line" not in history_shown([line(0), onsite, *reads], READ)     # among them: not sent twice
