"""Photo and upload rules of one province, read from the `photo:` and `documents:` keys of its profile.

Every difference between provinces is data here; the checks read nothing else. `PhotoRules.from_profile` refuses
a malformed profile with a ValueError naming the key and what it expected, so a bad profile fails at load time,
not in front of a candidate.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .vocabulary import DOCUMENT_KINDS, FORMATS, IMAGE_FORMATS

# Named background colours: a centre colour and a Euclidean RGB distance, or a rule in colours.py.
DEFAULT_COLOURS = {"light_blue": ((100, 197, 255), 45.0)}
RULE_COLOURS = ("white", "light_grey")
# Eyes tilted more than this are visible to a reviewer (about 5 px of height over a 90 px eye distance), while the
# iris model's roll error stays well under 1 degree, so honest photos are not flagged by detector noise.
DEFAULT_EYE_TILT_DEG = 3.0
DEFAULT_CENTRE_TOLERANCE_PX = 24   # 5% of a 480 px width: 水平居中 with room for natural asymmetry
DEFAULT_MAX_PIXELS = 40_000_000    # a 48 MP phone photo fits; larger is refused before decoding
ARCHIVE_MAX_ENTRIES = 200
ARCHIVE_MAX_UNCOMPRESSED = 200 * 1024 * 1024


def _fail(key: str, expected: str, got: Any) -> ValueError:
    return ValueError(f"profile key {key!r}: expected {expected}, got {got!r}")


def _int(d: dict, key: str, path: str, *, required: bool = False, default: int | None = None) -> int | None:
    value = d.get(key, default)
    if value is None:
        if required:
            raise _fail(f"{path}.{key}", "a positive integer", None)
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _fail(f"{path}.{key}", "a positive integer", value)
    return value


def _whole(d: dict, key: str, path: str, default: int | None = None) -> int:
    """A positive integer that must be there, or has a default."""
    value = _int(d, key, path, required=default is None, default=default)
    assert value is not None            # _int refuses a missing required value
    return value


def _names(d: dict, key: str, path: str, allowed: tuple[str, ...] | None, *, default=None) -> tuple[str, ...]:
    value = d.get(key, default)
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(v, str) for v in value):
        raise _fail(f"{path}.{key}", "a non-empty list of strings", value)
    if allowed is not None:
        bad = [v for v in value if v not in allowed]
        if bad:
            raise _fail(f"{path}.{key}", f"items from {list(allowed)}", bad)
    return tuple(value)


def _extensions(d: dict, path: str) -> tuple[str, ...]:
    exts = _names(d, "extensions", path, None)
    if not all(e.startswith(".") and len(e) > 1 for e in exts):
        raise _fail(f"{path}.extensions", "extensions starting with a dot, like .jpg", list(exts))
    return tuple(e.lower() for e in exts)


def _band(d: dict, key: str, path: str) -> tuple[int, int] | None:
    value = d.get(key)
    if value is None:
        return None
    if (not isinstance(value, (list, tuple)) or len(value) != 2 or not all(isinstance(v, int) for v in value)
            or not 0 <= value[0] < value[1]):
        raise _fail(f"{path}.{key}", "[low, high] pixels with 0 <= low < high", value)
    return (value[0], value[1])


def _check_keys(d: Any, path: str, known: set[str]) -> dict:
    if not isinstance(d, dict):
        raise _fail(path, "a mapping", d)
    unknown = set(d) - known
    if unknown:
        raise _fail(path, f"only keys {sorted(known)}", sorted(unknown))
    return d


@dataclass(frozen=True)
class Geometry:
    head_top_px: tuple[int, int] | None
    eyes_px: tuple[int, int] | None
    face_width_px: tuple[int, int] | None
    centre_tolerance_px: int

    @classmethod
    def parse(cls, d: Any, path: str) -> Geometry:
        d = _check_keys(d, path, {"head_top_px", "eyes_px", "face_width_px", "centre_tolerance_px"})
        return cls(_band(d, "head_top_px", path), _band(d, "eyes_px", path), _band(d, "face_width_px", path),
                   _whole(d, "centre_tolerance_px", path, DEFAULT_CENTRE_TOLERANCE_PX))


@dataclass(frozen=True)
class PhotoSpec:
    formats: tuple[str, ...]
    extensions: tuple[str, ...]
    width: int | None
    height: int | None
    dpi: int | None
    colour_mode: str
    min_bytes: int | None
    max_bytes: int | None
    min_quality: int | None
    backgrounds: tuple[str, ...]
    colours: dict[str, tuple[tuple[int, int, int], float]]
    geometry: Geometry | None
    max_eye_tilt_deg: float
    max_pixels: int
    # What a candidate may upload to be checked and auto-fixed: a phone photo is megabytes, the standard 40 KB.
    source_max_bytes: int = 10 * 1024 * 1024

    @classmethod
    def parse(cls, d: Any, path: str = "photo") -> PhotoSpec:
        known = {"formats", "extensions", "width", "height", "dpi", "colour_mode", "min_bytes", "max_bytes",
                 "min_quality", "backgrounds", "colours", "geometry", "max_eye_tilt_deg", "max_pixels",
                 "source_max_bytes"}
        d = _check_keys(d, path, known)
        colours = dict(DEFAULT_COLOURS)
        custom = d.get("colours") or {}
        if not isinstance(custom, dict) or not all(isinstance(k, str) for k in custom):
            raise _fail(f"{path}.colours", "a mapping of colour names to {rgb, max_distance}", custom)
        for name, spec in custom.items():
            spec = _check_keys(spec, f"{path}.colours.{name}", {"rgb", "max_distance"})
            rgb, dist = spec.get("rgb"), spec.get("max_distance")
            if not isinstance(rgb, list) or len(rgb) != 3 or not all(isinstance(c, int) and 0 <= c <= 255
                                                                      for c in rgb):
                raise _fail(f"{path}.colours.{name}.rgb", "[r, g, b] with 0..255", rgb)
            if not isinstance(dist, (int, float)) or isinstance(dist, bool) or dist <= 0:
                raise _fail(f"{path}.colours.{name}.max_distance", "a positive number", dist)
            colours[name] = (tuple(rgb), float(dist))
        backgrounds = _names(d, "backgrounds", path, tuple(colours) + RULE_COLOURS)
        mode = d.get("colour_mode", "RGB")
        if mode != "RGB":
            raise _fail(f"{path}.colour_mode", "'RGB' (24-bit colour)", mode)
        quality = d.get("min_quality")
        whole = isinstance(quality, int) and not isinstance(quality, bool)
        if quality is not None and (not whole or not 1 <= quality <= 100):
            raise _fail(f"{path}.min_quality", "an integer 1..100", quality)
        tilt = d.get("max_eye_tilt_deg", DEFAULT_EYE_TILT_DEG)
        if isinstance(tilt, bool) or not isinstance(tilt, (int, float)) or not 0 < tilt <= 45:
            raise _fail(f"{path}.max_eye_tilt_deg", "degrees between 0 and 45", tilt)
        spec = cls(
            formats=_names(d, "formats", path, IMAGE_FORMATS), extensions=_extensions(d, path),
            width=_int(d, "width", path), height=_int(d, "height", path), dpi=_int(d, "dpi", path),
            colour_mode=mode, min_bytes=_int(d, "min_bytes", path), max_bytes=_int(d, "max_bytes", path),
            min_quality=quality, backgrounds=backgrounds, colours=colours,
            geometry=Geometry.parse(d["geometry"], f"{path}.geometry") if d.get("geometry") is not None else None,
            max_eye_tilt_deg=float(tilt), max_pixels=_whole(d, "max_pixels", path, DEFAULT_MAX_PIXELS),
            source_max_bytes=_whole(d, "source_max_bytes", path, cls.source_max_bytes))
        if spec.max_bytes and spec.source_max_bytes < spec.max_bytes:
            raise _fail(f"{path}.source_max_bytes", "at least max_bytes", spec.source_max_bytes)
        if spec.min_bytes and spec.max_bytes and spec.min_bytes >= spec.max_bytes:
            raise _fail(f"{path}.min_bytes", "less than max_bytes", spec.min_bytes)
        if spec.geometry and not (spec.width and spec.height):
            raise _fail(f"{path}.geometry", "width and height to be set too (bands are in pixels)", d["geometry"])
        return spec


@dataclass(frozen=True)
class DocumentSpec:
    formats: tuple[str, ...]
    extensions: tuple[str, ...]
    max_bytes: int
    min_bytes: int | None = None
    max_pixels: int = DEFAULT_MAX_PIXELS
    # archives only: what may be inside, and how much
    entry_formats: tuple[str, ...] = ("jpeg", "png", "pdf")
    max_entries: int = ARCHIVE_MAX_ENTRIES
    max_uncompressed_bytes: int = ARCHIVE_MAX_UNCOMPRESSED

    @classmethod
    def parse(cls, d: Any, path: str) -> DocumentSpec:
        known = {"formats", "extensions", "max_bytes", "min_bytes", "max_pixels", "entry_formats", "max_entries",
                 "max_uncompressed_bytes"}
        d = _check_keys(d, path, known)
        return cls(
            formats=_names(d, "formats", path, FORMATS), extensions=_extensions(d, path),
            max_bytes=_whole(d, "max_bytes", path), min_bytes=_int(d, "min_bytes", path),
            max_pixels=_whole(d, "max_pixels", path, DEFAULT_MAX_PIXELS),
            entry_formats=_names(d, "entry_formats", path, ("jpeg", "png", "pdf"), default=["jpeg", "png", "pdf"]),
            max_entries=_whole(d, "max_entries", path, ARCHIVE_MAX_ENTRIES),
            max_uncompressed_bytes=_whole(d, "max_uncompressed_bytes", path, ARCHIVE_MAX_UNCOMPRESSED))


@dataclass(frozen=True)
class PhotoRules:
    """`photo` is None where the province takes no photo online (湖北 uses the registration photo)."""
    photo: PhotoSpec | None
    documents: dict[str, DocumentSpec] = field(default_factory=dict)

    @classmethod
    def from_profile(cls, d: dict) -> PhotoRules:
        if not isinstance(d, dict):
            raise _fail("(profile)", "a mapping with keys photo and documents", d)
        if "photo" not in d:
            raise _fail("photo", "photo rules, or null when photos are not taken online", "(missing)")
        docs = d.get("documents") or {}
        docs = _check_keys(docs, "documents", set(DOCUMENT_KINDS))
        return cls(photo=PhotoSpec.parse(d["photo"]) if d["photo"] is not None else None,
                   documents={k: DocumentSpec.parse(v, f"documents.{k}") for k, v in docs.items()})
