"""fix_photo: the auto-fix of spec/photo.md, then the check of its result.

EXIF rotation, eye levelling, a crop and scale that put the face inside every geometry band, baseline JPEG at the
highest quality >= 60 that fits the size range, the rule's dpi, no metadata. It never recolours, retouches, mirrors
or pads the file with bytes: what needs those is reported as needing a new photo.
"""
from __future__ import annotations

import io
import math

import numpy as np
from PIL import Image

from functions.profiles.photo_rules import PhotoRules, PhotoSpec

from . import background as bg
from .content import ANALYSIS_MAX_SIDE, measure_face
from .face import find_faces
from .findings import FIXABLE, NEW_PHOTO, by_hand, problems_in_words
from .imagefile import Unreadable, open_image, upright_rgb
from .photo import check_photo, photo_spec

BAND_MARGIN = 6            # aim this far inside each band so re-detection jitter cannot push it out
ENLARGE_WARN = 2.0         # the spec's "enlarges more than 2x"
SOURCE_FORMATS = ("JPEG", "PNG", "WEBP", "BMP")


def _warning(code: str, message: str) -> dict:
    return {"code": code, "message": message}


def _solve(spec: PhotoSpec, face_width: float, eye_to_top: float, padding) -> tuple[float, float]:
    """Scale and eye row that keep face width, eye row and head top inside their bands, nearest their middles,
    and need as little padding (`padding(scale, eye_y)`, output px, on arrays) as the bands allow.

    A band the profile leaves out defaults to the national standard's proportions of the picture."""
    g, w, h = spec.geometry, spec.width, spec.height
    assert g and w and h, "called only with geometry, which the profile checker allows only with width and height"
    fw = g.face_width_px or (round(0.375 * w), round(0.625 * w))
    ey = g.eyes_px or (round(0.31 * h), round(0.47 * h))
    scale, eye_y = np.meshgrid(np.linspace((fw[0] + BAND_MARGIN) / face_width, (fw[1] - BAND_MARGIN) / face_width, 61),
                               np.arange(ey[0] + BAND_MARGIN, ey[1] - BAND_MARGIN + 1, 2.0), indexing="ij")
    cost = ((scale * face_width - sum(fw) / 2) / (fw[1] - fw[0])) ** 2 + ((eye_y - sum(ey) / 2) / (ey[1] - ey[0])) ** 2
    if g.head_top_px:
        ht = g.head_top_px
        top = eye_y - scale * eye_to_top
        inside = (ht[0] + BAND_MARGIN <= top) & (top <= ht[1] - BAND_MARGIN)
        cost += ((top - sum(ht) / 2) / (ht[1] - ht[0])) ** 2 + np.where(inside, 0.0, 100 + np.abs(top - sum(ht) / 2))
    cost += sum(padding(scale, eye_y).values()) / 10.0      # 10 px of padding weighs like a band's half-width
    i = np.unravel_index(np.argmin(cost), cost.shape)
    return float(scale[i]), float(eye_y[i])


def _place(picture: Image.Image, spec: PhotoSpec, warnings: list[dict]) -> Image.Image | None:
    """Level, scale and crop around the one face; None when there is not exactly one."""
    width, height = spec.width, spec.height
    assert width and height, "called only with geometry, which the profile checker allows only with a size"
    shrink = max(1.0, max(picture.size) / ANALYSIS_MAX_SIDE)
    small = picture if shrink == 1.0 else picture.resize(
        (round(picture.width / shrink), round(picture.height / shrink)), Image.Resampling.BOX)
    faces = find_faces(small)
    if len(faces) != 1:
        return None
    face = faces[0]
    m = measure_face(face)
    arr = np.asarray(small)
    back = bg.measure_background(arr, face)
    top = bg.head_top(arr, face, back["rgb"])
    eye_to_top = float(np.clip(m["eye_y"] - top, 0.6 * m["face_width"], 1.5 * m["face_width"]))
    mid = face.eye_mid
    theta = math.radians(m["tilt_deg"])
    axis = np.array([math.cos(theta), math.sin(theta)])
    centre_off = float(np.dot(np.array([m["face_centre_x"], mid[1]]) - mid, axis))

    def window(scale: float, eye_y: float) -> tuple[float, float, float, float]:
        """The crop in analysed px (rotation ignored: levelling is small)."""
        u0 = width / 2 - centre_off * scale
        return (mid[0] - u0 / scale, mid[1] - eye_y / scale,
                mid[0] + (width - u0) / scale, mid[1] + (height - eye_y) / scale)

    def padding(scale: float, eye_y: float) -> dict[str, float]:
        """Output px per side that fall outside the analysed picture."""
        x0, y0, x1, y1 = window(scale, eye_y)
        return {"left": np.maximum(0.0, -x0) * scale, "right": np.maximum(0.0, x1 - small.width) * scale,
                "top": np.maximum(0.0, -y0) * scale, "bottom": np.maximum(0.0, y1 - small.height) * scale}

    scale, eye_y = _solve(spec, m["face_width"], eye_to_top, padding)   # output px per analysed px
    pads = {side: px for side, px in padding(scale, eye_y).items() if px > 1.0}
    x0, y0, x1, y1 = window(scale, eye_y)
    spans = {"top": (x0, x1), "bottom": (x0, x1), "left": (y0, y1), "right": (y0, y1)}
    cut = [side for side in pads if _person_at_edge(arr, side, back["rgb"], spans[side])]
    true_scale = scale / shrink
    source = picture
    if true_scale < 0.5:                 # shrink with a box filter first: the affine warp alone would alias
        r = true_scale * 1.5
        source = picture.resize((max(1, round(picture.width * r)), max(1, round(picture.height * r))),
                                Image.Resampling.LANCZOS)
    k = source.width / small.width       # analysed px -> source px
    c, s = math.cos(theta), math.sin(theta)
    u0 = width / 2 - centre_off * scale
    a, b, d, e = c * k / scale, -s * k / scale, s * k / scale, c * k / scale
    cx, cy = mid[0] * k - a * u0 - b * eye_y, mid[1] * k - d * u0 - e * eye_y
    size = (width, height)
    corners = [(a * u + b * v + cx, d * u + e * v + cy) for u in (0, size[0]) for v in (0, size[1])]
    if any(x < -1.5 or y < -1.5 or x > source.width + 1.5 or y > source.height + 1.5 for x, y in corners):
        warnings.append(_warning("PADDED", "原照片四周留白不够，已用背景颜色补齐边缘；"
                                           "请确认效果，最好重新拍摄时多留一些背景。"))
    if cut:
        sides = "、".join({"top": "上", "bottom": "下", "left": "左", "right": "右"}[s] for s in cut)
        warnings.append(_warning("NEW_PHOTO_NEEDED", f"原照片的人像在{sides}边缘被截断（头发、肩膀不完整），"
                                                     "补齐背景后也不自然。" + NEW_PHOTO))
    if true_scale > ENLARGE_WARN:
        warnings.append(_warning("ENLARGED", f"原照片中人像太小，已放大 {true_scale:.1f} 倍，可能不清晰；"
                                             "建议靠近一些重新拍摄。"))
    return source.transform(size, Image.Transform.AFFINE, (a, b, cx, d, e, cy), Image.Resampling.BICUBIC,
                            fillcolor=tuple(back["rgb"]))


def _person_at_edge(arr: np.ndarray, side: str, bg_rgb, span: tuple[float, float]) -> bool:
    """Does the person (not background) touch this edge within the crop's span? Padding there would cut them off."""
    line = {"top": arr[0], "bottom": arr[-1], "left": arr[:, 0], "right": arr[:, -1]}[side]
    lo, hi = max(0, int(span[0])), min(len(line), int(math.ceil(span[1])))
    line = line[lo:hi].astype(np.float32)
    if not len(line):
        return False
    far = np.linalg.norm(line - np.asarray(bg_rgb, np.float32), axis=1) > bg.HAIR_DISTANCE
    return float(far.mean()) > 0.05


def _cut_out(im: Image.Image) -> bool:
    """Transparent pixels (a cut-out portrait), as opposed to an alpha channel that is fully opaque."""
    if im.mode not in ("RGBA", "LA", "PA") and not (im.mode == "P" and "transparency" in im.info):
        return False
    return bool(np.asarray(im.convert("RGBA").getchannel("A")).min() < 250)


def _cover(picture: Image.Image, width: int | None, height: int | None) -> Image.Image:
    """Scale and centre-crop to the rule's size when there are no face bands to aim at."""
    if not (width and height):
        return picture
    r = max(width / picture.width, height / picture.height)
    scaled = picture.resize((max(width, round(picture.width * r)), max(height, round(picture.height * r))),
                            Image.Resampling.LANCZOS)
    x0, y0 = (scaled.width - width) // 2, (scaled.height - height) // 2
    return scaled.crop((x0, y0, x0 + width, y0 + height))


def _jpeg(picture: Image.Image, quality: int, subsampling: int, dpi: int | None) -> bytes:
    buf = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    # comment=b"": Pillow would otherwise copy the source's JPEG comment (COM) into the fixed photo.
    picture.save(buf, "JPEG", quality=quality, subsampling=subsampling, progressive=False, optimize=True,
                 comment=b"", **extra)
    return buf.getvalue()


def encode(picture: Image.Image, spec: PhotoSpec) -> bytes:
    """Highest quality (>= the floor, >= 60) whose size lands in the range; PNG where JPEG is not allowed."""
    if "jpeg" not in spec.formats:
        buf = io.BytesIO()
        picture.save(buf, "PNG", optimize=True, **({"dpi": (spec.dpi, spec.dpi)} if spec.dpi else {}))
        return buf.getvalue()
    floor = max(60, spec.min_quality or 60)
    hi_bytes, lo_bytes = spec.max_bytes or 10 ** 12, spec.min_bytes or 0
    candidates: list[tuple[int, bytes]] = []
    for subsampling in (0, 2):                        # 4:4:4 first: same quality, more colour detail
        # 4:2:0 is taken only for a higher quality than 4:4:4 reached, so it searches only above that.
        lo, hi, found = (candidates[0][0] + 1 if candidates else floor), 100, None
        while lo <= hi:                               # size grows with quality: binary search the largest that fits
            q = (lo + hi) // 2
            data = _jpeg(picture, q, subsampling, spec.dpi)
            if len(data) <= hi_bytes:
                found, lo = (q, data), q + 1
            else:
                hi = q - 1
        if found and len(found[1]) >= lo_bytes:
            candidates.append(found)
    if candidates:
        return max(candidates, key=lambda c: c[0])[1]
    # Nothing fits: the closest honest file (never padded with bytes); the re-check reports the size.
    small, large = _jpeg(picture, floor, 2, spec.dpi), _jpeg(picture, 100, 0, spec.dpi)
    return small if len(small) > hi_bytes else large


def fix_photo(data: bytes, filename: str, rules: PhotoRules) -> tuple[bytes, dict, list[dict]]:
    """(fixed bytes, check of the fixed bytes, warnings). Unfixable input comes back unchanged with its check."""
    spec = photo_spec(rules)
    warnings: list[dict] = []
    try:
        decoded = open_image(data, spec.max_pixels, SOURCE_FORMATS).image
    except Unreadable:
        return data, check_photo(data, filename, rules), [
            _warning("NEW_PHOTO_NEEDED", "文件无法打开，不能自动调整。" + NEW_PHOTO)]
    if _cut_out(decoded):       # filling a transparent background in would be choosing its colour: not ours to do
        return data, check_photo(data, filename, rules), [
            _warning("NEW_PHOTO_NEEDED", "照片背景是透明的（抠图），不能自动补背景颜色。" + NEW_PHOTO)]
    picture = upright_rgb(decoded)
    framed = bg.frame(np.asarray(picture))
    if framed:                                        # cut an added frame off before anything else
        w = framed["widths"]
        picture = picture.crop((w["left"], w["top"], picture.width - w["right"], picture.height - w["bottom"]))
    if spec.geometry:
        placed = _place(picture, spec, warnings)
        if placed is None:
            return data, check_photo(data, filename, rules), [
                _warning("NEW_PHOTO_NEEDED", "无法定位唯一的人脸，不能自动裁剪。" + NEW_PHOTO)]
        picture = placed
    else:
        picture = _cover(picture, spec.width, spec.height)
    out = encode(picture, spec)
    name = (filename.rsplit(".", 1)[0] if "." in filename else filename or "photo") + (
        next((e for e in spec.extensions if e in (".jpg", ".jpeg")), spec.extensions[0]) if "jpeg" in spec.formats
        else next((e for e in spec.extensions if e == ".png"), spec.extensions[0]))
    result = by_hand(check_photo(out, name, rules))          # already adjusted: what is left is done by hand
    left = sorted({f["code"] for f in result["findings"]})
    unfixable = [c for c in left if c not in FIXABLE]
    if unfixable:
        warnings.append(_warning("NEW_PHOTO_NEEDED", f"自动调整无法解决：{problems_in_words(unfixable)}{NEW_PHOTO}"))
    elif left:
        warnings.append(_warning("NOT_FIXED", f"自动调整后仍有问题：{problems_in_words(left)}{NEW_PHOTO}"))
    return out, result, warnings

