"""Shared fixtures: the provinces' rules and the astronaut-based test photos (built once per session)."""
from __future__ import annotations

import portraits as P
import pytest
from provinces import ANHUI, CHONGQING, HUBEI, SHANXI

from functions.photo.checks.face import find_faces
from functions.profiles.photo_rules import PhotoRules


@pytest.fixture(scope="session")
def anhui() -> PhotoRules:
    return PhotoRules.from_profile(ANHUI)


@pytest.fixture(scope="session")
def shanxi() -> PhotoRules:
    return PhotoRules.from_profile(SHANXI)


@pytest.fixture(scope="session")
def chongqing() -> PhotoRules:
    return PhotoRules.from_profile(CHONGQING)


@pytest.fixture(scope="session")
def hubei() -> PhotoRules:
    return PhotoRules.from_profile(HUBEI)


@pytest.fixture(scope="session")
def compliant() -> bytes:
    return P.compliant_jpeg()


@pytest.fixture(scope="session")
def compliant_face():
    faces = find_faces(P.compliant_image())
    assert len(faces) == 1
    return faces[0]
