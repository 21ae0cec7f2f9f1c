"""A JPEG or PNG document over its size limit (重庆: 50 KB) made to fit, where that keeps it legible: downscaled and
re-encoded as JPEG, the result measured for the candidate to confirm (as the photo's auto-fix is), or a hint saying
what to do when it cannot fit.

Legibility floor: the long side stays at least 1000 px and the JPEG quality at least 60. An ID card (85.6 mm) at
1000 px is about 300 dpi, so its 18-digit number stays sharp; a certificate or 备案表 (A4, 297 mm) at 1000 px is
about 85 dpi, where 小四 characters (about 4 mm) are still some 13 px tall, the least a reviewer reads without
guessing. Below quality 60, JPEG's 8×8 blocks smear the strokes of small characters. Within the floor the largest
picture is kept: the first long side (from the rule's pixel limit down) that fits at quality 60, then the best
quality that still fits at that side.
"""
from __future__ import annotations

import io
import math

from functions.profiles.photo_rules import DocumentSpec

from .findings import size_text
from .imagefile import BOMB_PIXELS, Unreadable, open_image

MIN_LONG_SIDE = 1000
MIN_QUALITY = 60
QUALITIES = (85, 75, 68, MIN_QUALITY)   # tried from the best down once a side fits at MIN_QUALITY
STEP = 0.85                             # each smaller side tried is this much of the one before
FITS = ("FILE_TOO_LARGE", "DIMENSIONS")  # the findings a fit can cure
CANNOT = ("自动缩小到长边 {side} 像素、仍清晰可辨时也超过 {limit}：请裁掉证件周围多余的边框、只拍证件本身"
          "（铺满画面、光线均匀），或改用扫描件（150 dpi 灰度），再上传。")


def fit_may_help(result: dict, spec: DocumentSpec) -> bool:
    """Whether the check failed only on size (bytes or pixels) of a JPEG or PNG, and the kind takes JPEG."""
    codes = {f["code"] for f in result["findings"]}
    return (bool(codes) and codes <= set(FITS) and "jpeg" in spec.formats
            and result["measured"].get("format") in ("jpeg", "png"))


def jpeg_extension(spec: DocumentSpec) -> str:
    return next(e for e in spec.extensions if e in (".jpg", ".jpeg"))


def fit_document(data: bytes, spec: DocumentSpec) -> tuple[bytes | None, dict]:
    """(the fitted JPEG or None, what was measured: bytes and pixels before and after, the quality used). JPEG bytes
    grow about with the pixel count, so the floor's size at MIN_QUALITY says which side to try first (a few
    encodes, not a search: this runs in the check's request)."""
    try:
        decoded = open_image(data, BOMB_PIXELS, at_least=MIN_LONG_SIDE)
    except Unreadable:
        return None, {"before_bytes": len(data)}
    from PIL import ImageOps
    image = ImageOps.exif_transpose(decoded.image).convert("RGB")
    width, height = decoded.width, decoded.height
    measured = {"before_bytes": len(data), "before_width": width, "before_height": height}
    long_side = max(image.size)
    floor = min(MIN_LONG_SIDE, long_side)
    at_floor = _jpeg(_scaled(image, floor), MIN_QUALITY)
    if len(at_floor) > spec.max_bytes:
        return None, measured
    # no larger than the file, nor than the rule's pixel limit allows at this aspect ratio
    top = min(long_side, int(math.sqrt(spec.max_pixels * long_side / min(image.size))))
    side = max(floor, min(top, int(floor * math.sqrt(spec.max_bytes / len(at_floor)))))
    while True:
        resized = _scaled(image, side)
        if side == floor or len(_jpeg(resized, MIN_QUALITY)) <= spec.max_bytes:
            for quality in QUALITIES:
                out = _jpeg(resized, quality, optimize=True)
                if len(out) <= spec.max_bytes:
                    return out, {**measured, "after_bytes": len(out), "width": resized.width,
                                 "height": resized.height, "quality": quality}
        side = max(floor, int(side * STEP))


def _scaled(image, side: int):
    """`image` with its long side `side` px (never enlarged)."""
    from PIL import Image
    scale = side / max(image.size)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def cannot_fit_hint(result: dict, spec: DocumentSpec) -> dict:
    """The check's result with the size findings' hint saying what to do when no legible fit exists."""
    hint = CANNOT.format(side=MIN_LONG_SIDE, limit=size_text(spec.max_bytes))
    return {**result, "findings": [{**f, "hint": hint} if f["code"] in FITS else f for f in result["findings"]]}


def _jpeg(image, quality: int, optimize: bool = False) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=optimize)
    return out.getvalue()
