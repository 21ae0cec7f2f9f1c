"""Test photos made from skimage's astronaut (public domain, NASA): compliant ones and ones with one problem each.

The studio backdrop behind Eileen Collins is replaced by a flat colour (the backdrop is the grey, unsaturated
region connected to the top edge), then an affine warp places her face where a test wants it.
"""
from __future__ import annotations

import functools
import io
import math

import numpy as np
from PIL import Image

# The backdrop's removal, the warp and the JPEG sizing are the demo's (infra/demo/photos.py): its submitted
# applications' photo is made the same way.
from infra.demo.photos import LIGHT_BLUE, astronaut_on, jpeg, person_mask, place

EYE_TO_HAIR_TOP = 86.0


def codes(result: dict) -> set[str]:
    """The finding codes of a check result."""
    return {f["code"] for f in result["findings"]}


def png(img: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", **kw)
    return buf.getvalue()


@functools.cache
def compliant_image() -> Image.Image:
    return place(astronaut_on())


@functools.cache
def compliant_jpeg() -> bytes:
    return jpeg(compliant_image())


def turned(img: Image.Image, face, degrees: float = 20.0) -> Image.Image:
    """Turn the head about the vertical axis: move each mesh point by its depth (x' = x cos + z sin), then warp
    the picture piecewise-affinely onto the moved mesh. The picture edges stay put."""
    from skimage.transform import PiecewiseAffineTransform, warp
    th = math.radians(degrees)
    pts = face.mesh
    xc, zc = (pts[234, 0] + pts[454, 0]) / 2, (pts[234, 2] + pts[454, 2]) / 2
    moved = pts[:, :2].copy()
    moved[:, 0] = xc + (pts[:, 0] - xc) * math.cos(th) + (pts[:, 2] - zc) * math.sin(th)
    w, h = img.size
    edge = [(x, y) for x in np.linspace(0, w - 1, 7) for y in (0, h - 1)]
    edge += [(x, y) for y in np.linspace(0, h - 1, 9) for x in (0, w - 1)]
    tform = PiecewiseAffineTransform.from_estimate(np.vstack([moved, edge]), np.vstack([pts[:, :2], edge]))
    return Image.fromarray(warp(np.asarray(img), tform, preserve_range=True).astype(np.uint8))


def covered_eyes(img: Image.Image, face, kind: str = "bar") -> Image.Image:
    from PIL import ImageDraw
    out = img.copy()
    draw = ImageDraw.Draw(out)
    (lx, ly), (rx, ry) = face.eyes
    if kind == "bar":
        draw.rectangle((lx - 35, ly - 14, rx + 35, ry + 14), fill=(0, 0, 0))
    else:                                   # dark glasses: two dark lenses and a bridge
        for x, y in face.eyes:
            draw.ellipse((x - 30, y - 20, x + 30, y + 22), fill=(25, 25, 30))
        draw.line((lx + 30, ly, rx - 30, ry), fill=(20, 20, 20), width=4)
    return out


def gradient_background() -> Image.Image:
    """Light blue fading to a darker blue downwards: 渐变, not allowed."""
    a = np.asarray(astronaut_on()).copy()
    y = np.linspace(0, 1, a.shape[0])[:, None] * np.ones((1, a.shape[1]))
    grad = np.stack([np.full_like(y, 100), 197 - 90 * y, 255 - 100 * y], axis=-1).astype(np.uint8)
    a[~person_mask()] = grad[~person_mask()]
    return place(Image.fromarray(a), bg=(100, 107, 155))


def framed(img: Image.Image, width: int = 14, colour=(20, 20, 20)) -> Image.Image:
    """The picture shrunk into a drawn frame of the same outer size."""
    inner = img.resize((img.width - 2 * width, img.height - 2 * width), Image.Resampling.LANCZOS)
    out = Image.new("RGB", img.size, colour)
    out.paste(inner, (width, width))
    return out


def two_people() -> Image.Image:
    src = astronaut_on()
    left = place(src, face_width=120, eye_y=250, size=(240, 640))
    right = place(src, face_width=120, eye_y=270, size=(240, 640))
    out = Image.new("RGB", (480, 640), LIGHT_BLUE)
    out.paste(left, (0, 0))
    out.paste(right, (240, 0))
    return out
