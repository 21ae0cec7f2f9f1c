"""Reading untrusted image bytes: the real format by content, a pixel limit before decoding, DPI and JPEG quality."""
from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow loads on the first decode: sniff and extension serve handlers that never decode
    from PIL import Image

# Hard ceiling whatever the rules say: beyond this the file is treated as a decompression bomb.
BOMB_PIXELS = 100_000_000

# IJG (libjpeg) standard luminance table, JPEG spec Annex K.1: quality 50 uses it unscaled.
IJG_LUMA = (16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
            14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
            49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99)


def sniff(data: bytes) -> str | None:
    """Real format by magic bytes (never the file name)."""
    head = data[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"BM"):
        return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
        return "heic" if head[8:12] != b"avif" else "avif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    return None


EXTENSION_FORMAT = {".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".png": "png", ".pdf": "pdf", ".zip": "zip"}


def disguised(ext: str, real: str | None) -> bool:
    """The name promises one format and the bytes are another (a PNG renamed .jpg): viewers would fail on it."""
    return real is not None and ext in EXTENSION_FORMAT and EXTENSION_FORMAT[ext] != real


def extension(filename: str) -> str:
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


class Unreadable(Exception):
    """The bytes are not a decodable image; the message is Chinese and says why.

    `pixels` is set when the header was fine but announced more pixels than allowed (not decoded)."""

    def __init__(self, message: str, pixels: tuple[int, int] | None = None):
        super().__init__(message)
        self.pixels = pixels


@dataclass
class Decoded:
    image: Image.Image        # decoded, EXIF rotation NOT applied (the check looks at the file as stored)
    format: str
    width: int
    height: int
    mode: str
    dpi: tuple[float, float] | None
    quality: int | None
    exif_orientation: int


def open_image(data: bytes, max_pixels: int, formats: tuple[str, ...] = ("JPEG", "PNG"),
               at_least: int | None = None) -> Decoded:
    """Decode with the pixel count checked from the header first, so a bomb is refused before any allocation.

    `at_least`: the caller needs the longer side only this long (1 when it needs no pixels at all). A JPEG is then
    decoded at 1/2, 1/4 or 1/8 of its size by libjpeg's DCT scaling, the largest step that keeps the longer side
    at least that long: for a 12 MP phone photo a quarter of the work, and the whole entropy-coded stream is still
    read, so a truncated or corrupt file is refused as before. width and height stay the file's own."""
    from PIL import Image
    limit = min(max_pixels, BOMB_PIXELS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=list(formats))
            w, h = im.size
            if w <= 0 or h <= 0 or w * h > limit:
                raise Unreadable(f"图片像素过多（{w}×{h}），超过 {limit:,} 像素的上限。", (w, h))
            if at_least is not None and im.format == "JPEG":
                factor = max(w, h) / max(1, at_least)
                im.draft(None, (max(1, math.ceil(w / factor)), max(1, math.ceil(h / factor))))
            im.load()
    except Unreadable:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Unreadable("图片像素过多，疑似压缩炸弹。") from None
    except Exception:   # Pillow raises many types (OSError, SyntaxError, ValueError...) for broken files
        raise Unreadable("图片文件已损坏或不完整，无法解码。") from None
    dpi = im.info.get("dpi")
    try:
        orientation = int(im.getexif().get(0x0112, 1) or 1)
    except Exception:
        orientation = 1
    return Decoded(im, (im.format or "").lower(), w, h, im.mode, (float(dpi[0]), float(dpi[1])) if dpi else None,
                   jpeg_quality(im), orientation)


def jpeg_quality(im: Image.Image) -> int | None:
    """IJG quality factor estimated from the luminance quantisation table (as ImageMagick's identify does).

    The encoder scaled the standard table by S% (S = 5000/q below 50, 200-2q above), so the ratio of the sums
    recovers S and hence q. Order of the table does not matter for a sum.
    """
    tables = getattr(im, "quantization", None)
    if not tables:
        return None
    luma = list(tables.get(0) or next(iter(tables.values())))
    if len(luma) != 64:
        return None
    scale = 100.0 * sum(luma) / sum(IJG_LUMA)
    quality = (200.0 - scale) / 2.0 if scale <= 100 else 5000.0 / scale
    return max(1, min(100, round(quality)))


def upright_rgb(im: Image.Image) -> Image.Image:
    """EXIF rotation applied and converted to RGB (alpha flattened on white) for measuring and fixing."""
    from PIL import Image, ImageOps
    im = ImageOps.exif_transpose(im)
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return im.convert("RGB")
