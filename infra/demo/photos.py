"""报名照片 for the demo (`make run`), where the province prints the registration photo rather than collecting one
online (湖北): a drawn outline of a head and shoulders, plainly not a person, stored for every demo candidate as
`biye import-photos` stores an office's real ones, so a walk of the demo sees the 申请表 with its photo. And a
证件照 that passes the automatic check, skimage's astronaut placed where the standard wants her face (the tests'
photos, tests/unit/photo/portraits.py, are made with the same pieces)."""
from __future__ import annotations

import functools
import io
import math
import time
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from functions.photo import registration_photos

if TYPE_CHECKING:
    import numpy as np


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


@functools.cache
def person_mask() -> np.ndarray:
    """The astronaut without the studio backdrop behind her (the grey, unsaturated region touching the top edge)."""
    import numpy as np
    import skimage.data
    from skimage import color, measure, morphology
    hsv = color.rgb2hsv(skimage.data.astronaut())
    labels = measure.label((hsv[..., 1] < 0.25) & (hsv[..., 2] > 0.6), connectivity=1)
    backdrop = np.isin(labels, [v for v in np.unique(labels[0, 100:360]) if v])
    backdrop = morphology.remove_small_holes(morphology.opening(backdrop, morphology.disk(2)), max_size=400)
    return ~backdrop


def astronaut_on(bg=LIGHT_BLUE) -> Image.Image:
    import skimage.data
    picture = skimage.data.astronaut().copy()
    picture[~person_mask()] = bg
    return Image.fromarray(picture)


def place(src: Image.Image, *, face_width=205.0, eye_y=265.0, dx=0.0, tilt_deg=0.0, size=(480, 640),
          bg=LIGHT_BLUE, eyes=ASTRONAUT_EYES, cheek_width=ASTRONAUT_FACE_WIDTH) -> Image.Image:
    """Warp so the levelled eye line sits at eye_y, the face is face_width wide, centred (+dx), then tilted."""
    (lx, ly), (rx, ry) = eyes
    s = face_width / cheek_width
    roll = math.atan2(ry - ly, rx - lx) - math.radians(tilt_deg)
    mid = ((lx + rx) / 2, (ly + ry) / 2)
    c, sn = math.cos(roll), math.sin(roll)
    # output (u, v) -> source: mid + R(roll) @ ((u - cx, v - eye_y) / s); the face centre sits ~0.5 px right of mid
    cx = size[0] / 2 + dx
    a, b, d, e = c / s, -sn / s, sn / s, c / s
    return src.transform(size, Image.Transform.AFFINE,
                         (a, b, mid[0] - a * cx - b * eye_y, d, e, mid[1] - d * cx - e * eye_y),
                         Image.Resampling.BICUBIC, fillcolor=bg)


def jpeg(img: Image.Image, lo=20480, hi=40000, dpi=300, **kw) -> bytes:
    """Highest quality whose size falls in [lo, hi] (falls back to the closest)."""
    best = None
    for q in range(95, 59, -1):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=q, dpi=(dpi, dpi), **kw)
        data = buf.getvalue()
        if lo <= len(data) <= hi:
            return data
        if best is None or abs(len(data) - hi) < abs(len(best) - hi):
            best = data
    return best


def portrait_jpeg(rules: dict) -> bytes:
    """A 证件照 that passes the province's automatic photo check (`rules`: the profile's `photo`), for the demo's
    submitted applications where the photo comes before the submit (安徽): the astronaut on light blue, her face
    where 学信网's geometry wants it, at the highest JPEG quality within the size limits."""
    size = (rules.get("width") or 480, rules.get("height") or 640)
    return jpeg(place(astronaut_on(), size=size), lo=rules.get("min_bytes") or 0, hi=rules.get("max_bytes") or 10**7,
                dpi=rules.get("dpi") or 300)
