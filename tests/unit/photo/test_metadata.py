"""checks/metadata.py: what a stored picture keeps (pixels, dpi, orientation, colour profile) and what it loses."""
from __future__ import annotations

import io

import numpy as np
import portraits as P
import pytest
from PIL import Image, PngImagePlugin

from functions.photo.checks.imagefile import Unreadable
from functions.photo.checks.metadata import noted, stored_form, without_metadata


def exif(**extra) -> Image.Exif:
    e = Image.Exif()
    e[0x010F], e[0x0110] = "HUAWEI", "Mate 60"
    e[0x8825] = {1: "N", 2: (30.0, 35.0, 1.0)}
    for tag, value in extra.items():
        e[int(tag[1:], 16)] = value
    return e


def jpeg(**save) -> bytes:
    buf = io.BytesIO()
    P.compliant_image().save(buf, "JPEG", quality=90, **save)
    return buf.getvalue()


def test_gps_camera_comment_and_xmp_go_and_the_pixels_stay():
    data = jpeg(dpi=(300, 300), exif=exif(), comment=b"home", xmp=b"<x:xmpmeta/>")
    clean = without_metadata(data)
    im = Image.open(io.BytesIO(clean))
    assert dict(im.getexif()) == {} and set(im.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"}
    assert im.info["dpi"] == (300, 300)
    assert np.array_equal(np.asarray(im), np.asarray(Image.open(io.BytesIO(data))))
    assert without_metadata(clean) == clean                         # a clean file is stored as it came


def test_orientation_alone_is_kept_so_the_picture_stays_the_right_way_up():
    clean = without_metadata(jpeg(exif=exif(x0112=6)))
    assert dict(Image.open(io.BytesIO(clean)).getexif()) == {0x0112: 6}


def test_a_dpi_given_only_in_exif_moves_to_jfif():
    data = jpeg(exif=exif(x011A=300.0, x011B=300.0, x0128=2))
    data = data[:2] + data[4 + int.from_bytes(data[4:6], "big"):]    # no JFIF segment, as some cameras write
    assert Image.open(io.BytesIO(data)).info["dpi"] == (300, 300)
    clean = Image.open(io.BytesIO(without_metadata(data)))
    assert clean.info["dpi"] == (300, 300) and dict(clean.getexif()) == {}


def test_bytes_after_the_end_of_the_image_are_dropped():
    data = jpeg()
    assert without_metadata(data + b"PK\x03\x04 a hidden archive") == data


def test_png_text_and_exif_chunks_go_and_its_dpi_stays():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret place")
    buf = io.BytesIO()
    P.compliant_image().save(buf, "PNG", pnginfo=info, dpi=(300, 300), exif=exif())
    clean = without_metadata(buf.getvalue())
    im = Image.open(io.BytesIO(clean))
    assert b"secret" not in clean and b"HUAWEI" not in clean and round(im.info["dpi"][0]) == 300


@pytest.mark.parametrize("broken", [lambda d: d[:len(d) // 2], lambda d: d[:4] + b"\xff\xff" + d[6:]])
def test_a_file_whose_structure_cannot_be_walked_is_refused_not_stored(broken):
    data = broken(jpeg())
    with pytest.raises(Unreadable):
        without_metadata(data)
    kept, failed = stored_form(data)
    assert kept == data and failed and failed["ok"] is False and "结构不完整" in failed["findings"][0]["message"]


def test_a_file_too_small_once_stripped_says_why():
    result = {"ok": False, "measured": {"bytes": 19000},
              "findings": [{"code": "FILE_TOO_SMALL", "message": "文件太小。文件 18.6 KB，至少 20 KB。"}]}
    said = noted(result, 23000)["findings"][0]["message"]
    assert "去除拍摄地点" in said and result["measured"]["uploaded_bytes"] == 23000


def test_the_auto_fix_writes_no_metadata():
    from functions.photo.checks.fix import fix_photo
    from functions.profiles.loader import load_profile
    from functions.profiles.photo_rules import PhotoRules
    rules = PhotoRules.from_profile(load_profile("anhui").data)
    source = jpeg(exif=exif(), comment=b"home")
    fixed, _, _ = fix_photo(source, "photo.jpg", rules)
    assert fixed != source and without_metadata(fixed) == fixed and b"HUAWEI" not in fixed
