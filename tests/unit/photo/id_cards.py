"""Synthetic ID-card pictures for the identity check, with real faces: portraits.py's astronaut (Eileen Collins,
public domain, NASA) and Grace Hopper (faces/grace_hopper.jpg, public domain, US Navy; the file matplotlib ships in
mpl-data/sample_data).

Not a real 居民身份证: a card-coloured rectangle of the card's proportions (85.6 × 54 mm) with the portrait where the
card has it (right side, about 26 × 32 mm) and the name, sex, birth, address and 公民身份号码 printed where the card
prints them, in Noto Sans CJK. Enough for the face detector, the face comparison and the text reader to see what
they see on a real card: one small printed face and black text on a flat light card.
"""
from __future__ import annotations

import functools
import io
from pathlib import Path

import numpy as np
import portraits as P
from PIL import Image, ImageDraw, ImageFilter, ImageFont

CARD_MM = (85.6, 54.0)
CARD_COLOUR = (232, 238, 240)
PRINT_COLOUR = (40, 40, 50)
PORTRAIT_BACKGROUND = (245, 245, 245)
TABLE = (120, 100, 80)
WALL = (205, 200, 190)
LABEL_COLOUR = (60, 110, 160)
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACES = Path(__file__).with_name("faces")
# Each test person: who is on the card, and what the card prints. The numbers are valid (check digit included).
ASTRONAUT = {"person": "astronaut", "name": "柯林斯", "id_number": "110101199003071233"}
HOPPER = {"person": "hopper", "name": "霍珀", "id_number": "11010519491231002X"}
# Grace Hopper in grace_hopper.jpg (512 × 600): iris centres and cheek-to-cheek width, for portraits.place.
HOPPER_EYES = ((222.9, 191.4), (306.1, 186.6))
HOPPER_CHEEK_WIDTH = 171.0


@functools.cache
def _portrait(person: str) -> Image.Image:
    if person == "hopper":
        return P.place(hopper(), bg=PORTRAIT_BACKGROUND, eyes=HOPPER_EYES, cheek_width=HOPPER_CHEEK_WIDTH)
    return P.place(P.astronaut_on(bg=PORTRAIT_BACKGROUND), bg=PORTRAIT_BACKGROUND)


@functools.cache
def hopper() -> Image.Image:
    return Image.open(FACES / "grace_hopper.jpg").convert("RGB")


def _font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), px, index=2)            # index 2: Simplified Chinese


def card(width: int = 856, who: dict = ASTRONAUT, **printed) -> Image.Image:
    """The portrait side of `who`'s card, `width` pixels wide; `printed` overrides the printed name or id_number
    (a card of somebody else, or a number misprinted)."""
    text = {**who, **printed}
    k = width / CARD_MM[0]
    img = Image.new("RGB", (width, round(CARD_MM[1] * k)), CARD_COLOUR)
    portrait = _portrait(who["person"]).resize((round(26 * k), round(32 * k)), Image.Resampling.LANCZOS)
    img.paste(portrait, (round(55 * k), round(9 * k)))
    draw = ImageDraw.Draw(img)
    label, value, number = _font(round(2.6 * k)), _font(round(3.4 * k)), _font(round(3.8 * k))

    def field(y: float, name: str, content: str, x: float = 8, at: float = 19) -> None:
        draw.text((round(x * k), round(y * k)), name, fill=LABEL_COLOUR, font=label)
        draw.text((round(at * k), round((y - 0.6) * k)), content, fill=PRINT_COLOUR, font=value)

    field(7, "姓  名", text["name"])
    field(14, "性  别", "女")
    field(14, "民  族", "汉", x=30, at=40)
    field(21, "出  生", "1990 年 3 月 7 日")
    field(28, "住  址", "北京市东城区东华门")
    draw.text((round(19 * k), round(32.5 * k)), "南池子大街 1 号", fill=PRINT_COLOUR, font=value)
    draw.text((round(6 * k), round(45.5 * k)), "公民身份号码", fill=LABEL_COLOUR, font=label)
    draw.text((round(28 * k), round(44.6 * k)), text["id_number"], fill=PRINT_COLOUR, font=number)
    return img


def card_photo(size=(1080, 1440), card_width: int = 900, who: dict = ASTRONAUT, **printed) -> Image.Image:
    """A phone photo of the card lying on a table, filling most of the frame."""
    out = Image.new("RGB", size, TABLE)
    c = card(card_width, who, **printed)
    out.paste(c, ((size[0] - c.width) // 2, (size[1] - c.height) // 2))
    return out


def two_cards() -> Image.Image:
    """Two cards in one picture (one's own and another person's): two faces on the portrait side. (Two cards of
    900 px, 650 px apart, left the detector finding one: the layout keeps this test about the check, not it.)"""
    out = Image.new("RGB", (1080, 1440), TABLE)
    out.paste(card(1000), (40, 100))
    out.paste(card(1000, HOPPER), (40, 800))
    return out


def blank_side() -> Image.Image:
    """A card without a portrait (as the 国徽面 has none): the bars only."""
    out = card_photo()
    ImageDraw.Draw(out).rectangle((590, 560, 1000, 880), fill=CARD_COLOUR)
    return out


def holding(size=(1080, 1440), face_width: float = 300, card_width: int = 420, with_card: bool = True,
            card_blur: float = 0, holder: dict = ASTRONAUT, card_of: dict | None = None) -> Image.Image:
    """`holder` in front of a wall holding a card's portrait side up beside the chin (their own unless `card_of`
    says whose; the card out of focus by `card_blur` px when the camera focused on the face)."""
    if holder["person"] == "hopper":
        out = P.place(hopper(), face_width=face_width, eye_y=520, size=size, dx=-170, bg=WALL, eyes=HOPPER_EYES,
                      cheek_width=HOPPER_CHEEK_WIDTH)
    else:
        out = P.place(P.astronaut_on(bg=WALL), face_width=face_width, eye_y=520, size=size, dx=-170, bg=WALL)
    if with_card:
        held = card(card_width, card_of or holder)
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
