"""check_identity against the exam record, with real faces and printed text through the real models (PP-OCRv4 under
onnxruntime, dlib's face ResNet, MediaPipe's detector): the holder with their own card passes; every other pair
fails with the reason that applies, all reasons at once."""
from __future__ import annotations

import dataclasses
import functools

import id_cards as C
import pytest

from functions.photo.checks.identity import check_identity

ASTRONAUT_RECORD = {"name": C.ASTRONAUT["name"], "id_number": C.ASTRONAUT["id_number"]}


@functools.cache
def own_front() -> bytes:
    return C.jpeg(C.card_photo())


@functools.cache
def own_holding() -> bytes:
    return C.jpeg(C.holding())


def check(rules, front: bytes | None = None, holding: bytes | None = None, record=None) -> dict:
    return check_identity(front or own_front(), "sfz.jpg", holding or own_holding(), "shouchi.jpg", rules,
                          ASTRONAUT_RECORD if record is None else record)


def codes(result: dict) -> set[str]:
    return {f["code"] for f in result["findings"]}


def test_the_holder_with_their_own_card_passes_and_the_reviewer_sees_what_was_read(shanxi):
    result = check(shanxi)
    assert result["ok"] is True and result["findings"] == []
    assert result["read"] == ASTRONAUT_RECORD
    assert result["face_match"] >= 0.55
    hopper = check(shanxi, C.jpeg(C.card_photo(who=C.HOPPER)), C.jpeg(C.holding(holder=C.HOPPER)),
                   {"name": "霍珀", "id_number": C.HOPPER["id_number"].lower()})     # a lower-case x in the record
    assert hopper["ok"] is True, hopper["findings"]


def test_their_card_held_by_another_face_fails_with_face_mismatch(shanxi):
    result = check(shanxi, holding=C.jpeg(C.holding(holder=C.HOPPER, card_of=C.ASTRONAUT)))
    assert codes(result) == {"FACE_MISMATCH"}
    (finding,) = result["findings"]
    assert finding["kind"] == "id_holding" and finding["message"].startswith("手持身份证照：") and finding["hint"]
    assert result["face_match"] < 0.55 and finding["measured"] == result["face_match"]


@pytest.mark.parametrize("printed,code,read", [
    ({"id_number": C.HOPPER["id_number"]}, "ID_NUMBER_MISMATCH", "id_number"),
    ({"name": "张三"}, "NAME_MISMATCH", "name"),
])
def test_a_card_printing_another_number_or_name_fails_with_that_code(shanxi, printed, code, read):
    front = C.jpeg(C.card_photo(**printed))
    holding = C.jpeg(C.holding(card_of={**C.ASTRONAUT, **printed}))
    result = check(shanxi, front, holding)
    assert result["ok"] is False and code in codes(result)
    assert codes(result) <= {code}                            # nothing else is wrong with these pictures
    assert result["read"][read] == printed[read]
    assert {f["kind"] for f in result["findings"]} <= {"id_front", "id_holding"}
    assert any(f["kind"] == "id_front" for f in result["findings"])


def test_a_number_whose_check_digit_fails_is_not_taken_as_read(shanxi):
    misprinted = C.ASTRONAUT["id_number"][:17] + "9"
    result = check(shanxi, C.jpeg(C.card_photo(id_number=misprinted)), record={**ASTRONAUT_RECORD,
                                                                                 "id_number": misprinted})
    assert "ID_TEXT_UNREADABLE" in codes(result) and result["ok"] is False
    assert "公民身份号码" in next(f["message"] for f in result["findings"] if f["code"] == "ID_TEXT_UNREADABLE")


def test_the_record_of_another_candidate_fails_with_both_text_codes_at_once(shanxi):
    result = check(shanxi, record={"name": "霍珀", "id_number": C.HOPPER["id_number"]})
    assert codes(result) == {"ID_NUMBER_MISMATCH", "NAME_MISMATCH"}


def test_everything_wrong_is_reported_at_once(shanxi):
    """Another person's card (name and number) held by a third face, with the card out of the hand: every
    finding, not the first."""
    result = check(shanxi, C.jpeg(C.card_photo(who=C.HOPPER)), C.jpeg(C.holding(with_card=False)))
    assert {"ID_NUMBER_MISMATCH", "NAME_MISMATCH", "FACE_MISMATCH", "HOLDING_CARD_NOT_FOUND"} <= codes(result)
    assert all(f["message"] and f["hint"] for f in result["findings"])


@pytest.mark.parametrize("front,holding,code", [
    (None, lambda: C.holding(with_card=False), "HOLDING_CARD_NOT_FOUND"),
    (lambda: C.blurred(C.card_photo(), 3.5), None, "ID_BLURRY"),
    (lambda: C.card(320), None, "ID_CARD_TOO_SMALL"),                 # photographed from afar, or shrunk
])
def test_pictures_that_cannot_show_the_card_fail_with_their_code(shanxi, front, holding, code):
    result = check(shanxi, C.jpeg(front()) if front else None, C.jpeg(holding()) if holding else None)
    assert result["ok"] is False and code in codes(result)


def test_without_a_record_the_text_is_read_but_not_compared(shanxi):
    result = check_identity(own_front(), "sfz.jpg", own_holding(), "shouchi.jpg", shanxi)
    assert result["ok"] is True and result["read"] == ASTRONAUT_RECORD


def test_on_12_mp_phone_photos_the_card_in_the_hand_is_read_and_compared_too(shanxi):
    """Two 4000 × 3000 phone photos whose held card prints another name than the portrait side: the held card is
    read (around where its printed face puts it, with a margin) and its name found different."""
    size = (3000, 4000)
    other_name = {**C.ASTRONAUT, "name": "张三"}
    front = C.jpeg(C.card_photo(size=size, card_width=2500))
    holding = C.jpeg(C.holding(size=size, face_width=830, card_width=1170, card_of=other_name))
    result = check(shanxi, front, holding)
    assert [(f["code"], f["kind"]) for f in result["findings"]] == [("NAME_MISMATCH", "id_holding")]
    assert result["read"] == ASTRONAUT_RECORD


def test_the_card_is_read_on_the_whole_picture_when_the_face_box_misplaces_it(shanxi):
    """The text is read around the printed face first; a face box far from the card's (here moved to the table
    below it) leaves the name and number outside that crop, and the whole picture is read instead."""
    from functions.photo.checks.face import find_faces
    from functions.photo.checks.identity_match import Seen, read_front

    picture = C.card_photo()
    (face,) = find_faces(picture)
    misplaced = dataclasses.replace(face, box=(face.box[0], 1300.0, face.box[2], 1300.0 + face.box[3] - face.box[1]))
    for seen in (Seen(picture, face), Seen(picture, misplaced), Seen(picture)):
        read = read_front(seen)
        assert (read["name"], read["id_number"]) == (C.ASTRONAUT["name"], C.ASTRONAUT["id_number"])
