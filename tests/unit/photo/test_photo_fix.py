"""fix_photo: fixable photos come out passing; what needs a new photo is said, never faked."""
from __future__ import annotations

import io

import numpy as np
import portraits as P
import pytest
from PIL import Image
from portraits import codes

from functions.photo.checks.fix import fix_photo
from functions.photo.checks.photo import check_photo

FIXABLE = {
    "tilted": lambda: P.jpeg(P.place(P.astronaut_on(), tilt_deg=7)),
    "eyes_high": lambda: P.jpeg(P.place(P.astronaut_on(), eye_y=190, face_width=185)),
    "eyes_low": lambda: P.jpeg(P.place(P.astronaut_on(), eye_y=330)),
    "face_small": lambda: P.jpeg(P.place(P.astronaut_on(), face_width=150)),
    "off_centre": lambda: P.jpeg(P.place(P.astronaut_on(), dx=30, face_width=185)),
    "framed": lambda: P.jpeg(P.framed(P.compliant_image())),
    "phone_png": lambda: P.png(P.place(P.astronaut_on(), size=(1200, 1600), face_width=500, eye_y=700)),
    "low_dpi_large": lambda: P.jpeg(P.compliant_image(), lo=60000, hi=10 ** 9, dpi=72),
    "small_face_in_scene": lambda: P.jpeg(P.astronaut_on(), lo=0, hi=10 ** 9),
}


@pytest.mark.parametrize("name", sorted(FIXABLE))
def test_fixable_photos_pass_after_fix(anhui, name):
    data = FIXABLE[name]()
    assert not check_photo(data, "photo.jpg", anhui)["ok"]
    out, result, warnings = fix_photo(data, "photo.jpg", anhui)
    assert result["ok"], (result["findings"], warnings)
    assert check_photo(out, "photo.jpg", anhui) == result          # the returned check is of the returned bytes
    assert "NEW_PHOTO_NEEDED" not in {w["code"] for w in warnings}


def test_output_is_a_clean_baseline_jpeg(anhui):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"                                     # Make
    exif[0x0132] = "2024:01:01 00:00:00"                            # DateTime
    img = P.place(P.astronaut_on(), tilt_deg=5)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=95, exif=exif.tobytes(), progressive=True, dpi=(96, 96))
    out, result, _ = fix_photo(buf.getvalue(), "IMG_0001.JPG", anhui)
    im = Image.open(io.BytesIO(out))
    assert im.format == "JPEG" and im.size == (480, 640) and im.mode == "RGB"
    assert not im.info.get("progressive") and not im.info.get("progression")
    assert round(im.info["dpi"][0]) == 300
    assert len(im.getexif()) == 0 and "icc_profile" not in im.info
    assert 20480 <= len(out) <= 40000 and result["measured"]["quality"] >= 60
    assert out.endswith(b"\xff\xd9") and out.count(b"\xff\xfe") == 0   # no comment or trailing padding bytes


def test_highest_quality_that_fits(anhui):
    out, result, _ = fix_photo(P.jpeg(P.place(P.astronaut_on(), dx=30)), "a.jpg", anhui)
    q = result["measured"]["quality"]
    img = Image.open(io.BytesIO(out))
    bigger = io.BytesIO()
    img.save(bigger, "JPEG", quality=q + 2, subsampling=2, dpi=(300, 300))
    assert len(bigger.getvalue()) > 40000 or q >= 98                  # two steps up would not fit


def test_exif_rotation_is_applied(anhui):
    sideways = P.compliant_image().rotate(90, expand=True)          # stored lying down, EXIF says turn it back
    exif = Image.Exif()
    exif[0x0112] = 6                                               # "rotate 90° clockwise to view"
    buf = io.BytesIO()
    sideways.save(buf, "JPEG", quality=90, exif=exif.tobytes(), dpi=(300, 300))
    before = check_photo(buf.getvalue(), "a.jpg", anhui)
    assert "DIMENSIONS" in codes(before)                              # 640x480 as stored
    out, result, _ = fix_photo(buf.getvalue(), "a.jpg", anhui)
    assert result["ok"], result["findings"]


def test_warns_when_padding_and_enlarging(anhui):
    _, result, warnings = fix_photo(FIXABLE["small_face_in_scene"](), "a.jpg", anhui)
    assert {"PADDED", "ENLARGED"} <= {w["code"] for w in warnings}
    assert result["ok"]


def test_cut_off_head_needs_a_new_photo(anhui):
    data = P.jpeg(P.place(P.astronaut_on(), eye_y=150))              # hair cut by the top edge
    _, _, warnings = fix_photo(data, "a.jpg", anhui)
    assert "NEW_PHOTO_NEEDED" in {w["code"] for w in warnings}


def test_never_recolours_the_background(anhui):
    red = (230, 80, 80)
    data = P.jpeg(P.place(P.astronaut_on(bg=red), bg=red, tilt_deg=6))
    out, result, warnings = fix_photo(data, "a.jpg", anhui)
    assert "BACKGROUND_COLOUR" in codes(result)
    assert "NEW_PHOTO_NEEDED" in {w["code"] for w in warnings}
    corner = np.asarray(Image.open(io.BytesIO(out)))[5:40, 5:40].reshape(-1, 3).mean(axis=0)
    assert np.linalg.norm(corner - np.array(red)) < 20


def test_never_mirrors_a_turned_head(anhui, compliant_face):
    data = P.jpeg(P.turned(P.compliant_image(), compliant_face, 20))
    before = check_photo(data, "a.jpg", anhui)["measured"]["yaw_ratio"]
    out, result, warnings = fix_photo(data, "a.jpg", anhui)
    assert "HEAD_TURNED" in codes(result)
    assert "NEW_PHOTO_NEEDED" in {w["code"] for w in warnings}
    assert np.sign(result["measured"]["yaw_ratio"]) == np.sign(before)   # still turned the same way


@pytest.mark.parametrize("data", [
    P.jpeg(Image.new("RGB", (480, 640), P.LIGHT_BLUE), lo=0),
    P.jpeg(P.two_people()),
    b"not a photo at all",
])
def test_no_single_face_comes_back_unchanged(anhui, data):
    out, result, warnings = fix_photo(data, "a.jpg", anhui)
    assert out == data and not result["ok"]
    assert [w["code"] for w in warnings] == ["NEW_PHOTO_NEEDED"]


def test_shanxi_fix_only_converts_and_shrinks(shanxi):
    big = np.asarray(P.place(P.astronaut_on(), size=(1500, 2000), face_width=640, eye_y=850), dtype=np.float32)
    noise = np.random.default_rng(7).normal(0, 3, big.shape)          # a phone sensor's noise, as in real photos
    data = P.png(Image.fromarray(np.clip(big + noise, 0, 255).astype(np.uint8)))   # several MB: over 山西's 2 MB
    assert "FILE_TOO_LARGE" in codes(check_photo(data, "a.png", shanxi))
    out, result, _ = fix_photo(data, "a.png", shanxi)
    assert result["ok"], result["findings"]
    assert Image.open(io.BytesIO(out)).size == (1500, 2000)           # no bands in 山西: no cropping


def test_cut_out_portrait_is_not_given_a_background(anhui):
    img = P.place(P.astronaut_on(), tilt_deg=5).convert("RGBA")
    alpha = np.where(P.place(Image.fromarray((P.person_mask() * 255).astype(np.uint8)).convert("RGB"), bg=(0, 0, 0),
                             tilt_deg=5).convert("L"), 255, 0).astype(np.uint8)
    img.putalpha(Image.fromarray(alpha))
    data = P.png(img)
    out, result, warnings = fix_photo(data, "a.png", anhui)
    assert out == data and [w["code"] for w in warnings] == ["NEW_PHOTO_NEEDED"]
    assert "COLOUR_MODE" in codes(result)


def test_opaque_alpha_channel_is_just_converted(anhui):
    data = P.png(P.place(P.astronaut_on(), tilt_deg=5).convert("RGBA"))
    _, result, warnings = fix_photo(data, "a.png", anhui)
    assert result["ok"], result["findings"]
