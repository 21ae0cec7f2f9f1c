"""Pictures for the upload journeys, made by the photo unit tests' builders (tests/unit/photo is not a package)."""
from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

PHOTO_HELPERS = Path(__file__).resolve().parents[1] / "unit" / "photo"


@functools.cache
def _helper(name: str):
    if str(PHOTO_HELPERS) not in sys.path:      # id_cards imports portraits
        sys.path.insert(0, str(PHOTO_HELPERS))
    spec = importlib.util.spec_from_file_location(f"site_pictures_{name}", PHOTO_HELPERS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compliant_photo() -> bytes:
    return _helper("portraits").compliant_jpeg()


def small_face_photo() -> bytes:
    """Eyes too low and the face too narrow, the whole head in the picture: auto-fix can crop it right."""
    p = _helper("portraits")
    return p.jpeg(p.place(p.astronaut_on(), face_width=150, eye_y=320), lo=20480, hi=40960)


def id_card_front() -> bytes:
    c = _helper("id_cards")
    return c.jpeg(c.card_photo())


def holding_id_card(with_card: bool = True) -> bytes:
    c = _helper("id_cards")
    return c.jpeg(c.holding(with_card=with_card))
