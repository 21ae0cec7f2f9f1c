"""check_identity: the ID card's portrait side and the holding-ID photo (山西 registration, seed 004).

Two questions, both answered here. Are the two uploads the right kind of picture, good enough to compare: the
portrait side shows one printed face, small in the frame as on a card, sharp and lit; the holding photo shows a
person's face and, beside it, a second much smaller face where a card held up would be (this module, by the face
detector and geometry). And is it the record's person: the card's name and 公民身份号码 read by PP-OCRv4 match the
exam record, and dlib's face ResNet finds the card's printed portrait and the holder's face close enough to be one
person (identity_match.py). Every finding of both is reported at once; ok only when there is none.

Pure: bytes, rules and the record in, findings out; no clock, no AWS, no web framework. Findings have the shape of
documents.py's plus "kind" (which of the two pictures) and their message starts with that picture's name.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from functions.profiles.photo_rules import PhotoRules

from .card_geometry import card_in_view, card_regions, overlap, width
from .content import ANALYSIS_MAX_SIDE
from .documents import KIND_NAMES, check_document
from .face import Face, find_faces
from .identity_match import Seen, compare
from .imagefile import Decoded, Unreadable, open_image, upright_rgb

# -- the portrait side ------------------------------------------------------------------------------------------
# Share of the picture's area inside the face box. The printed face is about 15 mm wide on an 85.6 × 54 mm card:
# the test card cropped to its edges measures 3%, photographed with a margin 1%. A selfie or the graduation photo
# uploaded by mistake fills far more (the compliant 480 × 640 test photo: 18%). 8% leaves room for a tight crop.
MAX_CARD_FACE_AREA_SHARE = 0.08
# A printed face narrower than this (in the uploaded file's pixels) is too coarse for a person to compare with the
# holder: the card was photographed from too far, or the picture was shrunk. (The test card photo: 132 px.)
MIN_CARD_FACE_PX = 48
# Sharpness: variance of the Laplacian over the face resampled to 64 × 64, divided by the face's own variance so a
# dim but sharp picture is not called blurry. The test card measures 0.24 sharp, 0.11 / 0.03 / 0.013 after a
# Gaussian blur of 1 / 2 / 3 px on its 130 px face; from 3 px the eyes are a smear. (Calibrated on synthetic
# pictures only: worth revisiting with real uploads.)
MIN_FACE_SHARPNESS = 0.02
SHARPNESS_SIDE = 64
# Median brightness (0–255) of the face. The test card under even light measures 170, darkened to 30% 50 and to
# 20% 34: from about there a reviewer could not compare faces either. (Synthetic calibration, as above.)
MIN_FACE_BRIGHTNESS = 60

# -- the holding photo ------------------------------------------------------------------------------------------
# The person's face should be big enough that the card beside it can be big enough too: at least 12% of the
# picture's shorter side (the test holding photo: 33%). At 12% a card held at the chin shows a face of about 1.2%
# of the shorter side, 13 px on a 1080 px picture: already below what the window search below finds (~22 px).
MIN_PERSON_FACE_SHARE = 0.12
# The card's printed face against the person's real one: a card held at the chin is about 0.1 of the face (a 15 mm
# face against 150 mm), held nearer the camera up to about half. Outside this band it is not a card in the hand:
# above it, a second person.
CARD_TO_PERSON = (0.06, 0.6)
# A held card's face narrower than this (file pixels) is found by the detector but shows a reviewer nothing.
MIN_HELD_CARD_FACE_PX = 28
MIN_CARD_INSIDE = 0.6          # most of the card must be inside the picture for the face to be on a card in view
MAX_CARD_OVER_FACE = 0.2       # and the card may not cover the person's face (then that face could not be seen)
# Small faces are searched in windows of these fractions of the shorter side, half-overlapping (the detector finds
# faces down to about 7% of what it is shown, so a 320 px window finds a 22 px face).
SEARCH_WINDOWS = (1 / 3, 2 / 3)

TEXT: dict[str, tuple[str, str]] = {
    "ID_NO_FACE": ("没有找到证件上的人像。可能拍成了国徽面、反光遮住了人像、离得太远或拍糊了。",
                   "请把身份证人像面平放在深色桌面上，从正上方拍摄，让证件占满画面的大部分，避开灯光反光。"),
    "ID_MULTIPLE_FACES": ("照片中有不止一张人脸。", "请只拍摄您本人身份证的人像面，画面中不要有其他证件、照片或人。"),
    "ID_NOT_A_CARD": ("人脸在画面中占比过大，像是自拍或证件照，而不是身份证照片。",
                      "请拍摄身份证实物的人像面（整张证件都在画面内），不要上传自拍或毕业照片。"),
    "ID_CARD_TOO_SMALL": ("证件上的人像太小，工作人员无法看清。",
                          "请靠近一些拍摄，让证件占满画面的大部分；不要压缩或缩小图片。"),
    "ID_BLURRY": ("证件上的人像模糊。", "请把手机拿稳，点一下屏幕上的证件对焦后再拍；光线暗时请开灯。"),
    "ID_TOO_DARK": ("证件上的人像太暗。", "请在光线充足处拍摄（避免直射灯光造成反光），不要开美颜或滤镜。"),
    "HOLDING_NO_FACE": ("没有找到您的脸。", "请正对镜头，脸部完整露出（不戴帽子、口罩、墨镜），在光线充足处重新拍摄。"),
    "HOLDING_FACE_TOO_SMALL": ("您的脸在画面中太小。",
                               "请让拍摄的人靠近一些，画面从头顶到胸前即可，脸和证件都要清楚。"),
    "HOLDING_CARD_NOT_FOUND": ("没有找到手持身份证上的人像：证件可能不在画面中、离镜头太远、反光、被手指挡住，"
                               "或拿的是国徽面。",
                               "请手持身份证人像面放在下巴旁或胸前（不要挡住脸），证件正对镜头、人像清楚不反光，"
                               "再拍一张。"),
    "HOLDING_OTHER_PERSON": ("照片中除了您还有其他人。", "请一个人拍摄，背景中不要有其他人或人像海报。"),
    "HOLDING_CARD_TOO_SMALL": ("手持证件上的人像太小，工作人员无法看清。",
                               "请把证件拿近镜头一些（不要挡住脸），或让拍摄的人靠近一些再拍。"),
    "HOLDING_CARD_BLURRY": ("手持证件上的人像模糊。", "请把证件拿稳，拍摄时点一下屏幕上的证件对焦。"),
    "HOLDING_TOO_DARK": ("照片太暗。", "请在光线充足处重新拍摄，脸和证件都要照亮。"),
}


def identity_finding(code: str, kind: str, measured, expected, detail: str | None = None) -> dict:
    message, hint = TEXT[code]
    return {"code": code, "kind": kind, "message": f"{KIND_NAMES[kind]}：{message}{detail or ''}", "hint": hint,
            "measured": measured, "expected": expected}


def check_identity(front: bytes, front_name: str, holding: bytes, holding_name: str, rules: PhotoRules,
                   record: dict | None = None, photo: bytes | None = None) -> dict:
    """{"ok", "findings", "measured", "read", "face_match"} for the two identity pictures, compared with `record`
    ({"name", "id_number"}; without it the text is read but not compared) and, when given, the graduation photo
    already accepted. The file checks (format, size) come first, as for any upload; the face checks run on each
    picture that could be decoded; the comparisons on what those found."""
    findings, measured, seen = [], {}, {}
    for kind, data, name, look in (("id_front", front, front_name, _front),
                                   ("id_holding", holding, holding_name, _holding)):
        document = check_document(kind, data, name, rules)
        measured[kind] = document["measured"]
        findings += [{**f, "kind": kind, "message": f"{KIND_NAMES[kind]}：{f['message']}"}
                     for f in document["findings"]]
        picture = _picture(data, rules, kind, document)
        if picture is not None:
            more, numbers, seen[kind] = look(*picture)
            findings += more
            measured[kind].update(numbers)
    compared, read, similarity = compare(seen.get("id_front"), seen.get("id_holding"), record,
                                         _photo(photo, rules))
    findings += compared
    return {"ok": not findings, "findings": findings, "measured": measured, "read": read,
            "face_match": similarity}


def _photo(data: bytes | None, rules: PhotoRules) -> Seen | None:
    """The graduation photo's face (it passed its own checks on upload, so one face is expected)."""
    if data is None:
        return None
    try:
        decoded = open_image(data, rules.documents["id_holding"].max_pixels, at_least=ANALYSIS_MAX_SIDE)
    except Unreadable:
        return None
    picture, _ = analysis_copy(decoded)
    faces = find_faces(picture)
    return Seen(picture, max(faces, key=width)) if faces else None


def _picture(data: bytes, rules: PhotoRules, kind: str, document: dict) -> tuple[Image.Image, float] | None:
    """The upright picture reduced for analysis and its scale back to the file's pixels; None if not decodable."""
    if document["measured"].get("format") not in ("jpeg", "png") or "width" not in document["measured"]:
        return None
    try:
        decoded = open_image(data, rules.documents[kind].max_pixels, at_least=ANALYSIS_MAX_SIDE)
    except Unreadable:
        return None
    return analysis_copy(decoded)


def analysis_copy(decoded: Decoded) -> tuple[Image.Image, float]:
    """Upright, at most ANALYSIS_MAX_SIDE on its longer side, and the factor back to the file's pixels (the JPEG
    was already decoded at a reduced scale, not below that size)."""
    picture = upright_rgb(decoded.image)
    longer = max(picture.size)
    if longer > ANALYSIS_MAX_SIDE:
        shrink = longer / ANALYSIS_MAX_SIDE
        picture = picture.resize((round(picture.width / shrink), round(picture.height / shrink)),
                                 Image.Resampling.BOX)
    return picture, max(1.0, max(decoded.width, decoded.height) / max(picture.size))


def _front(picture: Image.Image, scale: float) -> tuple[list[dict], dict, Seen]:
    kind, faces = "id_front", find_faces(picture)
    seen: dict = {"faces": len(faces)}
    if not faces:
        return [identity_finding("ID_NO_FACE", kind, 0, 1)], seen, Seen(picture)
    if len(faces) > 1:
        return ([identity_finding("ID_MULTIPLE_FACES", kind, len(faces), 1, f"检测到 {len(faces)} 张人脸。")], seen,
                Seen(picture))
    face, out = faces[0], []
    wide, high = width(face), face.box[3] - face.box[1]
    share = wide * high / (picture.width * picture.height)
    seen.update(face_px=round(wide * scale), face_area_share=round(share, 3), **_quality(picture, face))
    if share > MAX_CARD_FACE_AREA_SHARE:
        out.append(identity_finding("ID_NOT_A_CARD", kind, seen["face_area_share"], MAX_CARD_FACE_AREA_SHARE,
                                    f"人脸约占画面 {share:.0%}，证件照片中应不超过 {MAX_CARD_FACE_AREA_SHARE:.0%}。"))
    elif seen["face_px"] < MIN_CARD_FACE_PX:
        out.append(identity_finding("ID_CARD_TOO_SMALL", kind, seen["face_px"], MIN_CARD_FACE_PX,
                                    f"人像宽约 {seen['face_px']} 像素，至少需要 {MIN_CARD_FACE_PX} 像素。"))
    out += _quality_findings(seen, kind, "ID_BLURRY", "ID_TOO_DARK")
    return out, seen, Seen(picture, face)


def _holding(picture: Image.Image, scale: float) -> tuple[list[dict], dict, Seen]:
    kind, faces = "id_holding", find_faces(picture)
    if not faces:
        return [identity_finding("HOLDING_NO_FACE", kind, 0, 1)], {"faces": 0}, Seen(picture)
    person = max(faces, key=width)
    share = width(person) / min(picture.size)
    seen: dict = {"person_face_px": round(width(person) * scale), "person_face_share": round(share, 3)}
    out = []
    if share < MIN_PERSON_FACE_SHARE:
        out.append(identity_finding("HOLDING_FACE_TOO_SMALL", kind, seen["person_face_share"], MIN_PERSON_FACE_SHARE,
                                    f"脸宽约占画面短边的 {share:.0%}，应不少于 {MIN_PERSON_FACE_SHARE:.0%}。"))
    others = [f for f in faces if f is not person]
    if not any(_on_a_card(f, person, picture) for f in others):
        others += _search(picture, person, others, lambda f: _on_a_card(f, person, picture))
    cards = [f for f in others if _on_a_card(f, person, picture)]
    strangers = [f for f in others if width(f) / width(person) > CARD_TO_PERSON[1]]
    seen.update(faces=1 + len(others), card_faces=len(cards), other_people=len(strangers))
    if strangers:
        out.append(identity_finding("HOLDING_OTHER_PERSON", kind, len(strangers), 0))
    if not cards:
        out.append(identity_finding("HOLDING_CARD_NOT_FOUND", kind, 0, 1))
        bright = _quality(picture, person)["face_brightness"]
        if bright < MIN_FACE_BRIGHTNESS:
            out.append(identity_finding("HOLDING_TOO_DARK", kind, bright, MIN_FACE_BRIGHTNESS))
        return out, seen, Seen(picture, person)
    card = max(cards, key=width)
    seen.update(card_face_px=round(width(card) * scale), card_to_person=round(width(card) / width(person), 3),
                card_face_box=[round(v * scale) for v in card.box], **_quality(picture, card))
    if seen["card_face_px"] < MIN_HELD_CARD_FACE_PX:
        detail = f"证件人像宽约 {seen['card_face_px']} 像素，至少需要 {MIN_HELD_CARD_FACE_PX} 像素。"
        out.append(identity_finding("HOLDING_CARD_TOO_SMALL", kind, seen["card_face_px"], MIN_HELD_CARD_FACE_PX,
                                    detail))
    out += _quality_findings(seen, kind, "HOLDING_CARD_BLURRY", "HOLDING_TOO_DARK")
    return out, seen, Seen(picture, person, card, card_in_view(card, picture))


def _quality(picture: Image.Image, face: Face) -> dict:
    """Sharpness and brightness of one face, measured on its box resampled to a fixed size."""
    left, top, right, bottom = (int(round(v)) for v in face.box)
    grey = np.asarray(picture.crop((left, top, right, bottom)).convert("L").resize((SHARPNESS_SIDE, SHARPNESS_SIDE),
                                                             Image.Resampling.BILINEAR), dtype=np.float32)
    lap = 4 * grey[1:-1, 1:-1] - grey[:-2, 1:-1] - grey[2:, 1:-1] - grey[1:-1, :-2] - grey[1:-1, 2:]
    return {"face_sharpness": round(float(lap.var() / max(float(grey.var()), 1.0)), 4),
            "face_brightness": round(float(np.median(grey)), 1)}


def _quality_findings(seen: dict, kind: str, blurry: str, dark: str) -> list[dict]:
    out = []
    if seen["face_sharpness"] < MIN_FACE_SHARPNESS:
        out.append(identity_finding(blurry, kind, seen["face_sharpness"], MIN_FACE_SHARPNESS))
    if seen["face_brightness"] < MIN_FACE_BRIGHTNESS:
        detail = f"人像亮度约 {seen['face_brightness']:.0f}（0–255），至少需要 {MIN_FACE_BRIGHTNESS}。"
        out.append(identity_finding(dark, kind, seen["face_brightness"], MIN_FACE_BRIGHTNESS, detail))
    return out


def _on_a_card(face: Face, person: Face, picture: Image.Image) -> bool:
    """A face the right size to be printed on a card held by `person`, with room for that card in the picture
    beside (not over) the person's face. Geometry only: nothing here reads the card itself."""
    ratio = width(face) / width(person)
    if not CARD_TO_PERSON[0] <= ratio <= CARD_TO_PERSON[1]:
        return False
    frame = (0, 0, picture.width, picture.height)
    person_area = width(person) * (person.box[3] - person.box[1])
    for region in card_regions(face):
        area = (region[2] - region[0]) * (region[3] - region[1])
        if (overlap(region, frame) >= MIN_CARD_INSIDE * area
                and overlap(region, person.box) <= MAX_CARD_OVER_FACE * person_area):
            return True
    return False


def _search(picture: Image.Image, person: Face, known: list[Face], wanted) -> list[Face]:
    """Faces too small for the whole-picture pass: the detector again on half-overlapping windows, each mapped
    back to picture pixels, until one is `wanted`. Windows centred on the person's face are skipped, as are faces
    found again."""
    found: list[Face] = []
    short = min(picture.size)
    px0, py0, px1, py1 = person.box
    for fraction in SEARCH_WINDOWS:
        side = max(64, round(short * fraction))
        step = side // 2
        for top in _starts(picture.height, side, step):
            for left in _starts(picture.width, side, step):
                if px0 <= left + side / 2 <= px1 and py0 <= top + side / 2 <= py1:
                    continue
                for face in find_faces(picture.crop((left, top, left + side, top + side))):
                    moved = _moved(face, left, top)
                    cx, cy = (moved.box[0] + moved.box[2]) / 2, (moved.box[1] + moved.box[3]) / 2
                    if px0 <= cx <= px1 and py0 <= cy <= py1:
                        continue                      # part of the person's own face, cut by the window
                    if any(overlap(moved.box, f.box) > 0.3 * width(f) ** 2 for f in (*known, *found)):
                        continue
                    found.append(moved)
                    if wanted(moved):
                        return found
    return found


def _starts(length: int, side: int, step: int) -> list[int]:
    if length <= side:
        return [0]
    starts = list(range(0, length - side + 1, step))
    return starts if starts[-1] == length - side else [*starts, length - side]


def _moved(face: Face, dx: int, dy: int) -> Face:
    shift = np.array([dx, dy, 0.0])
    return Face(face.score, (face.box[0] + dx, face.box[1] + dy, face.box[2] + dx, face.box[3] + dy),
                face.mesh + shift, tuple(e + shift[:2] for e in face.eyes),
                tuple(c + shift[:2] for c in face.eye_contours), face.iris_radius)
