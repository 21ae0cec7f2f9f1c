"""Where an ID card lies around the face printed on it, from the face's box alone (the 居民身份证's layout is fixed:
85.6 × 54 mm, the portrait about 15 mm wide near the right edge). identity.py uses it to tell a face on a card in
the hand from a second person; identity_match.py to read only the card's text, not the whole picture.

Pure: boxes in, boxes out.
"""
from __future__ import annotations

from PIL import Image

from .face import Face

# The card around a printed face (in face-box widths: 85.6 / 15 by 54 / 15) and where the face sits on it
# (fractions of the card from its top-left corner, as printed; mirrored for a front camera's mirror image).
CARD_SIZE_IN_FACES = (5.7, 3.6)
FACE_ON_CARD = (0.79, 0.43)
# Around where the printed face puts the card, a fifth of its size on each side: the face box is not the same
# share of every card's portrait (on the test card 12 mm of the 15 assumed above), and a margin too small
# would cut the labels at the card's left edge, by which the text reader finds the name.
CARD_MARGIN = 0.2

Box = tuple[float, float, float, float]


def width(face: Face) -> float:
    return face.box[2] - face.box[0]


def card_regions(face: Face) -> list[Box]:
    """Where the card would be around a printed face: as printed, and mirrored (a front camera's picture)."""
    w = width(face)
    cw, ch = CARD_SIZE_IN_FACES[0] * w, CARD_SIZE_IN_FACES[1] * w
    cx, cy = (face.box[0] + face.box[2]) / 2, (face.box[1] + face.box[3]) / 2
    y0 = cy - FACE_ON_CARD[1] * ch
    return [(x0, y0, x0 + cw, y0 + ch) for x0 in (cx - FACE_ON_CARD[0] * cw, cx - (1 - FACE_ON_CARD[0]) * cw)]


def card_in_view(face: Face, picture: Image.Image, margin: float = CARD_MARGIN) -> Box:
    """Where to read the card around a printed face: whichever of the two placements lies more inside the
    picture, grown by `margin` (a fraction of the card's width and height on each side), clipped to the picture."""
    frame = (0, 0, picture.width, picture.height)
    region = max(card_regions(face), key=lambda r: overlap(r, frame))
    dx, dy = margin * (region[2] - region[0]), margin * (region[3] - region[1])
    return (max(0.0, region[0] - dx), max(0.0, region[1] - dy), min(picture.width, region[2] + dx),
            min(picture.height, region[3] + dy))


def overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
