"""Identity check benchmark on one core: median ms of check_identity for two 12 MP phone photos (4000 × 3000 JPEG:
the card's portrait side and the candidate holding it), decoding included, and its parts; the models' load time
once per process (a cold container).

    .venv/bin/python -m bench identity
"""
from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

from bench.timing import median_ms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):   # one core, as a 1,769 MB Lambda has
    os.environ.setdefault(var, "1")

REPEAT = 5
PHONE = (3000, 4000)                                   # 12 MP, portrait


@functools.cache
def _pictures() -> tuple[bytes, bytes]:
    from support.pictures import pictures
    cards = pictures("id_cards")
    front = cards.jpeg(cards.card_photo(size=PHONE, card_width=2500), quality=90)
    holding = cards.jpeg(cards.holding(size=PHONE, face_width=830, card_width=1170), quality=90)
    return front, holding


def _load_ms() -> float:
    code = ("import time; t = time.perf_counter()\n"
            "from functions.photo.checks import card_text, face_match, face\n"
            "card_text._models(); face_match._models(); face._Models.get()\n"
            "print((time.perf_counter() - t) * 1000)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return float(out.strip().splitlines()[-1])


def run() -> list[tuple[str, float, str]]:
    from PIL import Image

    from functions.photo.checks import face_match
    from functions.photo.checks.card_text import read_card
    from functions.photo.checks.face import find_faces
    from functions.photo.checks.identity import check_identity
    from functions.photo.checks.imagefile import open_image, upright_rgb
    from functions.profiles.loader import load_profile
    from functions.profiles.photo_rules import PhotoRules

    rules = PhotoRules.from_profile(load_profile("shanxi").data)
    front, holding = _pictures()
    record = {"name": "柯林斯", "id_number": "110101199003071233"}
    result = check_identity(front, "sfz.jpg", holding, "shouchi.jpg", rules, record)
    codes = {f["code"] for f in result["findings"]}
    assert result["read"] == record and not codes & {"FACE_MISMATCH", "NAME_MISMATCH", "ID_NUMBER_MISMATCH"}, codes
    card = upright_rgb(open_image(front, 50_000_000).image)
    card.thumbnail((1280, 1280), Image.Resampling.BOX)
    (face,) = find_faces(card)
    return [
        ("check_identity, two 12 MP JPEGs (median)",
         median_ms(lambda: check_identity(front, "sfz.jpg", holding, "shouchi.jpg", rules, record), REPEAT), "ms"),
        ("decode one 12 MP JPEG (median)", median_ms(lambda: upright_rgb(open_image(front, 50_000_000).image),
                                                     REPEAT), "ms"),
        ("read the card's text, 1280 px (median)", median_ms(lambda: read_card(card), REPEAT), "ms"),
        ("one face descriptor (median)", median_ms(lambda: face_match.descriptor(card, face), REPEAT), "ms"),
        ("OCR + face models load, once per process", _load_ms(), "ms"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:46s} {value:8.1f} {unit}")
