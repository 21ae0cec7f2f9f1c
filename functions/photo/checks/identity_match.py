"""The identity check's comparisons: the card's text against the exam record, the card's face against the holder's.

identity.py finds the faces and judges the pictures; this module reads what they show and says whether it is the
record's person: the name and 公民身份号码 printed on the portrait side (and on the card in the hand, where it can
be read), the number's check digit, and the distance between the card's printed portrait and the holder's face
(and the graduation photo's, once uploaded).

Pure: pictures, faces and the record in, findings out.
"""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from functions.common.ids import id_check_digit

from . import card_text, face_match, match_limits
from .card_geometry import CARD_SIZE_IN_FACES, card_in_view, width
from .card_text import read_card
from .documents import KIND_NAMES
from .face import Face
from .match_limits import MATCH_MAX_DISTANCE, needed_similarity, same_name, same_number

TEXT: dict[str, tuple[str, str]] = {
    "ID_TEXT_UNREADABLE": ("无法识别证件上的文字。",
                           "请把身份证人像面平放，从正上方正对证件拍摄，让证件占满画面，文字清楚、不反光、不被遮挡。"),
    "ID_NUMBER_MISMATCH": ("证件上的公民身份号码与您考籍记录中的身份证号不一致。",
                           "请上传您本人的身份证；如果考籍记录中的身份证号有误，请联系所属报名点更正。"),
    "NAME_MISMATCH": ("证件上的姓名与您考籍记录中的姓名不一致。",
                      "请上传您本人的身份证；如果姓名已变更，请联系所属报名点办理更名后再认证。"),
    "FACE_MISMATCH": ("照片中的人与身份证上的人像不像同一人。",
                      "请本人手持本人身份证拍摄，正对镜头、不戴眼镜和帽子、光线均匀；如确为本人，可申请报名点人工审核。"),
}
# The card in the hand is small and often at an angle: its text is compared where it is read, and at most
# this many lines are tried for it (the name, its label, the number and its label), so an illegible card
# costs four recogniser runs, not one per smudge.
HELD_CARD_LINES = 4


@dataclass
class Seen:
    """What identity.py found in one picture: the analysis copy and its faces (None where not found)."""
    picture: Image.Image
    face: Face | None = None               # the portrait side's printed face, or the holder's own face
    card: Face | None = None               # in the holding photo: the printed face on the card in the hand
    card_region: tuple[float, float, float, float] | None = None


def finding(code: str, kind: str, measured, expected, detail: str | None = None) -> dict:
    message, hint = TEXT[code]
    return {"code": code, "kind": kind, "message": f"{KIND_NAMES[kind]}：{message}{detail or ''}", "hint": hint,
            "measured": measured, "expected": expected}


def compare(front: Seen | None, holding: Seen | None, record: dict | None,
            photo: Seen | None = None) -> tuple[list[dict], dict, float | None]:
    """(findings, read, face_match): read is {"name", "id_number"} from the portrait side; face_match the
    similarity of the card's portrait and the holder's face (None when either face is missing)."""
    findings: list[dict] = []
    read: dict = {"name": None, "id_number": None}
    if front is not None:
        read = {k: v for k, v in read_front(front).items() if k in ("name", "id_number")}
        findings += _text_findings(read, record, "id_front", required=True)
    if holding is not None and holding.card_region is not None:
        held = read_card(holding.picture.crop(holding.card_region), max_lines=HELD_CARD_LINES)
        findings += _text_findings(held, record, "id_holding", required=False)
    similarity = None
    if front is not None and front.face is not None and holding is not None and holding.face is not None:
        card = face_match.descriptor(front.picture, front.face)
        dist = face_match.distance(card, face_match.descriptor(holding.picture, holding.face))
        similarity = match_limits.similarity(dist)
        if dist > MATCH_MAX_DISTANCE:
            findings.append(finding("FACE_MISMATCH", "id_holding", similarity, _needed(),
                                    f"相似度 {similarity:.2f}，至少需要 {_needed():.2f}。"))
        if photo is not None and photo.face is not None:
            photo_dist = face_match.distance(card, face_match.descriptor(photo.picture, photo.face))
            if photo_dist > MATCH_MAX_DISTANCE:
                shown = match_limits.similarity(photo_dist)
                findings.append(finding("FACE_MISMATCH", "photo", shown, _needed(),
                                        f"毕业照片与身份证人像的相似度 {shown:.2f}，至少需要 {_needed():.2f}。"))
    return findings, read, similarity


def read_front(front: Seen) -> dict:
    """The portrait side's name and number: read on the card around its printed face first (a margin on every
    side, the card at the width the text detector reads best), and on the whole picture when that misses either
    or reads a number whose check digit fails (a face box far from the card's, a card laid out unlike the
    居民身份证), so the crop only saves time."""
    if front.face is not None:
        region = card_in_view(front.face, front.picture)
        crop = front.picture.crop(region)
        card_width = CARD_SIZE_IN_FACES[0] * width(front.face)
        read = read_card(crop, max(32, round(max(crop.size) * card_text.CARD_DETECT_WIDTH / card_width)))
        if read["name"] and read["id_number"] and _valid(read["id_number"]):
            return read
    return read_card(front.picture)


def _valid(number: str) -> bool:
    return id_check_digit(number[:17]) == number[17]


def _needed() -> float:
    return needed_similarity()


def _text_findings(read: dict, record: dict | None, kind: str, required: bool) -> list[dict]:
    """The card's name and number against the record. On the portrait side both must be read; on the card in
    the hand only what was read is compared (it is small and often at an angle)."""
    number, name = read.get("id_number"), read.get("name")
    if number is not None and not _valid(number):
        number = None                      # a misread digit: the check digit catches it, so it is not evidence
    out = []
    if required and (number is None or not name):
        missing = "和".join(n for n, v in (("姓名", name), ("公民身份号码", number)) if not v)
        out.append(finding("ID_TEXT_UNREADABLE", kind, None, None, f"未能读出{missing}。"))
    if record is None:
        return out
    if number is not None and not same_number(number, record["id_number"]):
        out.append(finding("ID_NUMBER_MISMATCH", kind, number, None))
    if name and not same_name(name, record["name"]):
        out.append(finding("NAME_MISMATCH", kind, name, None, f"证件上读到“{name}”。"))
    return out
