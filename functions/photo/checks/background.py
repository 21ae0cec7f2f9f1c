"""Background colour and evenness, the hair top, and added frames, measured on an upright RGB array.

The background is sampled where a portrait has nothing else: the band above the head and the two side bands
beside the head down to eye level (shoulders start below). Without a face, the top corners stand in.
"""
from __future__ import annotations

import numpy as np

WHITE_MIN = 235                 # white: every channel >= 235 (spec)
GREY_RANGE = (190, 234)         # light grey: neutral, between 190 and 234 (spec)
GREY_SPREAD = 12                # neutral: channels within 12 of each other (spec)
UNEVEN_BLOCK_DISTANCE = 28.0    # two background blocks further apart than this: gradient, shadow or object
UNEVEN_PIXEL_STD = 22.0         # texture or clutter inside the background
HAIR_DISTANCE = 40.0            # a pixel this far from the background colour belongs to the person
HAIR_ROW_SHARE = 0.12           # ... and a row with this share of such pixels is the top of the head
BORDER_MAX = 40                 # frames wider than this are not mistaken for margins of a cropped photo
LINE_STD = 10.0                 # a frame line is one flat colour
FRAME_JUMP = 30.0               # and differs from what is inside it


def background_regions(h: int, w: int, face=None) -> list[tuple[int, int, int, int]]:
    """(y0, y1, x0, x1) blocks that should be pure background."""
    if face is None:
        s = max(4, min(h, w) // 8)
        return [(0, s, 0, s), (0, s, w - s, w)]
    left, top = face.mesh[:, :2].min(axis=0)
    right = face.mesh[:, 0].max()
    width = right - left
    head_top = max(0, int(top - 0.55 * width))         # hair reaches about half a face width above the forehead
    eye_y = int(face.eye_mid[1])
    margin = int(0.35 * width)                          # hair and ears beside the cheeks
    blocks = []
    if head_top >= 6:
        band = max(3, head_top - 2)
        for x0 in range(0, w, max(1, w // 4)):
            blocks.append((0, band, x0, min(w, x0 + w // 4)))
    for x0, x1 in ((0, int(left) - margin), (int(right) + margin, w)):
        if x1 - x0 >= 6:
            blocks.append((0, max(6, eye_y // 2), max(0, x0), x1))
            blocks.append((max(6, eye_y // 2), max(12, eye_y), max(0, x0), x1))
    return blocks or background_regions(h, w, None)


def channels(pixels: np.ndarray) -> np.ndarray:
    """Pixels (..., 3) as a (3, n) float32 array: numpy reduces along a row ~10x faster than down a column of 3."""
    return np.ascontiguousarray(pixels.reshape(-1, 3).T, dtype=np.float32)


def measure_background(rgb: np.ndarray, face=None) -> dict:
    h, w, _ = rgb.shape
    means, spreads, pixels = [], [], []
    for y0, y1, x0, x1 in background_regions(h, w, face):
        block = channels(rgb[y0:y1, x0:x1])
        if block.shape[1]:
            means.append(block.mean(axis=1))
            spreads.append(block.std(axis=1).mean())
            pixels.append(block)
    means_arr = np.array(means)
    apart = means_arr[:, None, :] - means_arr[None, :, :]
    spread = float(np.sqrt((apart * apart).sum(axis=2)).max()) if len(means) else 0.0
    texture = float(np.sqrt(np.mean(np.square(spreads))))
    colour = np.median(np.concatenate(pixels, axis=1), axis=1)
    return {"rgb": [int(round(c)) for c in colour], "block_spread": round(spread, 1), "texture": round(texture, 1)}


def colour_name(rgb, allowed: tuple[str, ...], colours: dict) -> str | None:
    """The first allowed background name the colour satisfies, or None."""
    r, g, b = (float(c) for c in rgb)
    for name in allowed:
        if name == "white" and min(r, g, b) >= WHITE_MIN:
            return name
        if name == "light_grey" and max(r, g, b) - min(r, g, b) <= GREY_SPREAD \
                and GREY_RANGE[0] <= (r + g + b) / 3 <= GREY_RANGE[1]:
            return name
        if name in colours:
            centre, dist = colours[name]
            if np.linalg.norm(np.array([r, g, b]) - np.array(centre)) <= dist:
                return name
    return None


COLOUR_WORDS = {"light_blue": "浅蓝色", "white": "白色", "light_grey": "浅灰色"}


def colour_problem(rgb, allowed: tuple[str, ...], colours: dict) -> str:
    """Why a background is none of the allowed colours, in words a candidate can act on.

    Light blue is judged against the national standard's reference value, RGB(100,197,255), within the profile's
    distance (45 unless it says otherwise), as the spec says: 学信网 checks graduates' photos against that value, so
    a paler sky blue is refused here rather than at registration, months later. That paler blue, e.g.
    RGB(176,225,255), is what a phone makes of a light-blue wall when it brightens the picture, so the message
    says which way the colour is off and what to do about it."""
    words = f"背景颜色约为 RGB{tuple(int(c) for c in rgb)}，应为{'、'.join(COLOUR_WORDS.get(n, n) for n in allowed)}。"
    r, g, b = (float(c) for c in rgb)
    if "light_blue" not in allowed or "light_blue" not in colours or not (b >= g and b > r):
        return words
    centre, limit = colours["light_blue"]
    apart = float(np.linalg.norm(np.array([r, g, b]) - np.array(centre)))
    paler = r + g + b > sum(centre)
    how = "浅" if paler else "深"
    why = "光线过强或手机自动提亮" if paler else "光线不足"
    return (words + f"它比浅蓝色的参考值 RGB{tuple(centre)} {how}（相差 {apart:.0f}，允许 {limit:g} 以内），"
            f"常见于{why}。学信网按这个参考值核对毕业照片，颜色偏差大的可能在学历注册时被退回。")


def head_top(rgb: np.ndarray, face, bg_rgb) -> int | None:
    """First row from the top where the hair (anything not background) shows over the face's columns."""
    left, right = face.mesh[:, 0].min(), face.mesh[:, 0].max()
    x0, x1 = max(0, int(left)), min(rgb.shape[1], int(right) + 1)
    forehead = int(face.mesh[:, 1].min())
    if x1 - x0 < 4 or forehead <= 0:
        return 0
    strip = rgb[:forehead, x0:x1].astype(np.float32)
    apart = [strip[..., c] - np.float32(bg_rgb[c]) for c in range(3)]     # per channel: no reduction down 3 columns
    far = apart[0] * apart[0] + apart[1] * apart[1] + apart[2] * apart[2] > HAIR_DISTANCE ** 2
    rows = np.nonzero(far.mean(axis=1) >= HAIR_ROW_SHARE)[0]
    return int(rows[0]) if len(rows) else forehead


def border_width(rgb: np.ndarray) -> dict[str, int]:
    """Width of a flat frame on each side (0 if none): the lines from the edge inwards stay one flat colour, like
    the outermost, until the first that is not flat or jumps away from it."""
    h, w, _ = rgb.shape
    found = {}
    for side in ("top", "bottom", "left", "right"):
        limit = min(BORDER_MAX, (h if side in ("top", "bottom") else w) // 4)
        n = limit + 1                                         # the edge line and up to `limit` lines inside it
        lines = {"top": rgb[:n], "bottom": rgb[h - n:][::-1],
                 "left": rgb[:, :n].swapaxes(0, 1), "right": rgb[:, w - n:][:, ::-1].swapaxes(0, 1)}[side]
        flat = np.ascontiguousarray(lines.transpose(0, 2, 1), dtype=np.float32)     # (line, channel, pixel)
        means, stds = flat.mean(axis=2), flat.std(axis=2).max(axis=1)
        width = 0
        if stds[0] <= LINE_STD:
            jumps = np.sqrt(((means[1:] - means[0]) ** 2).sum(axis=1))
            ends = np.nonzero((stds[1:] > LINE_STD) | (jumps > FRAME_JUMP))[0]
            width = int(ends[0]) + 1 if len(ends) else 0
        found[side] = width
    return found


def frame(rgb: np.ndarray) -> dict | None:
    """A frame: flat lines of one colour on at least three sides, each ending in a jump to the picture."""
    widths = border_width(rgb)
    framed = {s: n for s, n in widths.items() if n > 0}
    if len(framed) < 3:
        return None
    h, w, _ = rgb.shape
    colours = [rgb[0].mean(axis=0) if s == "top" else rgb[h - 1].mean(axis=0) if s == "bottom"
               else rgb[:, 0].mean(axis=0) if s == "left" else rgb[:, w - 1].mean(axis=0) for s in framed]
    if max(np.linalg.norm(a - b) for a in colours for b in colours) > FRAME_JUMP:
        return None
    return {"widths": widths, "rgb": [int(c) for c in np.mean(colours, axis=0)]}
