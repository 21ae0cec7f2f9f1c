"""What the unit tests of the pure rules share: a province's profile as the rules read it, and the refusal a check
raises."""
from __future__ import annotations

import pytest

from functions.common.errors import BadInput
from functions.profiles.loader import load_profile


def profile(code: str) -> dict:
    return load_profile(code).data


def refused(check, *args, **kwargs) -> BadInput:
    """The BadInput `check(*args, **kwargs)` raises (the test fails when it raises none)."""
    with pytest.raises(BadInput) as caught:
        check(*args, **kwargs)
    return caught.value
