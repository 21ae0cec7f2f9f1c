"""What the picture shows: one frontal face with visible eyes where the bands say, on an even allowed background.

Works on the upright (EXIF-rotated) RGB picture, as a viewer shows it. Returns findings and measurements.
"""
from __future__ import annotations

import math

import numpy as np
from PIL import Image

from functions.profiles.photo_rules import PhotoSpec

from . import background as bg
from .face import CHEEKS, LEFT_EYE_CORNERS, NOSE_TIP, RIGHT_EYE_CORNERS, Face, find_faces
from .findings import finding

ANALYSIS_MAX_SIDE = 1280         # phone photos are measured on a reduced copy; numbers are scaled back
MAX_YAW_RATIO = 0.12             # nose off the cheek midpoint by 12% of face width: about 12 degrees of turn
EYE_MIN_CONTRAST = 40.0          # an open eye spans sclera to pupil; a bar or a lens is flat
EYE_MIN_BRIGHTNESS = 0.45        # brightest eye pixels under 45% of the skin: dark glasses
LUMA = np.array([0.299, 0.587, 0.114], np.float32)


def eye_centres(face: Face, hidden: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Iris centres; when the eyes are covered the iris model guesses, so use the mesh's eye corners instead."""
    if not hidden:
        return face.eyes
    return (face.mesh[list(LEFT_EYE_CORNERS), :2].mean(axis=0), face.mesh[list(RIGHT_EYE_CORNERS), :2].mean(axis=0))


def measure_face(face: Face, hidden: bool = False) -> dict:
    """Roll, cheek width and turn of a face, in the picture's own pixels."""
    (lx, ly), (rx, ry) = eye_centres(face, hidden)
    tilt = math.degrees(math.atan2(ry - ly, rx - lx))
    axis = np.array([rx - lx, ry - ly]) / max(1e-6, math.hypot(rx - lx, ry - ly))
    cl, cr = face.mesh[CHEEKS[0], :2], face.mesh[CHEEKS[1], :2]
    width = float(abs(np.dot(cr - cl, axis)))
    nose = float(np.dot(face.mesh[NOSE_TIP, :2] - cl, axis))
    return {"tilt_deg": round(tilt, 2), "face_width": round(width, 1),
            "face_centre_x": round(float((cl[0] + cr[0]) / 2), 1),
            "eye_y": round(float((ly + ry) / 2), 1), "yaw_ratio": round(nose / max(width, 1e-6) - 0.5, 3)}


def eyes_visible(rgb: np.ndarray, face: Face) -> dict:
    """Contrast inside each eye opening and its brightness against the cheek skin."""
    h, w = rgb.shape[:2]

    def grey(y0: int, y1: int, x0: int, x1: int) -> np.ndarray:     # only where it is looked at, not the picture
        return rgb[y0:y1, x0:x1].astype(np.float32) @ LUMA

    cheek = face.mesh[[50, 280, 205, 425], :2]             # cheek centres, below the eyes
    r = max(2, int(face.iris_radius))
    skin = np.concatenate([grey(max(0, int(y) - r), int(y) + r, max(0, int(x) - r), int(x) + r).ravel()
                           for x, y in cheek])
    skin_level = float(np.median(skin)) if skin.size else 128.0
    result = []
    for contour in face.eye_contours:
        x0, y0 = np.floor(contour.min(axis=0)).astype(int)
        x1, y1 = np.ceil(contour.max(axis=0)).astype(int)
        patch = grey(max(0, y0), min(h, y1 + 1), max(0, x0), min(w, x1 + 1))
        if patch.size < 4:
            result.append((0.0, 0.0))
            continue
        p5, p95 = np.percentile(patch, [5, 95])
        result.append((float(p95 - p5), float(p95) / max(skin_level, 1.0)))
    hidden = [c < EYE_MIN_CONTRAST or b < EYE_MIN_BRIGHTNESS for c, b in result]
    return {"eye_contrast": [round(c, 1) for c, _ in result], "eye_brightness": [round(b, 2) for _, b in result],
            "hidden": any(hidden)}


def _geometry_findings(spec: PhotoSpec, m: dict, width: int) -> list[dict]:
    g = spec.geometry
    out: list[dict] = []
    if g is None:
        return out
    if g.eyes_px:
        lo, hi = g.eyes_px
        if m["eye_y"] < lo:
            out.append(finding("EYES_TOO_HIGH", m["eye_y"], g.eyes_px,
                               f"眼睛距上边沿 {m['eye_y']:.0f} 像素，应在 {lo}–{hi} 像素。"))
        elif m["eye_y"] > hi:
            out.append(finding("EYES_TOO_LOW", m["eye_y"], g.eyes_px,
                               f"眼睛距上边沿 {m['eye_y']:.0f} 像素，应在 {lo}–{hi} 像素。"))
    if g.face_width_px:
        lo, hi = g.face_width_px
        text = f"脸部宽度（两脸颊之间）{m['face_width']:.0f} 像素，应在 {lo}–{hi} 像素。"
        if m["face_width"] < lo:
            out.append(finding("FACE_TOO_NARROW", m["face_width"], g.face_width_px, text))
        elif m["face_width"] > hi:
            out.append(finding("FACE_TOO_WIDE", m["face_width"], g.face_width_px, text))
    if g.head_top_px and m.get("head_top") is not None and not g.head_top_px[0] <= m["head_top"] <= g.head_top_px[1]:
        lo, hi = g.head_top_px
        out.append(finding("HEAD_TOP_MARGIN", m["head_top"], g.head_top_px,
                           f"头顶距上边沿 {m['head_top']} 像素，应在 {lo}–{hi} 像素。"))
    offset = m["face_centre_x"] - width / 2
    if abs(offset) > g.centre_tolerance_px:
        side = "右" if offset > 0 else "左"
        out.append(finding("NOT_CENTRED", round(offset, 1), [-g.centre_tolerance_px, g.centre_tolerance_px],
                           f"人像中心偏{side} {abs(offset):.0f} 像素，允许偏差 {g.centre_tolerance_px} 像素。"))
    return out


def check_content(picture: Image.Image, spec: PhotoSpec) -> tuple[list[dict], dict, Face | None]:
    """Findings about the face, background and frame of an upright RGB picture."""
    scale = 1.0
    if max(picture.size) > ANALYSIS_MAX_SIDE:
        scale = max(picture.size) / ANALYSIS_MAX_SIDE
        picture = picture.resize((round(picture.width / scale), round(picture.height / scale)), Image.Resampling.BOX)
    rgb = np.asarray(picture)
    faces = find_faces(picture)
    findings: list[dict] = []
    measured: dict = {"faces": len(faces)}
    face = faces[0] if len(faces) == 1 else None
    if not faces:
        findings.append(finding("NO_FACE", 0, 1))
    elif len(faces) > 1:
        findings.append(finding("MULTIPLE_FACES", len(faces), 1, f"检测到 {len(faces)} 张人脸。"))
    back = bg.measure_background(rgb, face)
    measured["background"] = back
    if face is not None:
        seen = eyes_visible(rgb, face)
        m = measure_face(face, seen["hidden"])
        m["head_top"] = bg.head_top(rgb, face, back["rgb"])
        m.update(seen)
        for key in ("face_width", "face_centre_x", "eye_y", "head_top"):
            m[key] = round(m[key] * scale, 1) if isinstance(m[key], float) else int(round(m[key] * scale))
        measured.update(m)
        # with the eyes covered every eye landmark is a guess: report EYES_HIDDEN, not a tilt nobody can see
        if not m["hidden"] and abs(m["tilt_deg"]) > spec.max_eye_tilt_deg:
            findings.append(finding(
                "EYES_NOT_LEVEL", m["tilt_deg"], spec.max_eye_tilt_deg,
                f"双眼连线倾斜 {abs(m['tilt_deg']):.1f} 度，允许 {spec.max_eye_tilt_deg:g} 度以内。"))
        if abs(m["yaw_ratio"]) > MAX_YAW_RATIO:
            findings.append(finding("HEAD_TURNED", m["yaw_ratio"], [-MAX_YAW_RATIO, MAX_YAW_RATIO]))
        if m["hidden"]:
            findings.append(finding("EYES_HIDDEN", {"contrast": m["eye_contrast"], "brightness": m["eye_brightness"]},
                                    {"contrast_min": EYE_MIN_CONTRAST, "brightness_min": EYE_MIN_BRIGHTNESS}))
        findings += _geometry_findings(spec, m, round(picture.width * scale))
    if back["block_spread"] > bg.UNEVEN_BLOCK_DISTANCE or back["texture"] > bg.UNEVEN_PIXEL_STD:
        findings.append(finding("BACKGROUND_UNEVEN", {"spread": back["block_spread"], "texture": back["texture"]},
                                {"spread_max": bg.UNEVEN_BLOCK_DISTANCE, "texture_max": bg.UNEVEN_PIXEL_STD}))
    name = bg.colour_name(back["rgb"], spec.backgrounds, spec.colours)
    measured["background_colour"] = name
    if name is None:
        findings.append(finding("BACKGROUND_COLOUR", back["rgb"], list(spec.backgrounds),
                                bg.colour_problem(back["rgb"], spec.backgrounds, spec.colours)))
    framed = bg.frame(rgb)
    if framed:
        measured["border"] = framed
        findings.append(finding("BORDER", framed["widths"], 0))
    return findings, measured, face
