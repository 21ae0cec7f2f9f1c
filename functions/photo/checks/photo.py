"""check_photo: every problem of a graduation photo at once, each as a finding with numbers.

Importing this module loads Pillow and numpy but no face model; the models load on the first check.
"""
from __future__ import annotations

import numpy as np

from functions.profiles.photo_rules import PhotoRules, PhotoSpec

from .content import check_content
from .findings import finding, size_text
from .imagefile import Decoded, Unreadable, disguised, extension, open_image, sniff, upright_rgb

GREY_CHROMA = 3.0     # mean |R-G|+|G-B| below this: a black-and-white picture saved as RGB


class PhotoNotTaken(ValueError):
    """The province takes no photo online (湖北 uses the registration photo)."""


def photo_spec(rules: PhotoRules) -> PhotoSpec:
    if rules.photo is None:
        raise PhotoNotTaken("本省毕业申请不在线上传照片，使用报名（注册）照片。")
    return rules.photo


def file_findings(data: bytes, filename: str, spec: PhotoSpec, real: str | None) -> list[dict]:
    """Format, extension and size: answerable without decoding."""
    out, ext = [], extension(filename)
    wrong_ext = ext not in spec.extensions
    wrong_real = real is not None and (real not in spec.formats or disguised(ext, real))
    if wrong_ext or wrong_real:
        parts = []
        if wrong_real and real:
            parts.append(f"文件实际是 {real.upper()} 格式" + ("，与扩展名不符" if disguised(ext, real) else ""))
        if wrong_ext:
            parts.append(f"扩展名是“{ext or '（无）'}”")
        wants = "、".join(f.upper() for f in spec.formats) + "（扩展名 " + "、".join(spec.extensions) + "）"
        out.append(finding("FORMAT", {"format": real, "extension": ext},
                           {"formats": list(spec.formats), "extensions": list(spec.extensions)},
                           "，".join(parts) + f"，要求 {wants}。"))
    n = len(data)
    if spec.min_bytes and n < spec.min_bytes:
        out.append(finding("FILE_TOO_SMALL", n, spec.min_bytes,
                           f"文件 {size_text(n)}，至少 {size_text(spec.min_bytes)}。"))
    if spec.max_bytes and n > spec.max_bytes:
        out.append(finding("FILE_TOO_LARGE", n, spec.max_bytes,
                           f"文件 {size_text(n)}，最多 {size_text(spec.max_bytes)}。"))
    return out


def pixel_findings(d: Decoded, spec: PhotoSpec) -> list[dict]:
    """Dimensions, dpi, colour mode and JPEG quality of the decoded file as stored."""
    out = []
    if (spec.width and d.width != spec.width) or (spec.height and d.height != spec.height):
        out.append(finding("DIMENSIONS", [d.width, d.height], [spec.width, spec.height],
                           f"现为 {d.width}×{d.height} 像素，"
                           f"要求 {spec.width or '任意'}×{spec.height or '任意'} 像素（宽×高）。"))
    if spec.dpi and (d.dpi is None or any(abs(v - spec.dpi) > 1 for v in d.dpi)):
        now = f"{d.dpi[0]:.0f} dpi" if d.dpi else "未设置"
        out.append(finding("DPI", round(d.dpi[0]) if d.dpi else None, spec.dpi, f"现为{now}，要求 {spec.dpi} dpi。"))
    if d.mode != "RGB":
        out.append(finding("COLOUR_MODE", d.mode, spec.colour_mode, f"现为 {d.mode} 模式。"))
    else:
        arr = np.asarray(d.image.reduce(4) if min(d.width, d.height) >= 64 else d.image, dtype=np.int16)
        chroma = float(np.mean(np.abs(arr[..., 0] - arr[..., 1]) + np.abs(arr[..., 1] - arr[..., 2])))
        if chroma < GREY_CHROMA:
            out.append(finding("COLOUR_MODE", "RGB（黑白内容）", spec.colour_mode, "照片是黑白的，要求彩色照片。",
                               hint="请上传彩色照片，黑白照片需要重新拍摄。"))
    if spec.min_quality and d.quality is not None and d.quality < spec.min_quality:
        out.append(finding("QUALITY_TOO_LOW", d.quality, spec.min_quality,
                           f"估计压缩品质约为 {d.quality}，要求不低于 {spec.min_quality}。"))
    return out


def check_photo(data: bytes, filename: str, rules: PhotoRules) -> dict:
    """{"ok", "findings", "measured"} for one photo file under the province's rules."""
    spec = photo_spec(rules)
    real = sniff(data)
    measured: dict = {"bytes": len(data), "extension": extension(filename), "format": real}
    findings = file_findings(data, filename, spec, real)
    if real not in ("jpeg", "png"):
        if real is None:
            findings.append(finding("UNREADABLE", None, list(spec.formats), "文件不是图片。"))
        return {"ok": False, "findings": findings, "measured": measured}
    try:
        decoded = open_image(data, spec.max_pixels)
    except Unreadable as e:
        findings.append(finding("UNREADABLE", real, list(spec.formats), str(e)))
        return {"ok": False, "findings": findings, "measured": measured}
    measured.update(width=decoded.width, height=decoded.height, mode=decoded.mode, quality=decoded.quality,
                    dpi=[round(v, 1) for v in decoded.dpi] if decoded.dpi else None,
                    exif_orientation=decoded.exif_orientation)
    findings += pixel_findings(decoded, spec)
    content, seen, _ = check_content(upright_rgb(decoded.image), spec)
    measured.update(seen)
    findings += content
    return {"ok": not findings, "findings": findings, "measured": measured}
