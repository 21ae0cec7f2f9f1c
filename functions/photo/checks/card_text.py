"""Reads the name and the 公民身份号码 printed on an ID card's portrait side: PP-OCRv4 text detection and recognition.

The two ONNX models (and the recogniser's character list, in its metadata) ship inside the rapidocr-onnxruntime
wheel; they run here under onnxruntime with NumPy and Pillow only. rapidocr's own pipeline is not used because it
imports OpenCV, which with onnxruntime and dlib would not fit a Lambda function (250 MB unzipped). So the
detector's post-processing is ours and simpler than rapidocr's: text regions are the connected components of the
probability map taken as axis-aligned boxes, which reads a card photographed straight on (as the hints ask) and
reads little of a card turned more than a few degrees: then the check says the text is unreadable and the
office reads it.

Pure: a picture in, text out; the models load once per process (per Lambda container).
"""
from __future__ import annotations

import functools
import math
import re

import numpy as np
from PIL import Image

from .packaged_models import models_folder

# The detector's settings as rapidocr's config.yaml gives them for PP-OCRv4: pixels above THRESH are text, a region
# is kept when its mean probability reaches BOX_THRESH, and grown by UNCLIP_RATIO (the model predicts shrunk text).
THRESH, BOX_THRESH, UNCLIP_RATIO = 0.3, 0.5, 1.6
# The detector sees the picture with its longer side at most this (a multiple of 32): a card filling the frame
# then prints the name and number about 25–30 px high, which it finds well; larger only costs time (the detector's
# work grows with the pixels). The recogniser reads each line from the full picture, not from this copy.
DETECT_MAX_SIDE = 960
# Where the caller knows where the card is (identity_match.py, from the printed face), the detector sees the
# card at this width: the same 25–30 px text as a card filling a 960 px picture, on about a third of the
# pixels.
CARD_DETECT_WIDTH = 640
MIN_REGION_PX = 6                     # shorter side of a region, in detector pixels: smaller is noise
REC_HEIGHT, REC_MIN_WIDTH = 48, 320   # the recogniser's input (rec_img_shape)
MIN_LINE_SCORE = 0.5                  # mean character confidence below which a line is not used

ID_NUMBER = re.compile(r"\d{17}[\dX]")
NAME_LABEL = "姓名"


@functools.cache
def _models():
    """(detector, recogniser, characters), loaded once. One thread: a Lambda function has about one core, and
    onnxruntime's thread pool only adds overhead there."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    folder = models_folder("rapidocr_onnxruntime", "rapidocr-onnxruntime")
    det = ort.InferenceSession(str(folder / "ch_PP-OCRv4_det_infer.onnx"), options,
                               providers=["CPUExecutionProvider"])
    rec = ort.InferenceSession(str(folder / "ch_PP-OCRv4_rec_infer.onnx"), options,
                               providers=["CPUExecutionProvider"])
    characters = rec.get_modelmeta().custom_metadata_map["character"].splitlines()
    return det, rec, ["", *characters, " "]           # CTC blank first; the model's last class is a space


def read_lines(picture: Image.Image, detect_side: int = DETECT_MAX_SIDE) -> list[dict]:
    """Every line of text found: {"text", "score", "box": (x0, y0, x1, y1) in the picture's pixels}, top to
    bottom, left to right."""
    lines = _Lines(picture, detect_side)
    return [line for line in map(lines.read, range(len(lines.boxes))) if line]


def read_card(picture: Image.Image, detect_side: int = DETECT_MAX_SIDE, max_lines: int | None = None) -> dict:
    """{"name", "id_number", "lines"} as printed on the card (None for a field not read; lines: the text of the
    lines read). The number is whatever 18 characters of the number's shape were read; whether its check digit
    holds is the caller's question.

    The recogniser is most of the time (one run per line), so lines are read in the order the two fields are
    likely found, top and bottom first (the name heads the card, the number ends it), until both are: three
    runs for a card read straight on instead of ten, and every line (or `max_lines`) when they are not found."""
    lines = _Lines(picture, detect_side)
    name = number = None
    count = len(lines.boxes)
    for i in (j // 2 if j % 2 == 0 else count - 1 - j // 2 for j in range(count)):
        if max_lines is not None and len(lines.seen) >= max_lines:
            break
        line = lines.read(i)
        if not line:
            continue
        text = _compact(line["text"])
        if number is None and (found := ID_NUMBER.search(text.upper())):
            number = found.group()
        if name is None and text.startswith(NAME_LABEL):
            name = text[len(NAME_LABEL):] or _beside(lines, i)
        if name and number:
            break
    return {"name": name, "id_number": number, "lines": [line["text"] for line in lines.done()]}


class _Lines:
    """The text boxes the detector finds in a picture, each recognised once, when first asked for."""

    def __init__(self, picture: Image.Image, detect_side: int):
        self.det, self.rec, self.characters = _models()
        self.rgb = picture.convert("RGB")
        self.boxes = sorted(_boxes(self.det, self.rgb, detect_side), key=lambda b: (round(b[1] / 8), b[0]))
        self.seen: dict[int, dict | None] = {}

    def read(self, i: int) -> dict | None:
        """{"text", "score", "box"} of box i, or None when nothing was read there with confidence."""
        if i not in self.seen:
            text, score = _recognise(self.rec, self.characters, self.rgb.crop(self.boxes[i]))
            self.seen[i] = ({"text": text, "score": round(score, 3), "box": self.boxes[i]}
                            if text and score >= MIN_LINE_SCORE else None)
        return self.seen[i]

    def done(self) -> list[dict]:
        return [line for i, line in sorted(self.seen.items()) if line]


def _boxes(det, rgb: Image.Image, detect_side: int) -> list[tuple[int, int, int, int]]:
    """The text regions in the picture's pixels: the detector runs on a copy whose longer side is at most
    `detect_side`; the recogniser will read each region from the picture itself."""
    scale = min(1.0, detect_side / max(rgb.size))
    w, h = (max(32, round(v * scale / 32) * 32) for v in rgb.size)
    small = np.asarray(rgb.resize((w, h), Image.Resampling.BILINEAR), dtype=np.float32)[..., ::-1]  # BGR, as trained
    tensor = ((small / 255.0 - 0.5) / 0.5).transpose(2, 0, 1)[None]
    prob = det.run(None, {det.get_inputs()[0].name: tensor.astype(np.float32)})[0][0, 0]
    fx, fy = rgb.width / w, rgb.height / h
    out = []
    for x0, y0, x1, y1 in _regions(prob):
        grow = (x1 - x0) * (y1 - y0) * UNCLIP_RATIO / (2 * ((x1 - x0) + (y1 - y0)))
        out.append((round(max(0, (x0 - grow) * fx)), round(max(0, (y0 - grow) * fy)),
                    round(min(rgb.width, (x1 + grow) * fx)), round(min(rgb.height, (y1 + grow) * fy))))
    return out


def _beside(lines: _Lines, label: int) -> str | None:
    """The name when the detector gave the 姓名 label a box of its own: the nearest box read to its right on the
    same line."""
    x0, top, _, bottom = lines.boxes[label]
    beside = sorted((b[0], i) for i, b in enumerate(lines.boxes)
                    if b[0] > x0 and min(bottom, b[3]) - max(top, b[1]) > 0.5 * (bottom - top))
    for _, i in beside:
        line = lines.read(i)
        if line:
            return _compact(line["text"])
    return None


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _recognise(rec, characters: list[str], crop: Image.Image) -> tuple[str, float]:
    if crop.width < 2 or crop.height < 2:
        return "", 0.0
    width = max(1, math.ceil(REC_HEIGHT * crop.width / crop.height))
    pixels = np.asarray(crop.resize((width, REC_HEIGHT), Image.Resampling.BILINEAR), dtype=np.float32)[..., ::-1]
    tensor = np.zeros((1, 3, REC_HEIGHT, max(width, REC_MIN_WIDTH)), np.float32)
    tensor[0, :, :, :width] = ((pixels / 255.0 - 0.5) / 0.5).transpose(2, 0, 1)
    scores = rec.run(None, {rec.get_inputs()[0].name: tensor})[0][0]
    best, confidence = scores.argmax(axis=1), scores.max(axis=1)
    keep = (best != 0) & np.concatenate(([True], best[1:] != best[:-1]))   # CTC: drop blanks and repeats
    if not keep.any():
        return "", 0.0
    return "".join(characters[i] for i in best[keep] if i < len(characters)), float(confidence[keep].mean())


def _regions(prob: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes of the connected text regions, by a union-find over each row's runs of text pixels (rapidocr
    finds contours with OpenCV; runs need NumPy only and are few, a few per text line per row)."""
    binary = prob > THRESH
    binary[:-1] |= binary[1:]                       # rapidocr dilates by a 2 × 2 kernel
    binary[:, :-1] |= binary[:, 1:]
    parent: list[int] = []
    runs: list[tuple[int, int, int]] = []           # (row, start, end)
    previous: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for y, row in enumerate(binary):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.view(np.int8), [0]))))
        current = []
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            index = len(runs)
            runs.append((y, int(start), int(end)))
            parent.append(index)
            for other in previous:
                if runs[other][1] < end and start < runs[other][2]:
                    parent[root(other)] = root(index)
            current.append(index)
        previous = current
    boxes: dict[int, list[int]] = {}
    for index, (y, start, end) in enumerate(runs):
        box = boxes.setdefault(root(index), [start, y, end, y + 1])
        box[0], box[1], box[2], box[3] = min(box[0], start), min(box[1], y), max(box[2], end), max(box[3], y + 1)
    out = []
    for x0, y0, x1, y1 in boxes.values():
        if min(x1 - x0, y1 - y0) < MIN_REGION_PX:
            continue
        if float(prob[y0:y1, x0:x1][binary[y0:y1, x0:x1]].mean()) >= BOX_THRESH:
            out.append((x0, y0, x1, y1))
    return out
