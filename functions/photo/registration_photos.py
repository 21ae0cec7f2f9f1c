"""报名照片: the photo each candidate registered with, which the office exports from the 报名 system and imports here
(`biye import-photos DIR`, one <准考证号>.jpg per candidate). Forms print it where the province collects no
graduation photo online (湖北's profile has `photo: null`: "使用报名照片").

Every file is judged before anything is stored, and all problems are answered at once: named by the 12-digit
准考证号 of a record this stack holds, a JPEG that decodes, between MIN_SIZE and MAX_SIZE pixels, at most MAX_BYTES.
A photo is stored without its metadata (checks/metadata.py: no GPS or camera details on a form) under the checked
prefix, and one item per candidate names it; importing a candidate again replaces the photo.
"""
from __future__ import annotations

import hashlib
import io
import re
import time
from dataclasses import dataclass

from functions.common.dynamo import keys

from .checks.imagefile import sniff
from .checks.metadata import without_metadata

MAX_BYTES = 2 * 1024 * 1024
MIN_SIZE, MAX_SIZE = (120, 160), (4000, 4000)     # (width, height): a 1-inch photo at 96 dpi up to a camera's
EXAM_NO_FILE = re.compile(r"(\d{12})\.jpe?g", re.IGNORECASE)
# Where the photo a form prints came from (the item's `kind`), in the words the staff pages show: imported with the
# record, or taken by the office at 现场确认 (onsite/) for a record that came without one.
IMPORTED, ONSITE = "registration_photo", "onsite_photo"
SOURCES = {IMPORTED: "报名照片（随考籍导入）", ONSITE: "现场确认时拍摄的照片"}


def staff_url(exam_no: str) -> str:
    """The apply function's staff route that answers with a fresh link to the photo a form prints, either source."""
    return f"/api/apply/staff/applications/{exam_no}/files/{IMPORTED}"


@dataclass(frozen=True)
class Photo:
    exam_no: str
    jpeg: bytes             # as it will be stored: without metadata


def judged(name: str, data: bytes) -> tuple[Photo | None, str | None]:
    """(the photo, None) or (None, what is wrong with the file, in words)."""
    matched = EXAM_NO_FILE.fullmatch(name)
    if not matched:
        return None, "文件名应为 12 位准考证号加 .jpg（如 420100000001.jpg）"
    return judged_image(matched.group(1), data)


def judged_image(exam_no: str, data: bytes) -> tuple[Photo | None, str | None]:
    """The file's own checks, also for the photo an office takes at 现场确认 (onsite/): the same rules as an import."""
    if len(data) > MAX_BYTES:
        return None, f"文件过大（{len(data) // 1024} KB），报名照片最大 {MAX_BYTES // 1024} KB"
    if sniff(data) != "jpeg":
        return None, "不是 JPEG 图片"
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            size = image.size
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return None, "图片无法读取（文件损坏或不完整）"
    if size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1] or size[0] > MAX_SIZE[0] or size[1] > MAX_SIZE[1]:
        return None, (f"图片为 {size[0]}×{size[1]} 像素，应在 {MIN_SIZE[0]}×{MIN_SIZE[1]} 到 "
                      f"{MAX_SIZE[0]}×{MAX_SIZE[1]} 像素之间")
    return Photo(exam_no, without_metadata(data)), None


def object_key(photo: Photo) -> str:
    return f"checked/{photo.exam_no}/registration_photo/{hashlib.sha256(photo.jpeg).hexdigest()[:16]}.jpg"


def store(table, s3, bucket: str, photo: Photo, now: int) -> None:
    """The file first, then the item naming it: a failure between them leaves a file nobody names, never an item
    naming a file that is not there."""
    key = object_key(photo)
    s3.put_object(Bucket=bucket, Key=key, Body=photo.jpeg, ContentType="image/jpeg")
    table.put_item(Item={**keys.registration_photo(photo.exam_no), "kind": IMPORTED, "object_key": key,
                         "bytes": len(photo.jpeg), "imported_at": now, **written()})


def onsite_item(photo: Photo, object_key: str, now: int, staff_id: str) -> dict:
    """The item of a photo the office took at 现场确认 (onsite/), kept in place of an earlier one."""
    return {**keys.onsite_photo(photo.exam_no), "kind": ONSITE, "object_key": object_key, "bytes": len(photo.jpeg),
            "taken_at": now, "taken_by": staff_id, **written()}


def written() -> dict:
    """When the item was written, to the nanosecond: which of the two photos is newer. The times the pages show are
    whole seconds (and the service's clock, which tests set), so an import and an on-site photo in the same second
    tied, and the one read first printed."""
    return {"written_ns": time.time_ns()}


def newest(items: list[dict]) -> dict | None:
    """The photo a form prints, of the imported one and the on-site one: the one written last."""
    return max(items, key=lambda item: (int(item.get("imported_at") or item.get("taken_at") or 0),
                                        int(item.get("written_ns") or 0)), default=None)
