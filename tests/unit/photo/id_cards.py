"""Synthetic ID-card pictures for the identity check, built from portraits.py's astronaut (public domain, NASA).

Not a real 居民身份证: a card-coloured rectangle of the card's proportions (85.6 × 54 mm) with the portrait where the
card has it (right side, about 26 × 32 mm) and dark bars where the name, address and number are printed. Enough for
the face detector to see what it sees on a real card: one small printed face on a flat light card.
"""
from __future__ import annotations

import functools
import io

import numpy as np
import portraits as P
from PIL import Image, ImageDraw, ImageFilter

CARD_MM = (85.6, 54.0)
CARD_COLOUR = (232, 238, 240)
PRINT_COLOUR = (40, 40, 50)
PORTRAIT_BACKGROUND = (245, 245, 245)
TABLE = (120, 100, 80)
WALL = (205, 200, 190)
# (x, y, length) in mm: 姓名, 性别/民族, 出生, 住址 (two lines), 公民身份号码
TEXT_LINES = ((8, 8, 20), (8, 15, 12), (8, 22, 30), (8, 29, 38), (8, 33, 30), (8, 45, 60))


@functools.cache
def _portrait() -> Image.Image:
    return P.place(P.astronaut_on(bg=PORTRAIT_BACKGROUND), bg=PORTRAIT_BACKGROUND)


def card(width: int = 856) -> Image.Image:
    """The portrait side of a card, `width` pixels wide."""
    k = width / CARD_MM[0]
    img = Image.new("RGB", (width, round(CARD_MM[1] * k)), CARD_COLOUR)
    portrait = _portrait().resize((round(26 * k), round(32 * k)), Image.Resampling.LANCZOS)
    img.paste(portrait, (round(55 * k), round(9 * k)))
    draw = ImageDraw.Draw(img)
    for x, y, length in TEXT_LINES:
        draw.rectangle((round(x * k), round(y * k), round((x + length) * k), round((y + 2.2) * k)), fill=PRINT_COLOUR)
    return img


def card_photo(size=(1080, 1440), card_width: int = 900) -> Image.Image:
    """A phone photo of the card lying on a table, filling most of the frame."""
    out = Image.new("RGB", size, TABLE)
    c = card(card_width)
    out.paste(c, ((size[0] - c.width) // 2, (size[1] - c.height) // 2))
    return out


def two_cards() -> Image.Image:
    """Two cards in one picture: two faces on the portrait side."""
    out = Image.new("RGB", (1080, 1440), TABLE)
    out.paste(card(900), (90, 150))
    out.paste(card(900), (90, 800))
    return out


def blank_side() -> Image.Image:
    """A card without a portrait (as the 国徽面 has none): the bars only."""
    out = card_photo()
    ImageDraw.Draw(out).rectangle((590, 560, 1000, 880), fill=CARD_COLOUR)
    return out


def holding(size=(1080, 1440), face_width: float = 300, card_width: int = 420, with_card: bool = True,
            card_blur: float = 0) -> Image.Image:
    """The candidate in front of a wall holding the card's portrait side up beside the chin (the card out of
    focus by `card_blur` px when the camera focused on the face)."""
    out = P.place(P.astronaut_on(bg=WALL), face_width=face_width, eye_y=520, size=size, dx=-170, bg=WALL)
    if with_card:
        held = card(card_width)
        if card_blur:
            held = held.filter(ImageFilter.GaussianBlur(card_blur))
        out.paste(held, (size[0] - card_width - 50, 880))
    return out


def blurred(img: Image.Image, radius: float = 6) -> Image.Image:
    return img.filter(ImageFilter.GaussianBlur(radius))


def darkened(img: Image.Image, factor: float = 0.15) -> Image.Image:
    return img.point(lambda v: int(v * factor))


def noisy(img: Image.Image, sigma: float = 6.0) -> Image.Image:
    """Sensor noise: what makes a phone's PNG large."""
    rng = np.random.default_rng(0)
    arr = np.asarray(img, dtype=np.float32) + rng.normal(0, sigma, (img.height, img.width, 3))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def jpeg(img: Image.Image, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()
