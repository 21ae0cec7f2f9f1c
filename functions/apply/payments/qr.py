"""A QR code (ISO/IEC 18004) of a short text, drawn as a PNG: the pay page shows WeChat Pay's Native `code_url` for
the candidate's phone to scan. Byte mode, error correction level M, versions 1–10 (up to 213 bytes; a code_url is
about 40), the mask with the lowest penalty score. Written here because the lock holds no QR package (no qrcode,
segno); pure Python (zlib and struct only), so the apply function needs no image library.
"""
from __future__ import annotations

import base64
import struct
import zlib

# Level M, versions 1–10: (error-correction codewords per block, [(blocks, data codewords per block), ...]).
BLOCKS = {1: (10, [(1, 16)]), 2: (16, [(1, 28)]), 3: (26, [(1, 44)]), 4: (18, [(2, 32)]), 5: (24, [(2, 43)]),
          6: (16, [(4, 27)]), 7: (18, [(4, 31)]), 8: (22, [(2, 38), (2, 39)]), 9: (22, [(3, 36), (2, 37)]),
          10: (26, [(4, 43), (1, 44)])}
ALIGNMENT = {1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34], 7: [6, 22, 38], 8: [6, 24, 42],
             9: [6, 26, 46], 10: [6, 28, 50]}
LEVEL_M = 0b00
MASKS = [lambda r, c: (r + c) % 2 == 0, lambda r, c: r % 2 == 0, lambda r, c: c % 3 == 0,
         lambda r, c: (r + c) % 3 == 0, lambda r, c: (r // 2 + c // 3) % 2 == 0,
         lambda r, c: r * c % 2 + r * c % 3 == 0, lambda r, c: (r * c % 2 + r * c % 3) % 2 == 0,
         lambda r, c: ((r + c) % 2 + r * c % 3) % 2 == 0]

Matrix = list[list[bool]]

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
EXP, LOG = [0] * 512, [0] * 256
_x = 1
for _i in range(255):
    EXP[_i], LOG[_x] = _x, _i
    _x = (_x << 1) ^ (0x11D if _x & 0x80 else 0)
for _i in range(255, 512):
    EXP[_i] = EXP[_i - 255]


def _ec_codewords(data: list[int], count: int) -> list[int]:
    """Reed–Solomon remainder of `data` by the generator with roots α^0 … α^(count-1)."""
    generator = [1]
    for i in range(count):
        generator = [a ^ (EXP[LOG[b] + i] if b else 0) for a, b in zip(generator + [0], [0] + generator, strict=True)]
    remainder = list(data) + [0] * count
    for i in range(len(data)):
        factor = remainder[i]
        if factor:
            for j, g in enumerate(generator):
                if g:
                    remainder[i + j] ^= EXP[LOG[g] + LOG[factor]]
    return remainder[len(data):]


def _codewords(text: bytes) -> tuple[int, list[int]]:
    """The smallest version that holds `text`, and its final codeword sequence (data and EC, interleaved)."""
    for version, (_, groups) in BLOCKS.items():
        capacity = sum(n * k for n, k in groups)
        count_bits = 8 if version < 10 else 16
        if 4 + count_bits + 8 * len(text) <= capacity * 8:
            break
    else:
        raise ValueError(f"二维码内容过长：{len(text)} 字节")
    ec = BLOCKS[version][0]
    bits = [0, 1, 0, 0] + [(len(text) >> i) & 1 for i in reversed(range(count_bits))]
    bits += [(byte >> i) & 1 for byte in text for i in reversed(range(8))]
    bits += [0] * min(4, capacity * 8 - len(bits))
    bits += [0] * (-len(bits) % 8)
    data = [int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8)]
    data += [0xEC, 0x11] * ((capacity - len(data)) // 2) + [0xEC] * ((capacity - len(data)) % 2)
    blocks, at = [], 0
    for n, k in groups:
        for _ in range(n):
            blocks.append(data[at:at + k])
            at += k
    out = [b[i] for i in range(max(map(len, blocks))) for b in blocks if i < len(b)]
    ecs = [_ec_codewords(b, ec) for b in blocks]
    return version, out + [e[i] for i in range(ec) for e in ecs]


def _bch(value: int, generator: int, bits: int) -> int:
    remainder = value << bits
    for shift in reversed(range(generator.bit_length() - 1, remainder.bit_length())):
        if remainder >> shift & 1:
            remainder ^= generator << (shift - generator.bit_length() + 1)
    return value << bits | remainder


def _function_patterns(version: int) -> tuple[Matrix, Matrix]:
    """Modules and the mask of which are reserved (finders, timing, alignment, format and version areas)."""
    size = 17 + 4 * version
    dark = [[False] * size for _ in range(size)]
    used = [[False] * size for _ in range(size)]

    def put(r: int, c: int, on: bool) -> None:
        dark[r][c], used[r][c] = on, True
    for r0, c0 in ((0, 0), (0, size - 7), (size - 7, 0)):
        for r in range(-1, 8):
            for c in range(-1, 8):
                if 0 <= r0 + r < size and 0 <= c0 + c < size:
                    ring = max(abs(r - 3), abs(c - 3))
                    put(r0 + r, c0 + c, ring != 2 and ring != 4)
    for i in range(8, size - 8):
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    centres = ALIGNMENT[version]
    corners = {(centres[0], centres[0]), (centres[0], centres[-1]), (centres[-1], centres[0])} if centres else set()
    for r in centres:
        for c in centres:
            if (r, c) not in corners:                    # those three would sit on the finders
                for dr in range(-2, 3):
                    for dc in range(-2, 3):
                        put(r + dr, c + dc, max(abs(dr), abs(dc)) != 1)
    for i in range(9):                                   # format areas, written after masking
        used[8][i] = used[i][8] = True
        if i < 8:
            used[8][size - 1 - i] = used[size - 1 - i][8] = True
    put(size - 8, 8, True)                               # the dark module
    if version >= 7:
        info = _bch(version, 0x1F25, 12)
        for i in range(18):
            on = bool(info >> i & 1)
            put(size - 11 + i % 3, i // 3, on)
            put(i // 3, size - 11 + i % 3, on)
    return dark, used


def _format(dark: Matrix, mask: int) -> None:
    size = len(dark)
    info = _bch(LEVEL_M << 3 | mask, 0x537, 10) ^ 0x5412
    bit = [bool(info >> i & 1) for i in range(15)]
    for i in range(6):
        dark[i][8] = bit[i]
    dark[7][8], dark[8][8], dark[8][7] = bit[6], bit[7], bit[8]
    for i in range(9, 15):
        dark[8][14 - i] = bit[i]
    for i in range(8):
        dark[8][size - 1 - i] = bit[i]
    for i in range(8, 15):
        dark[size - 15 + i][8] = bit[i]


def _penalty(dark: Matrix) -> int:
    size, score = len(dark), 0
    lines = dark + [list(col) for col in zip(*dark, strict=True)]
    finder = ([True, False, True, True, True, False, True, False, False, False, False],
              [False, False, False, False, True, False, True, True, True, False, True])
    for line in lines:
        run = 1
        for i in range(1, size + 1):
            if i < size and line[i] == line[i - 1]:
                run += 1
                continue
            score += run - 2 if run >= 5 else 0
            run = 1
        for i in range(size - 10):
            if line[i:i + 11] in finder:
                score += 40
    for r in range(size - 1):
        for c in range(size - 1):
            if dark[r][c] == dark[r][c + 1] == dark[r + 1][c] == dark[r + 1][c + 1]:
                score += 3
    share = sum(map(sum, dark)) * 100 / (size * size)
    return score + int(abs(share - 50) // 5) * 10


def matrix(text: str, mask: int | None = None) -> Matrix:
    """The QR code of `text` (UTF-8) as rows of modules, True for dark; `mask` fixed or chosen by penalty."""
    version, codewords = _codewords(text.encode("utf-8"))
    base, used = _function_patterns(version)
    size = len(base)
    bits = [(cw >> i) & 1 for cw in codewords for i in reversed(range(8))]
    places, i = [], 0
    for right in range(size - 1, 0, -2):
        right = right - 1 if right <= 6 else right          # the vertical timing column is skipped
        upward = (right + 1) & 2 == 0
        for step in range(size):
            r = size - 1 - step if upward else step
            for c in (right, right - 1):
                if not used[r][c]:
                    places.append((r, c, bool(bits[i]) if i < len(bits) else False))
                    i += 1
    candidates = []
    for m in ([mask] if mask is not None else range(8)):
        dark = [row[:] for row in base]
        for r, c, on in places:
            dark[r][c] = on ^ MASKS[m](r, c)
        _format(dark, m)
        candidates.append((_penalty(dark), m, dark))
    return min(candidates, key=lambda t: (t[0], t[1]))[2]


def png(modules: Matrix, scale: int = 6, quiet: int = 4) -> bytes:
    """A black-on-white, 1-bit greyscale PNG of the modules with the standard 4-module quiet zone."""
    size = (len(modules) + 2 * quiet) * scale
    rows = []
    for r in range(size):
        mr = r // scale - quiet
        line = [not (0 <= mr < len(modules) and 0 <= c // scale - quiet < len(modules)
                     and modules[mr][c // scale - quiet]) for c in range(size)]
        packed = bytes(int("".join("1" if w else "0" for w in line[i:i + 8]).ljust(8, "0"), 2)
                       for i in range(0, size, 8))
        rows.append(b"\x00" + packed)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b""))


def data_url(text: str) -> str:
    """The QR code of `text` as a data: URL an <img> shows (the site's CSP allows data: images)."""
    return "data:image/png;base64," + base64.b64encode(png(matrix(text))).decode("ascii")
