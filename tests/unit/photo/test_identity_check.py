"""check_identity: synthetic ID cards and holding photos through the real face detector (no mocks)."""
from __future__ import annotations

import ast
import functools
import io
from pathlib import Path

import id_cards as C
import portraits as P
import pytest
from PIL import Image

from functions.photo.checks.identity import (
    CARD_TO_PERSON,
    MAX_CARD_FACE_AREA_SHARE,
    MIN_FACE_BRIGHTNESS,
    MIN_FACE_SHARPNESS,
    check_identity,
)


@functools.cache
def good_front() -> bytes:
    return C.jpeg(C.card_photo())


@functools.cache
def good_holding() -> bytes:
    return C.jpeg(C.holding())


def check(rules, front=None, holding=None, front_name="sfz.jpg", holding_name="shouchi.jpg") -> dict:
    return check_identity(front or good_front(), front_name, holding or good_holding(), holding_name, rules)


def of(result: dict, kind: str) -> set[str]:
    return {f["code"] for f in result["findings"] if f["kind"] == kind}


def test_a_card_photo_and_a_holding_photo_pass(shanxi):
    result = check(shanxi)
    assert result["ok"] is True and result["findings"] == []
    front, holding = result["measured"]["id_front"], result["measured"]["id_holding"]
    assert front["faces"] == 1 and front["face_area_share"] < MAX_CARD_FACE_AREA_SHARE
    assert front["face_sharpness"] > MIN_FACE_SHARPNESS and front["face_brightness"] > MIN_FACE_BRIGHTNESS
    # the card's face is found beside the person's, at a card's scale, inside the card's pasted area
    assert holding["card_faces"] == 1 and holding["other_people"] == 0
    assert CARD_TO_PERSON[0] < holding["card_to_person"] < CARD_TO_PERSON[1]
    x0, y0, x1, y1 = holding["card_face_box"]
    assert 1080 - 420 - 50 <= x0 < x1 <= 1080 - 50 and 880 <= y0 < y1 <= 880 + 265


def test_a_phone_picture_stored_sideways_is_checked_upright(shanxi):
    sideways = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6                                    # "rotate 90° clockwise to display"
    C.holding().transpose(Image.Transpose.ROTATE_90).save(sideways, "JPEG", quality=90, exif=exif)
    assert check(shanxi, holding=sideways.getvalue())["ok"] is True


@pytest.mark.parametrize("picture,code", [
    (C.blank_side, "ID_NO_FACE"),                       # the side without a portrait, or glare over it
    (C.two_cards, "ID_MULTIPLE_FACES"),
    (P.compliant_image, "ID_NOT_A_CARD"),               # the graduation photo instead of the card
    (lambda: C.card(320), "ID_CARD_TOO_SMALL"),         # a 46 px printed face: too coarse to compare
    (lambda: C.blurred(C.card_photo(), 3.5), "ID_BLURRY"),
    (lambda: C.darkened(C.card_photo(), 0.2), "ID_TOO_DARK"),
])
def test_what_is_wrong_with_the_portrait_side_is_named(shanxi, picture, code):
    result = check(shanxi, front=C.jpeg(picture()))
    assert result["ok"] is False
    # A picture that does not show the card well may also not show its text or a face to compare: those
    # findings come along (every finding at once), but none about the holding photo itself.
    assert of(result, "id_front") - {"ID_TEXT_UNREADABLE"} == {code}
    assert of(result, "id_holding") - {"FACE_MISMATCH"} == set()
    finding = result["findings"][0]
    assert finding["message"].startswith("身份证人像面：") and finding["hint"]
    assert "measured" in finding and "expected" in finding


@pytest.mark.parametrize("picture,expected", [
    (lambda: C.holding(with_card=False), {"HOLDING_CARD_NOT_FOUND"}),            # a selfie without the card
    (C.blank_side, {"HOLDING_NO_FACE"}),
    (P.two_people, {"HOLDING_OTHER_PERSON", "HOLDING_CARD_NOT_FOUND"}),         # a second face at full size
    (lambda: C.holding(face_width=90, card_width=300), {"HOLDING_FACE_TOO_SMALL"}),
    (lambda: C.holding(card_width=150), {"HOLDING_CARD_TOO_SMALL"}),            # found, but a 21 px face
    (lambda: C.holding(card_blur=2), {"HOLDING_CARD_BLURRY"}),                   # focused on the face only
    (lambda: C.darkened(C.holding(), 0.2), {"HOLDING_TOO_DARK"}),
])
def test_what_is_wrong_with_the_holding_photo_is_named(shanxi, picture, expected):
    result = check(shanxi, holding=C.jpeg(picture()))
    assert result["ok"] is False
    assert of(result, "id_holding") - {"FACE_MISMATCH"} == expected and of(result, "id_front") == set()
    assert all(f["message"].startswith("手持身份证照：") and f["hint"] for f in result["findings"])


def test_wrong_format_is_a_file_finding_and_the_faces_are_not_guessed_at(shanxi):
    gif = io.BytesIO()
    C.card_photo().save(gif, "GIF")
    result = check(shanxi, front=gif.getvalue(), front_name="sfz.gif")
    assert of(result, "id_front") == {"FORMAT"} and result["findings"][0]["message"].startswith("身份证人像面：")
    assert "faces" not in result["measured"]["id_front"]
    # a PNG named .jpg is refused too, but it decodes, so its faces are checked as well (every problem at once)
    renamed = check(shanxi, holding=P.png(C.holding().resize((810, 1080))), holding_name="shouchi.jpg")
    assert of(renamed, "id_holding") == {"FORMAT"} and renamed["measured"]["id_holding"]["card_faces"] == 1


def test_too_large_a_file_is_refused_with_both_sizes(shanxi):
    big = P.png(C.noisy(C.card_photo(size=(2000, 2600), card_width=1700)))
    assert len(big) > 2 * 1024 * 1024
    result = check(shanxi, front=big, front_name="sfz.png")
    assert "FILE_TOO_LARGE" in of(result, "id_front") and result["ok"] is False
    too_large = next(f for f in result["findings"] if f["code"] == "FILE_TOO_LARGE")
    assert too_large["measured"] == len(big) and too_large["expected"] == 2097151


def test_a_province_without_identity_pictures_refuses_the_kind(chongqing, hubei):
    from functions.photo.checks.documents import DocumentNotTaken
    with pytest.raises(DocumentNotTaken):
        check(hubei)
    with pytest.raises(DocumentNotTaken):          # 重庆 takes an ID front, but no holding photo
        check(chongqing)


def test_the_check_is_pure():
    source = Path(__file__).resolve().parents[3] / "functions" / "photo" / "checks" / "identity.py"
    imported = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and not node.module.startswith("functions.profiles"):
            imported.add(node.module.split(".")[0])     # the profiles' rule parsing is pure data
    assert not imported & {"boto3", "botocore", "fastapi", "starlette", "time", "datetime", "os", "functions"}
