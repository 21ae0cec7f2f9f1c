"""The passwords too common to allow: zxcvbn's list of the 30,000 most common passwords of the large leaks (Xato's
ten million, ranked by frequency; `zxcvbn.frequency_lists`, already in the core layer), and a short list of
Chinese-style ones that list lacks (data/common_passwords_zh.txt, its source named in the file).

Loaded on the first password judged, not at import: a cold start that signs nobody up does not pay for it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

CHINESE_LIST = Path(__file__).with_name("data") / "common_passwords_zh.txt"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """Every listed password, lower case."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS
    lines = CHINESE_LIST.read_text(encoding="utf-8").splitlines()
    chinese = (line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return frozenset(p.casefold() for p in (*FREQUENCY_LISTS["passwords"], *chinese))


def is_common(password: str) -> bool:
    """Listed, whatever its case, and also with the symbols people add at the end (`Aa123456!`) taken off."""
    lowered = password.casefold()
    return lowered in common_passwords() or lowered.rstrip("!@#$%^&*.?~_-+=") in common_passwords()
