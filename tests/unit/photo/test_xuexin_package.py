"""学信网's photo package from real photos, through the real detector and checks: photos approved under each
province's own rules (山西's large PNG from a phone, 安徽's compliant JPEG, a face too small, a tilted head) come out
as `<身份证号>.jpg`, each 480 × 640, 300 dpi, 20480–40000 bytes and passing the national check; a photo whose face
cannot be placed is left out with the reason, never cropped by guess."""
from __future__ import annotations

import io
import zipfile

import numpy as np
import portraits as P
from PIL import Image

from functions.photo.checks.photo import check_photo
from functions.photo.checks.xuexin import XUEXIN_RULES, package

PHOTOS = {
    "420100199001010011": lambda: P.compliant_jpeg(),
    "140105198802020022": lambda: P.png(P.place(P.astronaut_on(), size=(1200, 1600), face_width=500, eye_y=700)),
    "340100199103030033": lambda: P.jpeg(P.place(P.astronaut_on(), face_width=150)),
    "500103199204040044": lambda: P.jpeg(P.place(P.astronaut_on(), tilt_deg=7)),
}
NO_FACE = "11010119930505005X"


def no_face() -> bytes:
    out = io.BytesIO()
    Image.fromarray(np.full((640, 480, 3), (100, 197, 255), np.uint8)).save(out, "JPEG", quality=90)
    return out.getvalue()


def test_every_photo_the_fix_can_bring_to_the_standard_is_in_the_zip_by_id_number():
    photos = [(n, make()) for n, make in PHOTOS.items()] + [(NO_FACE, no_face())]
    zipped, left_out = package(photos)
    archive = zipfile.ZipFile(io.BytesIO(zipped))
    assert sorted(archive.namelist()) == sorted(f"{n}.jpg" for n in PHOTOS)
    for name in archive.namelist():
        data = archive.read(name)
        assert 20480 <= len(data) <= 40000, (name, len(data))
        with Image.open(io.BytesIO(data)) as im:
            assert (im.format, im.size, im.mode) == ("JPEG", (480, 640), "RGB")
            assert round(im.info["dpi"][0]) == 300
        assert check_photo(data, name, XUEXIN_RULES)["ok"], name
    assert [x["id_number"] for x in left_out] == [NO_FACE]
    assert "人脸" in left_out[0]["reason"]


def test_an_id_number_comes_once():
    zipped, left_out = package([("420100199001010011", P.compliant_jpeg())] * 2)
    assert zipfile.ZipFile(io.BytesIO(zipped)).namelist() == ["420100199001010011.jpg"] and left_out == []
