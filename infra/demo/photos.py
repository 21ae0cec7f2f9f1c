"""报名照片 for the demo (`make run`), where the province prints the registration photo rather than collecting one
online (湖北): a drawn outline of a head and shoulders, plainly not a person, stored for every demo candidate as
`biye import-photos` stores an office's real ones, so a walk of the demo sees the 申请表 with its photo."""
from __future__ import annotations

import io
import time

from PIL import Image, ImageDraw

from functions.photo import registration_photos


def outline_jpeg() -> bytes:
    """480×640, light blue background, a grey head and shoulders."""
    image = Image.new("RGB", (480, 640), (214, 228, 242))
    draw = ImageDraw.Draw(image)
    draw.ellipse((160, 120, 320, 320), fill=(150, 155, 160))
    draw.ellipse((60, 360, 420, 760), fill=(150, 155, 160))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def store_demo_photos(table, s3, bucket: str, exam_nos: list[str]) -> int:
    """The outline as the registration photo of each candidate; how many were stored."""
    jpeg, now = outline_jpeg(), int(time.time())
    for exam_no in exam_nos:
        registration_photos.store(table, s3, bucket, registration_photos.Photo(exam_no, jpeg), now)
    return len(exam_nos)
