"""Where an application shows up in staff lists (pure), and the cursor's checks."""
from __future__ import annotations

import pytest

from functions.apply.review import index
from functions.common.dynamo import keys
from functions.common.dynamo.pages import Binding, Source, decode, encode
from functions.common.errors import BadInput

ITEM = {**keys.application("420121000001", "HUBEI-2026H2"), "exam_no": "420121000001", "batch_id": "HUBEI-2026H2",
        "office": "420100", "name": "韩辉", "plan_id": "P", "host_universities": ["甲大学", "乙大学"], "version": 3,
        "details": {"resume": "长长的简历" * 100}, "updated_at": "2026-11-02T01:00:00Z",
        "lifecycle": {"status": "in_review", "stage": "city_review", "since": 1793581200}}


def test_an_application_in_review_is_listed_by_stage_and_office_oldest_first():
    item = index.indexed(ITEM)
    assert item[keys.GSI3PK] == "REVIEW#HUBEI-2026H2#in_review:city_review"
    assert item[keys.GSI3SK] == "420100#2026-11-02T01:00:00Z#420121000001"
    assert keys.GSI1PK not in item and keys.GSI1SK not in item     # the name search has an item of its own
    named = index.name_entry(item)
    assert named[keys.SK] == "APPNAME#HUBEI-2026H2"
    assert named[keys.GSI1PK] == "APPNAME#HUBEI-2026H2#韩辉" and named[keys.GSI1SK] == "420100#420121000001"


def test_the_name_entry_is_written_when_it_starts_changes_or_was_on_the_item_before():
    class Table:
        name = "t"
    item = index.indexed(ITEM)

    def named(new, old):
        return [a["Put"]["Item"] for a in index.entry_writes(Table, new, old)
                if "Put" in a and a["Put"]["Item"][keys.SK].startswith("APPNAME#")]
    assert named(item, None) == [index.name_entry(item)]
    assert named({**item, "version": 2}, item) == []                   # a step of the review: not again
    assert named({**item, "host_universities": ["乙大学"]}, item)[0]["host_universities"] == ["乙大学"]
    before = {**item, keys.GSI1PK: "APPNAME#HUBEI-2026H2#韩辉", keys.GSI1SK: "420100#420121000001"}
    assert named(item, before) == [index.name_entry(item)]              # stored before: moved to its own item


def test_other_states_are_the_status_and_a_draft_without_since_uses_its_last_change():
    draft = index.indexed({**ITEM, "lifecycle": {"status": "draft", "stage": None, "since": None}})
    assert draft[keys.GSI3PK] == "REVIEW#HUBEI-2026H2#draft"
    assert draft[keys.GSI3SK] == "420100#2026-11-02T01:00:00Z#420121000001"
    assert index.indexed({**ITEM, "lifecycle": {"status": "approved", "since": 1}})[keys.GSI3PK].endswith("#approved")


def test_the_first_host_university_is_listed_on_the_item_each_further_one_by_an_entry_with_the_list_columns():
    item = index.indexed(ITEM)
    assert item[keys.GSI2PK] == "HOSTREVIEW#HUBEI-2026H2#in_review:city_review#甲大学"
    assert item[keys.GSI2SK] == item[keys.GSI3SK]
    entries = index.host_entries(ITEM)
    assert [e[keys.SK] for e in entries] == ["APPHOST#HUBEI-2026H2#乙大学"]
    assert entries[0][keys.GSI2PK] == "HOSTREVIEW#HUBEI-2026H2#in_review:city_review#乙大学"
    assert entries[0][keys.GSI2SK] == item[keys.GSI3SK]
    assert "details" not in entries[0] and entries[0]["name"] == "韩辉"
    assert set(entries[0]) - {keys.PK, keys.SK, keys.GSI2PK, keys.GSI2SK, "kind"} <= set(keys.GSI3_ATTRIBUTES)
    assert keys.GSI2PK not in index.indexed({**ITEM, "host_universities": []})


def test_a_host_entry_item_no_longer_wanted_is_deleted():
    item = index.indexed(ITEM)
    assert index.dropped_hosts(index.indexed({**ITEM, "host_universities": ["甲大学"]}), item) == [
        keys.application_host("420121000001", "HUBEI-2026H2", "乙大学")]
    swapped = index.indexed({**ITEM, "host_universities": ["乙大学", "甲大学"]})       # 乙 now on the item
    assert index.dropped_hosts(swapped, item) == [keys.application_host("420121000001", "HUBEI-2026H2", "乙大学")]
    assert index.dropped_hosts(item, None) == []
    # Stored before the item carried its first host's entry: every host had an item, the first one's goes.
    assert index.dropped_hosts(item, ITEM) == [keys.application_host("420121000001", "HUBEI-2026H2", "甲大学")]


def test_a_list_covers_one_stage_every_stage_one_status_or_everything():
    profile = {"review": {"stages": [{"id": "a"}, {"id": "b"}]}}
    assert index.states(profile, stage="b") == ["in_review:b"]
    assert index.states(profile, status="in_review") == ["in_review:a", "in_review:b"]
    assert index.states(profile, status="approved") == ["approved"]
    assert index.states(profile) == ["draft", "in_review:a", "in_review:b", "approved", "rejected"]


NAMES = ("PK", "SK", "GSI3PK", "GSI3SK")
SOURCES = [Source("REVIEW#B#draft", "420100#"), Source("REVIEW#B#approved", "420100#")]
MINE = Binding.of(b"k" * 32, "staff-1", "in review", "GSI3", SOURCES)
KEY = {"PK": "CAND#1", "SK": "APP#B", "GSI3PK": "REVIEW#B#approved", "GSI3SK": "420100#t#1"}


def _open(cursor: str, binding: Binding = MINE):
    return decode(cursor, binding, SOURCES, NAMES, "GSI3PK", "GSI3SK")


def test_a_cursor_goes_back_to_its_source_and_key():
    assert _open(encode(1, KEY, MINE)) == (1, KEY)
    assert _open(encode(1, None, MINE)) == (1, None)


def test_a_cursor_shows_nothing_of_its_key_and_two_for_the_same_place_differ():
    cursor = encode(1, KEY, MINE)
    assert not any(part in cursor for value in KEY.values() for part in value.split("#") if len(part) > 3)
    assert encode(1, KEY, MINE) != cursor


@pytest.mark.parametrize("other", [
    Binding.of(b"k" * 32, "staff-2", "in review", "GSI3", SOURCES),          # another person
    Binding.of(b"k" * 32, "staff-1", "approved", "GSI3", SOURCES),           # another list, same ranges
    Binding.of(b"k" * 32, "staff-1", "in review", "GSI3", SOURCES[:1]),      # other ranges
    Binding.of(b"x" * 32, "staff-1", "in review", "GSI3", SOURCES),          # another stack's key
])
def test_a_cursor_opens_only_for_whom_and_what_it_was_given(other):
    with pytest.raises(BadInput):
        _open(encode(1, KEY, MINE), other)


def test_a_cursor_with_any_one_character_changed_is_refused():
    cursor = encode(1, KEY, MINE)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for at in range(len(cursor)):
        other = alphabet[(alphabet.index(cursor[at]) + 1) % len(alphabet)]
        with pytest.raises(BadInput):
            _open(cursor[:at] + other + cursor[at + 1:])


@pytest.mark.parametrize("key", [
    {"PK": "CAND#1", "SK": "APP#B", "GSI3PK": "REVIEW#B#draft", "GSI3SK": "420100#t#1"},        # another source's
    {"PK": "CAND#1", "SK": "APP#B", "GSI3PK": "REVIEW#B#approved", "GSI3SK": "420200#t#1"},     # another office
    {"PK": "CAND#1", "SK": "APP#B", "GSI3PK": "REVIEW#B#approved"},                              # a key short
    {"PK": 1, "SK": "APP#B", "GSI3PK": "REVIEW#B#approved", "GSI3SK": "420100#t#1"},            # not text
])
def test_a_sealed_cursor_that_does_not_belong_is_still_refused(key):
    with pytest.raises(BadInput):
        _open(encode(1, key, MINE))


# Sealed cursors are made in the test, not in the parameters: a seal has a random nonce, and parameters that differ
# between pytest-xdist's workers stop the whole run ("Different tests were collected").
NOT_CURSORS = {"empty": lambda: "", "punctuation": lambda: "!!!", "empty object": lambda: "e30",
               "readable source": lambda: "eyJzIjowfQ", "source past the end": lambda: encode(5, None, MINE),
               "negative source": lambda: encode(-1, None, MINE)}


@pytest.mark.parametrize("what", list(NOT_CURSORS))
def test_a_cursor_that_is_not_one_is_refused(what):
    with pytest.raises(BadInput):
        _open(NOT_CURSORS[what]())
