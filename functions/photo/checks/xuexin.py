"""学信网's photo package (issue 17 item 8): beside the graduates CSV, one `<身份证号>.jpg` per graduate in the
national electronic-registration standard (480 × 640, 300 dpi, 24-bit JPEG of 20–40 KB, head and eyes in their
bands), in one zip. Each is made from the graduate's approved photo by the photo function's own auto-fix and
checked again against the standard; a photo the fix cannot bring to it (a face it cannot place is never
re-cropped by guess) is left out of the zip and listed with the reason, for the office to ask for a new one.

Pure: photos in, zip bytes and the list of those left out; the caller reads and stores the files.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import BinaryIO

from functions.profiles.photo_rules import PhotoRules

from .fix import fix_photo

# 学信网's rules (the national standard of the seed's 附件3/附件4), whatever a province takes on upload: 山西 takes
# PNG under 2 MB, 重庆 and 湖北 no online photo at all, but the registration photo is the same for every province.
XUEXIN_RULES = PhotoRules.from_profile({"photo": {
    "formats": ["jpeg"], "extensions": [".jpg"], "width": 480, "height": 640, "dpi": 300, "colour_mode": "RGB",
    "min_bytes": 20480, "max_bytes": 40000, "min_quality": 60, "backgrounds": ["light_blue", "white"],
    "geometry": {"head_top_px": [50, 110], "eyes_px": [200, 300], "face_width_px": [180, 300]},
    "max_eye_tilt_deg": 3}, "documents": {}})


def xuexin_photo(data: bytes, id_number: str) -> tuple[bytes | None, str | None]:
    """(the photo as 学信网 takes it, None) or (None, why it cannot be made from this one)."""
    fixed, result, warnings = fix_photo(data, f"{id_number}.jpg", XUEXIN_RULES)
    if result["ok"]:
        return fixed, None
    said = [w["message"] for w in warnings] or [f["message"] for f in result["findings"]]
    return None, "；".join(said)


class PackageWriter:
    """The zip written as it goes, one photo at a time into a file the caller opened (on Lambda a file in /tmp), so
    memory holds one photo whatever the number of graduates; `add` answers why a photo was left out, or None."""

    def __init__(self, out: BinaryIO):
        self.archive = zipfile.ZipFile(out, "w", zipfile.ZIP_STORED)    # JPEGs do not compress further
        self.seen: set[str] = set()
        self.written = 0

    def add(self, id_number: str, data: bytes) -> str | None:
        if id_number in self.seen:          # an ID number comes once (its file name is the ID number)
            return None
        self.seen.add(id_number)
        made, why = xuexin_photo(data, id_number)
        if made is None:
            return why
        self.archive.writestr(f"{id_number}.jpg", made)
        self.written += 1
        return None

    def close(self) -> None:
        self.archive.close()


def package(photos: Iterable[tuple[str, bytes]]) -> tuple[bytes, list[dict]]:
    """(zip of `<身份证号>.jpg`, [{id_number, reason}] of the photos left out), in memory: for a few photos."""
    out, left_out = io.BytesIO(), []
    writer = PackageWriter(out)
    for id_number, data in photos:
        why = writer.add(id_number, data)
        if why is not None:
            left_out.append({"id_number": id_number, "reason": why})
    writer.close()
    return out.getvalue(), left_out
