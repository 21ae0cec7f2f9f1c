"""报名照片 for the demo (`make run`), where the province prints the registration photo rather than collecting one
online (湖北): a drawn outline of a head and shoulders, plainly not a person, stored for every demo candidate as
`biye import-photos` stores an office's real ones, so a walk of the demo sees the 申请表 with its photo."""
from __future__ import annotations

import io
import time

from PIL import Image, ImageDraw

from functions.photo import registration_photos


def outline_jpeg(size: tuple[int, int] = (480, 640)) -> bytes:
    """480×640 (or `size`, the drawing scaled to it), light blue background, a grey head and shoulders."""
    image = Image.new("RGB", (480, 640), (214, 228, 242))
    draw = ImageDraw.Draw(image)
    draw.ellipse((160, 120, 320, 320), fill=(150, 155, 160))
    draw.ellipse((60, 360, 420, 760), fill=(150, 155, 160))
    if size != image.size:
        image = image.resize(size)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def store_demo_photos(table, s3, bucket: str, exam_nos: list[str]) -> int:
    """The outline as the registration photo of each candidate; how many were stored."""
    jpeg, now = outline_jpeg(), int(time.time())
    for exam_no in exam_nos:
        registration_photos.store(table, s3, bucket, registration_photos.Photo(exam_no, jpeg), now)
    return len(exam_nos)


# Where skimage's astronaut (public domain, NASA) has her eyes and how wide her face is, in the 512×512 original:
# measured once with the photo function's detector, used only to aim the warp below.
ASTRONAUT_EYES = ((203.6, 101.2), (247.4, 103.1))
ASTRONAUT_FACE_WIDTH = 90.2
LIGHT_BLUE = (100, 197, 255)


def portrait_jpeg(rules: dict) -> bytes:
    """A 证件照 that passes the province's automatic photo check (`rules`: the profile's `photo`), for the demo's
    submitted applications where the photo comes before the submit (安徽): the astronaut on light blue, her face
    where 学信网's geometry wants it, at the highest JPEG quality within the size limits."""
    import math

    import numpy as np
    import skimage.data
    from skimage import color, measure, morphology
    picture = skimage.data.astronaut().copy()
    hsv = color.rgb2hsv(picture)
    labels = measure.label((hsv[..., 1] < 0.25) & (hsv[..., 2] > 0.6), connectivity=1)
    backdrop = np.isin(labels, [v for v in np.unique(labels[0, 100:360]) if v])    # the grey touching the top edge
    backdrop = morphology.remove_small_holes(morphology.opening(backdrop, morphology.disk(2)), max_size=400)
    picture[backdrop] = LIGHT_BLUE
    size = (rules.get("width") or 480, rules.get("height") or 640)
    (lx, ly), (rx, ry) = ASTRONAUT_EYES
    scale, roll = 205.0 / ASTRONAUT_FACE_WIDTH, math.atan2(ry - ly, rx - lx)      # levelled, 205 px wide
    c, s = math.cos(roll) / scale, math.sin(roll) / scale
    mx, my, u, v = (lx + rx) / 2, (ly + ry) / 2, size[0] / 2, 265.0               # eyes at y 265
    warp = (c, -s, mx - c * u + s * v, s, c, my - s * u - c * v)
    image = Image.fromarray(picture).transform(size, Image.Transform.AFFINE, warp, Image.Resampling.BICUBIC,
                                               fillcolor=LIGHT_BLUE)
    dpi = rules.get("dpi") or 300
    low, high = rules.get("min_bytes") or 0, rules.get("max_bytes") or 10**7
    for quality in range(95, 59, -1):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, dpi=(dpi, dpi))
        if low <= out.tell() <= high:
            break
    return out.getvalue()
