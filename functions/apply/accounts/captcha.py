"""Image captchas on register, sign-in and reset: drawn with Pillow, checked on the server, single use, expiring.

The answer is kept only on the server; taking a captcha deletes it whatever the answer, so a solved image cannot
be replayed and a wrong guess costs a new image.
"""
from __future__ import annotations

import base64
import hmac
import io
import random
import secrets
from functools import lru_cache

from functions.common.errors import BadInput

from .store import TokenStore

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: characters people misread on a phone screen.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
LENGTH = 4
LIFETIME_SECONDS = 5 * 60
WIDTH, HEIGHT = 160, 56


@lru_cache(maxsize=1)
def _font():
    from PIL import ImageFont
    return ImageFont.load_default(size=34)   # Pillow's bundled font: nothing to ship, nothing to download


def draw(text: str, rng: random.Random) -> bytes:
    """A PNG of `text` with jittered, rotated letters over noise lines: readable for people, not for plain OCR."""
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (WIDTH, HEIGHT), (244, 246, 250))
    pen = ImageDraw.Draw(image)
    for _ in range(6):
        pen.line([(rng.randint(0, WIDTH), rng.randint(0, HEIGHT)) for _ in range(2)],
                 fill=tuple(rng.randint(120, 200) for _ in range(3)), width=2)
    step = (WIDTH - 16) // len(text)
    for i, char in enumerate(text):
        glyph = Image.new("RGBA", (48, 52), (0, 0, 0, 0))
        ink = (rng.randint(10, 80), rng.randint(20, 90), 120, 255)
        ImageDraw.Draw(glyph).text((8, 4), char, font=_font(), fill=ink)
        glyph = glyph.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC, expand=False)
        image.paste(glyph, (8 + i * step + rng.randint(-3, 3), rng.randint(-2, 6)), glyph)
    for _ in range(120):
        pen.point((rng.randrange(WIDTH), rng.randrange(HEIGHT)), fill=tuple(rng.randint(60, 180) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def issue(tokens: TokenStore, now: int) -> dict:
    """A new captcha: its id, the image as a data URL, and when it expires."""
    text = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    captcha_id = secrets.token_urlsafe(16)
    expires = now + LIFETIME_SECONDS
    tokens.put_captcha(captcha_id, text, expires)
    png = draw(text, random.Random(secrets.randbits(64)))
    return {"captcha_id": captcha_id, "image": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
            "expires_at": expires}


def take(tokens: TokenStore, captcha_id: str, answer: str, now: int) -> None:
    """Use up the captcha; refuse unless it exists, has not expired and `answer` matches (any letter case)."""
    well_formed = isinstance(captcha_id, str) and 8 <= len(captcha_id) <= 64
    expected = tokens.take_captcha(captcha_id, now) if well_formed else None
    if expected is None:
        raise BadInput("验证码已失效，请换一张重新输入", field="captcha", code_hint="CAPTCHA_EXPIRED")
    typed = (answer or "").strip().upper().encode()
    if not hmac.compare_digest(typed, expected.encode()):
        raise BadInput("验证码不正确，请看新图片重新输入", field="captcha", code_hint="CAPTCHA_WRONG")
