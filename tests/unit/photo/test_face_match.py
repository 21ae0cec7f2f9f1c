"""The face comparison's threshold, measured on the two real faces the tests have: Eileen Collins (skimage's
astronaut) and Grace Hopper (matplotlib's sample photo), each printed on a synthetic card and photographed again
after the damage a phone upload brings.

What this shows: for these two people, every same-person pair lies well below MATCH_MAX_DISTANCE and every
different-person pair well above, with the margin asserted. What it cannot show: how often two different people
who look alike (relatives, twins, people of the same age and sex) fall below it, nor how the distances move for
other ages and ethnicities; two faces are not a population. `pytest -s` prints the distances.
"""
from __future__ import annotations

import functools
import io

import id_cards as C
import pytest
from PIL import Image, ImageEnhance, ImageFilter

from functions.photo.checks import face_match as M
from functions.photo.checks.face import find_faces

MARGIN = 0.1          # the least distance either side of the threshold, below which it would be a coin toss


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


# What happens to the holding photo between the camera and the check.
DAMAGE = {
    "as taken": lambda i: i,
    "blur 2 px": lambda i: i.filter(ImageFilter.GaussianBlur(2)),
    "half the light": lambda i: ImageEnhance.Brightness(i).enhance(0.5),
    "overexposed": lambda i: ImageEnhance.Brightness(i).enhance(1.4),
    "JPEG quality 30": lambda i: _jpeg(i, 30),
    "half the pixels": lambda i: i.resize((i.width // 2, i.height // 2)),
    "cropped to the face": lambda i: i.crop((80, 200, 760, 900)),
}
PEOPLE = {"astronaut": C.ASTRONAUT, "hopper": C.HOPPER}


@functools.cache
def card_descriptor(person: str):
    picture = C.card_photo(who=PEOPLE[person])
    (face,) = find_faces(picture)
    return M.descriptor(picture, face)


def holder_descriptor(person: str, damage: str):
    picture = DAMAGE[damage](C.holding(holder=PEOPLE[person], with_card=False))
    face = max(find_faces(picture), key=lambda f: f.box[2] - f.box[0])
    return M.descriptor(picture, face)


@functools.cache
def distances() -> dict[tuple[str, str, str], float]:
    """(card's person, holder, damage) → distance."""
    out = {}
    for damage in DAMAGE:
        for holder in PEOPLE:
            d = holder_descriptor(holder, damage)
            for card in PEOPLE:
                out[(card, holder, damage)] = M.distance(card_descriptor(card), d)
    return out


def test_the_threshold_separates_the_same_person_from_another_with_margin():
    same = {k: v for k, v in distances().items() if k[0] == k[1]}
    other = {k: v for k, v in distances().items() if k[0] != k[1]}
    for (card, holder, damage), d in sorted(distances().items()):
        print(f"card {card:9} holder {holder:9} {damage:20} {d:.3f}")
    print(f"same person ≤ {max(same.values()):.3f}, different ≥ {min(other.values()):.3f}, "
          f"threshold {M.MATCH_MAX_DISTANCE}")
    assert max(same.values()) <= M.MATCH_MAX_DISTANCE - MARGIN
    assert min(other.values()) >= M.MATCH_MAX_DISTANCE + MARGIN


@pytest.mark.parametrize("a,b", [("astronaut", "hopper")])
def test_similarity_is_what_the_reviewer_reads(a, b):
    assert M.similarity(0.2) == 0.8 and M.similarity(1.3) == 0.0
    assert M.similarity(M.distance(card_descriptor(a), card_descriptor(b))) < M.similarity(M.MATCH_MAX_DISTANCE)
