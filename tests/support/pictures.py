"""The photo unit tests' picture builders (portraits, ID cards, hostile files), for tests in other folders.

tests/unit/photo is not a package and id_cards imports portraits by name, so the folder goes on sys.path once and
each builder module is loaded from its file.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

PICTURES = Path(__file__).resolve().parents[1] / "unit" / "photo"


def pictures(name: str):
    if str(PICTURES) not in sys.path:
        sys.path.insert(0, str(PICTURES))
    spec = importlib.util.spec_from_file_location(f"pictures_{name}", PICTURES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
