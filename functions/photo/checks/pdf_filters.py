"""Every stream of a PDF as a reader would decode it, so nothing hides behind a filter: the standard filters a
reader applies to data it parses (Flate, LZW, ASCIIHex, ASCII85, RunLength), chained as the stream says, with the
PNG and TIFF predictors of /DecodeParms. Object streams (/ObjStm) are streams like any other, so the objects packed
in them are decoded too. Image-only codecs (DCT, JPX, CCITT, JBIG2) hold pixels, never objects: they are skipped.

The stream's dictionary is read from the bytes before the `stream` keyword back to the end of the previous object;
when that text names more than one filter chain, each is tried (a reader takes one, we look at all). Output is
bounded in total: past it the caller refuses the file rather than accept what it could not read.
"""
from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterator

MAX_DECODED = 64 * 1024 * 1024      # bytes decoded from all streams together before the file is refused
DICT_WINDOW = 64 * 1024             # how far back a stream's dictionary is looked for
ABBREVIATIONS = {b"Fl": b"FlateDecode", b"AHx": b"ASCIIHexDecode", b"A85": b"ASCII85Decode", b"LZW": b"LZWDecode",
                 b"RL": b"RunLengthDecode"}
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_NUMBER = {key: re.compile(rb"/" + key + rb"\s+(\d+)") for key in
           (b"Predictor", b"Columns", b"Colors", b"BitsPerComponent", b"EarlyChange")}
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_INDIRECT_TYPE = re.compile(rb"/Type\s+\d+\s+\d+\s+R")    # /Type 9 0 R could still say ObjStm
MAX_PREDICTED = 8 * 1024 * 1024     # a predictor is undone byte by byte: only data (object streams), never pixels


class TooMuchToRead(Exception):
    """The decoded streams pass MAX_DECODED: a decompression bomb, or a file too big to check."""


def unescape_names(data: bytes) -> bytes:
    """PDF names may spell letters as #xx (/J#61vaScript); undo that before looking for keywords."""
    return _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def decoded_streams(data: bytes, budget: int = MAX_DECODED) -> Iterator[bytes]:
    """The decoded content of every stream that a known filter chain decodes (raw streams are in `data` itself)."""
    for m in _STREAM.finditer(data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            end = len(data)
        head = _dictionary(data, m.start())
        if _IMAGE.search(head) and b"/ObjStm" not in head and not _INDIRECT_TYPE.search(head):
            continue                                 # pixels: a reader never parses them as objects
        params = {k.decode(): int(v.group(1)) for k, p in _NUMBER.items() if (v := p.search(head))}
        for chain in _chains(head):
            out = _apply(chain, data[m.end():end], params, budget)
            if out:
                budget -= len(out)
                if budget < 0:
                    raise TooMuchToRead
                yield out


def _dictionary(data: bytes, at: int) -> bytes:
    start = max(data.rfind(b"endobj", 0, at), data.rfind(b"endstream", 0, at), at - DICT_WINDOW, 0)
    return unescape_names(data[start:at])


def _chains(head: bytes) -> list[list[bytes]]:
    chains = []
    for m in _FILTER.finditer(head):
        names = [ABBREVIATIONS.get(n, n) for n in _NAME.findall(m.group(1))]
        if names and all(n in DECODERS for n in names):
            chains.append(names)
    if not chains and b"/Filter" in head:            # named indirectly (/Filter 9 0 R): try each decoder
        chains = [[name] for name in DECODERS]
    return chains


def _apply(chain: list[bytes], raw: bytes, params: dict[str, int], budget: int) -> bytes:
    out = raw
    for name in chain:
        out = DECODERS[name](out, params, budget)
        if len(out) > budget:
            raise TooMuchToRead
    return out


def _flate(raw: bytes, params: dict, budget: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(raw, budget + 1)
    except zlib.error:   # a reader shows what decoded before the damage; so do we (partial output kept)
        out = _partial_inflate(raw, budget)
    return _predicted(out, params)


def _partial_inflate(raw: bytes, budget: int) -> bytes:
    inflater, out = zlib.decompressobj(), b""
    for i in range(0, len(raw), 1024):
        try:
            out += inflater.decompress(raw[i:i + 1024], budget + 1 - len(out))
        except zlib.error:
            break
    return out


def _lzw(raw: bytes, params: dict, budget: int) -> bytes:
    early = params.get("EarlyChange", 1)
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    out, previous, bits, value, width = bytearray(), b"", 0, 0, 9
    for byte in raw:
        value, bits = (value << 8) | byte, bits + 8
        while bits >= width:
            bits -= width
            code = (value >> bits) & ((1 << width) - 1)
            if code == 256:
                table, previous, width = table[:258], b"", 9
                continue
            if code == 257:
                return _predicted(bytes(out), params)
            entry = table[code] if code < len(table) else previous + previous[:1]
            if previous and len(table) < 4096:          # 12-bit codes: a full table waits for a clear code
                table.append(previous + entry[:1])
            out += entry
            if len(out) > budget:
                return bytes(out)
            previous = entry
            if len(table) + early >= (1 << width) and width < 12:
                width += 1
    return _predicted(bytes(out), params)


def _ascii_hex(raw: bytes, params: dict, budget: int) -> bytes:
    digits = re.sub(rb"\s", b"", raw.split(b">", 1)[0])
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", digits)
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())


def _ascii85(raw: bytes, params: dict, budget: int) -> bytes:
    text = raw.strip()
    text = text[2:] if text.startswith(b"<~") else text
    text = text.split(b"~>", 1)[0]
    try:
        return base64.a85decode(text, ignorechars=b" \t\n\r\x0b\x0c\x00")
    except ValueError:
        return b""


def _run_length(raw: bytes, params: dict, budget: int) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw) and len(out) <= budget:
        n = raw[i]
        if n == 128:
            break
        if n < 128:
            out += raw[i + 1:i + 2 + n]
            i += n + 2
        else:
            out += raw[i + 1:i + 2] * (257 - n)
            i += 2
    return bytes(out)


def _predicted(data: bytes, params: dict) -> bytes:
    """Undo a PNG (10-15) or TIFF (2) predictor, as a reader would before parsing the bytes."""
    predictor = params.get("Predictor", 1)
    if predictor < 2:
        return data
    if len(data) > MAX_PREDICTED:
        raise TooMuchToRead
    pixel = max(1, params.get("Colors", 1) * params.get("BitsPerComponent", 8) // 8)
    row = max(1, (params.get("Columns", 1) * params.get("Colors", 1) * params.get("BitsPerComponent", 8) + 7) // 8)
    if predictor == 2:
        out = bytearray(data)
        for start in range(0, len(out), row):
            for i in range(start + pixel, min(start + row, len(out))):
                out[i] = (out[i] + out[i - pixel]) & 0xFF
        return bytes(out)
    out, above = bytearray(), bytearray(row)
    for start in range(0, len(data) - row, row + 1):
        kind, line = data[start], bytearray(data[start + 1:start + 1 + row])
        for i in range(len(line)):
            left = line[i - pixel] if i >= pixel else 0
            up, corner = above[i], (above[i - pixel] if i >= pixel else 0)
            line[i] = (line[i] + (0, left, up, (left + up) // 2, _paeth(left, up, corner))[kind % 5]) & 0xFF
        out += line
        above = line
    return bytes(out)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


DECODERS = {b"FlateDecode": _flate, b"LZWDecode": _lzw, b"ASCIIHexDecode": _ascii_hex, b"ASCII85Decode": _ascii85,
            b"RunLengthDecode": _run_length}
