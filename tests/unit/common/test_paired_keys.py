"""The second application of a batch (安徽 本、专科专业一并申请) sorts where no read of the first one meets it: the
first's one query (its item and details, between the two keys) and every item named after the batch keep
returning what they did, and the second's details follow it as the first's follow the first."""
from __future__ import annotations

from functions.common.dynamo import keys

BATCH = "2025-1"
EXAM_NO = "340198000001"


def sk(key: dict) -> str:
    return key[keys.SK]


def test_the_paired_application_sorts_after_the_first_ones_details():
    first, details = sk(keys.application(EXAM_NO, BATCH)), sk(keys.application_details(EXAM_NO, BATCH))
    paired = sk(keys.application(EXAM_NO, BATCH, "bachelor"))
    paired_details = sk(keys.application_details(EXAM_NO, BATCH, "bachelor"))
    assert first < details < paired < paired_details
    assert not first <= paired <= details                     # outside the first's query (store.read_application)
    assert (first, details) == ("APP#2025-1", "APP#2025-1#DETAILS")   # the first's keys as stored before


def test_another_batch_sorts_outside_both_ranges():
    later = sk(keys.application(EXAM_NO, "2025-10"))
    for pair in ("", "bachelor"):
        low, high = sk(keys.application(EXAM_NO, BATCH, pair)), sk(keys.application_details(EXAM_NO, BATCH, pair))
        assert not low <= later <= high


def test_what_belongs_to_the_paired_application_has_keys_of_its_own():
    for key in (keys.application_name, lambda e, b, p="": keys.application_host(e, b, "南京大学", p)):
        assert key(EXAM_NO, BATCH) != key(EXAM_NO, BATCH, "bachelor")
    assert keys.slot(BATCH) == BATCH and keys.slot(BATCH, "bachelor") != BATCH
    assert sk(keys.application_name(EXAM_NO, BATCH)) == "APPNAME#2025-1"
