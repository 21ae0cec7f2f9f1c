"""The pay page's QR code (payments/qr.py): module for module the symbol an independent encoder makes (Nayuki's
QR Code generator, level M, byte mode: its output for three texts is kept in qr_reference.json, versions 3, 7 and
10), readable back from the PNG the page shows, and decodable: format information, unmasking, block interleaving
and Reed–Solomon check read here as a scanner reads them."""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from functions.apply.payments import qr

REFERENCE = json.loads((Path(__file__).parent / "qr_reference.json").read_text(encoding="utf-8"))


def rows(modules) -> list[str]:
    return ["".join("#" if m else "." for m in row) for row in modules]


@pytest.mark.parametrize("case", REFERENCE, ids=lambda c: f"version{c['version']}")
def test_each_module_is_where_an_independent_encoder_puts_it(case):
    assert rows(qr.matrix(case["text"], mask=case["mask"])) == case["rows"]


def format_mask(modules) -> int:
    """The mask pattern from the format information beside the top-left finder (level M expected)."""
    bits = [modules[i][8] for i in range(6)] + [modules[7][8], modules[8][8], modules[8][7]] + \
        [modules[8][14 - i] for i in range(9, 15)]
    value = sum(b << i for i, b in enumerate(bits)) ^ 0x5412
    assert value >> 13 == 0b00, "error correction level is not M"
    return value >> 10 & 7


def syndromes_zero(block: list[int], ec: int) -> bool:
    """A Reed–Solomon block is a codeword when its polynomial vanishes at α^0 … α^(ec-1) (Horner's rule)."""
    for i in range(ec):
        acc = 0
        for byte in block:
            acc = (qr.EXP[qr.LOG[acc] + i] if acc else 0) ^ byte
        if acc:
            return False
    return True


def decode(modules) -> str:
    """Read the symbol back: unmask with the mask its format information names, collect the codewords in the
    zigzag order, de-interleave the blocks, check each with its error-correction codewords, parse byte mode."""
    size, version = len(modules), (len(modules) - 17) // 4
    mask = qr.MASKS[format_mask(modules)]
    _, reserved = qr._function_patterns(version)
    bits = []
    for right in range(size - 1, 0, -2):
        right -= right <= 6
        for step in range(size):
            r = size - 1 - step if (right + 1) & 2 == 0 else step
            for c in (right, right - 1):
                if not reserved[r][c]:
                    bits.append(modules[r][c] ^ mask(r, c))
    words = [int("".join("1" if b else "0" for b in bits[i:i + 8]), 2) for i in range(0, len(bits) - 7, 8)]
    ec, groups = qr.BLOCKS[version]
    sizes = [k for n, k in groups for _ in range(n)]
    data: list[list[int]] = [[] for _ in sizes]
    at = 0
    for i in range(max(sizes)):
        for b, k in enumerate(sizes):
            if i < k:
                data[b].append(words[at])
                at += 1
    for _ in range(ec):
        for b in range(len(sizes)):
            data[b].append(words[at])
            at += 1
    for b, block in enumerate(data):
        assert syndromes_zero(block, ec), f"block {b} fails its Reed–Solomon check"
    stream = "".join(f"{w:08b}" for b, block in enumerate(data) for w in block[:sizes[b]])
    assert stream[:4] == "0100", "not byte mode"
    count_bits = 8 if version < 10 else 16
    length = int(stream[4:4 + count_bits], 2)
    body = stream[4 + count_bits:4 + count_bits + 8 * length]
    return bytes(int(body[i:i + 8], 2) for i in range(0, len(body), 8)).decode("utf-8")


@pytest.mark.parametrize("text", ["weixin://wxpay/bizpayurl?pr=2kQmZ1Lzz", "weixin://wxpay/bizpayurl?pr=" + "x" * 80,
                                  "缴费" * 30, "y" * 213])
def test_the_code_reads_back_as_the_text(text):
    assert decode(qr.matrix(text)) == text


def test_the_png_shows_the_modules_with_a_quiet_zone():
    modules = qr.matrix("weixin://wxpay/bizpayurl?pr=2kQmZ1Lzz")
    url = qr.data_url("weixin://wxpay/bizpayurl?pr=2kQmZ1Lzz")
    assert url.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("L")
    scale, quiet = 6, 4
    assert image.size == ((len(modules) + 2 * quiet) * scale,) * 2
    read = [[image.getpixel(((c + quiet) * scale + scale // 2, (r + quiet) * scale + scale // 2)) == 0
             for c in range(len(modules))] for r in range(len(modules))]
    assert read == modules
    assert all(image.getpixel((x, y)) == 255 for x in range(quiet * scale) for y in range(0, image.size[1], 7))


def test_a_text_too_long_for_version_10_is_refused():
    with pytest.raises(ValueError, match="二维码内容过长"):
        qr.matrix("z" * 214)
