"""The rules schema: the four provinces parse, malformed profiles are refused naming the key."""
from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from provinces import ANHUI, CHONGQING, HUBEI, PROVINCES, SHANXI

from functions.profiles.photo_rules import PhotoRules


def test_four_provinces_parse():
    anhui = PhotoRules.from_profile(ANHUI)
    assert (anhui.photo.width, anhui.photo.height, anhui.photo.dpi) == (480, 640, 300)
    assert (anhui.photo.min_bytes, anhui.photo.max_bytes, anhui.photo.min_quality) == (20480, 40000, 60)
    assert anhui.photo.geometry.eyes_px == (200, 300)
    # 学信网 first: only the 备案表 as fallback; the 免考 certificate
    assert set(anhui.documents) == {"filing_form", "appraisal", "certificate", "other"}
    shanxi = PhotoRules.from_profile(SHANXI)
    assert shanxi.photo.geometry is None and "light_grey" in shanxi.photo.backgrounds
    assert shanxi.documents["old_course_cards"].formats == ("zip",)
    chongqing = PhotoRules.from_profile(CHONGQING)
    assert all(d.max_bytes == 51200 and d.formats == ("jpeg",) for d in chongqing.documents.values())
    assert PhotoRules.from_profile(HUBEI).photo is None


def test_other_profile_keys_are_ignored():
    profile = dict(ANHUI, fee_yuan=50, review_order=["county", "city"])
    assert PhotoRules.from_profile(profile).photo.width == 480


def _bad(path: list, value):
    profile = copy.deepcopy(ANHUI)
    node = profile
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return profile


@pytest.mark.parametrize("path,value,named", [
    (["photo", "formats"], ["gif"], "photo.formats"),
    (["photo", "formats"], [], "photo.formats"),
    (["photo", "extensions"], ["jpg"], "photo.extensions"),
    (["photo", "width"], -480, "photo.width"),
    (["photo", "width"], True, "photo.width"),
    (["photo", "min_bytes"], 50000, "photo.min_bytes"),
    (["photo", "min_quality"], 101, "photo.min_quality"),
    (["photo", "colour_mode"], "CMYK", "photo.colour_mode"),
    (["photo", "backgrounds"], ["pink"], "photo.backgrounds"),
    (["photo", "max_eye_tilt_deg"], 0, "photo.max_eye_tilt_deg"),
    (["photo", "geometry", "eyes_px"], [300, 200], "photo.geometry.eyes_px"),
    (["photo", "geometry", "chin_px"], [1, 2], "photo.geometry"),
    (["photo", "dpi_typo"], 300, "photo"),
    (["photo"], KeyError, "photo"),
    (["documents", "passport"], {"formats": ["jpeg"], "extensions": [".jpg"], "max_bytes": 1}, "documents"),
    (["documents", "filing_form", "max_bytes"], KeyError, "documents.filing_form.max_bytes"),
    (["documents", "filing_form", "formats"], ["exe"], "documents.filing_form.formats"),
])
def test_malformed_profiles_name_the_key(path, value, named):
    with pytest.raises(ValueError) as err:
        PhotoRules.from_profile(_bad(path, value))
    assert repr(named) in str(err.value) or f"'{named}" in str(err.value)


def test_geometry_needs_a_fixed_size():
    profile = _bad(["photo", "width"], None)
    with pytest.raises(ValueError, match="photo.geometry"):
        PhotoRules.from_profile(profile)


def test_custom_background_colour():
    profile = copy.deepcopy(SHANXI)
    profile["photo"]["colours"] = {"light_red": {"rgb": [255, 200, 200], "max_distance": 30}}
    profile["photo"]["backgrounds"] = ["light_red", "white"]
    rules = PhotoRules.from_profile(profile)
    assert rules.photo.colours["light_red"] == ((255, 200, 200), 30.0)


json_values = st.recursive(st.none() | st.booleans() | st.integers(-5, 10 ** 6) | st.text(max_size=8),
                           lambda kids: (st.lists(kids, max_size=4)
                                         | st.dictionaries(st.text(max_size=12), kids, max_size=4)),
                           max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(PROVINCES.values())), st.lists(st.text(max_size=12), min_size=1, max_size=3), json_values)
def test_any_mangled_profile_is_accepted_or_refused_with_value_error(base, path, value):
    profile = copy.deepcopy(base)
    node = profile
    for key in ["photo", "documents"][: 1] + path[:-1]:
        if not isinstance(node, dict) or not isinstance(node.get(key), dict):
            break
        node = node[key]
    if isinstance(node, dict):
        node[path[-1]] = value
    try:
        PhotoRules.from_profile(profile)
    except ValueError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["formats", "extensions", "width", "backgrounds", "colours", "geometry", "min_quality",
                        "max_eye_tilt_deg", "max_bytes"]), json_values)
def test_known_photo_keys_with_any_value_never_crash(key, value):
    profile = copy.deepcopy(ANHUI)
    profile["photo"][key] = value
    try:
        PhotoRules.from_profile(profile)
    except ValueError as e:
        assert f"photo.{key}" in str(e) or "photo" in str(e)
