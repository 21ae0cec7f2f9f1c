"""Identity check benchmark on one core: median ms of check_identity for two 12 MP phone photos (4000 × 3000 JPEG:
the card's portrait side and the candidate holding it), decoding included, and its parts; the models' load time
once per process (a cold container).

    .venv/bin/python -m bench identity

The process pins itself to one core (as `taskset -c N` would) and every library to one thread, as a Lambda
function of 1,769 MB has about one vCPU. On a shared machine the wall clock counts the other work too: the CPU
time of the same check is printed beside it.
"""
from __future__ import annotations

import functools
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.timing import median_ms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):   # one core, as a 1,769 MB Lambda has
    os.environ.setdefault(var, "1")
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})                     # and this process (and children) on it

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
    from functions.photo.checks import face_match, identity_match
    from functions.photo.checks.content import ANALYSIS_MAX_SIDE
    from functions.photo.checks.face import find_faces
    from functions.photo.checks.identity import analysis_copy, check_identity
    from functions.photo.checks.imagefile import open_image
    from functions.profiles.loader import load_profile
    from functions.profiles.photo_rules import PhotoRules

    rules = PhotoRules.from_profile(load_profile("shanxi").data)
    front, holding = _pictures()
    record = {"name": "柯林斯", "id_number": "110101199003071233"}
    result = check_identity(front, "sfz.jpg", holding, "shouchi.jpg", rules, record)
    codes = {f["code"] for f in result["findings"]}
    assert result["ok"] and result["read"] == record, codes      # the whole check ran, and passed
    card, _ = analysis_copy(open_image(front, 50_000_000, at_least=ANALYSIS_MAX_SIDE))
    (face,) = find_faces(card)

    def check() -> None:
        check_identity(front, "sfz.jpg", holding, "shouchi.jpg", rules, record)

    return [
        ("check_identity, two 12 MP JPEGs (median)", median_ms(check, REPEAT), "ms"),
        ("the same, CPU time (median)", median_ms(check, REPEAT, clock=time.process_time), "ms"),
        ("decode one 12 MP JPEG to 1280 px (median)",
         median_ms(lambda: analysis_copy(open_image(front, 50_000_000, at_least=ANALYSIS_MAX_SIDE)), REPEAT), "ms"),
        ("read the card's name and number (median)",
         median_ms(lambda: identity_match.read_front(identity_match.Seen(card, face)), REPEAT), "ms"),
        ("one face descriptor (median)", median_ms(lambda: face_match.descriptor(card, face), REPEAT), "ms"),
        ("OCR + face models load, once per process", _load_ms(), "ms"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:46s} {value:8.1f} {unit}")
