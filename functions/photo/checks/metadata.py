"""The metadata a stored picture must not carry: where and when it was taken, by which phone, its comments.

Segments are dropped without re-encoding, so the pixels, the JPEG quality, the size limits and the dpi are those
of the bytes checked (the check reads what this returns). What is kept, and why:

- JPEG APP0 JFIF: the density (dpi) the photo standard asks for; its thumbnail is emptied (a thumbnail can show
  the uncropped original). A JPEG whose dpi came only from EXIF gets a JFIF APP0 with the same dpi.
- EXIF orientation only (a fresh EXIF with that one tag, when it is not 1): which way up the picture is, nothing
  about the person, place, device or time; without it a phone picture would be shown and checked on its side.
- APP2 ICC_PROFILE: the colour space (a phone's Display P3 looks washed out without it); a device colour
  description, nothing about the person. APP14 Adobe: how the colour channels are coded (dropping it changes
  the colours decoded).
- PNG: the image and colour chunks and pHYs (dpi); text (tEXt/zTXt/iTXt), eXIf and tIME are dropped.
Everything else (EXIF with GPS and maker notes, XMP, MPF's hidden second pictures, comments, bytes after the end
of the image) is dropped. Pure: bytes in, bytes out.
"""
from __future__ import annotations

import io
import struct
import zlib

from .findings import finding, size_text
from .imagefile import Unreadable, sniff

_JFIF, _EXIF, _ICC, _ADOBE = b"JFIF\x00", b"Exif\x00\x00", b"ICC_PROFILE\x00", b"Adobe"
_SOS, _EOI, _APP0, _APP1, _APP2, _APP14, _COM = 0xDA, 0xD9, 0xE0, 0xE1, 0xE2, 0xEE, 0xFE
_STANDALONE = {0x01, *range(0xD0, 0xD8)}           # TEM and the restart markers carry no length
PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
BROKEN = "图片文件结构不完整，无法安全保存，请重新导出后上传。"


def without_metadata(data: bytes) -> bytes:
    """The picture as it will be stored; anything that is not a JPEG or PNG is returned as it is."""
    kind = sniff(data)
    if kind == "jpeg":
        return _jpeg(data)
    if kind == "png":
        return _png(data)
    return data


def _segments(data: bytes):
    """(marker, payload) of every marker segment; a scan comes as (SOS, its whole bytes with the entropy-coded
    data), and nothing after the end-of-image marker is read."""
    i = 2
    while True:
        if i >= len(data) or data[i] != 0xFF:
            raise Unreadable(BROKEN)
        while i < len(data) and data[i] == 0xFF:     # fill bytes
            i += 1
        if i >= len(data):
            raise Unreadable(BROKEN)
        marker, start = data[i], i - 1
        i += 1
        if marker in _STANDALONE or marker == _EOI:
            yield marker, b""
            if marker == _EOI:
                return
            continue
        if i + 2 > len(data):
            raise Unreadable(BROKEN)
        length = struct.unpack(">H", data[i:i + 2])[0]
        if length < 2 or i + length > len(data):
            raise Unreadable(BROKEN)
        if marker == _SOS:
            i = _scan_end(data, i + length)          # entropy-coded data runs to the next real marker
            yield marker, data[start:i]
            continue
        yield marker, data[i + 2:i + length]
        i += length


def _scan_end(data: bytes, i: int) -> int:
    while True:
        i = data.find(b"\xff", i)
        if i < 0 or i + 1 >= len(data):
            raise Unreadable(BROKEN)
        nxt = data[i + 1]
        if nxt == 0x00 or 0xD0 <= nxt <= 0xD7:       # a stuffed 0xFF or a restart marker: still the scan
            i += 2
        elif nxt == 0xFF:
            i += 1
        else:
            return i


def _segment(marker: int, payload: bytes) -> bytes:
    if marker in _STANDALONE or marker == _EOI:
        return bytes([0xFF, marker])
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _jfif(dpi: tuple[float, float]) -> bytes:
    """A JFIF 1.02 APP0 giving `dpi` in dots per inch and no thumbnail."""
    return _segment(_APP0, _JFIF + b"\x01\x02\x01" + struct.pack(">HH", *(max(1, round(v)) for v in dpi))
                    + b"\x00\x00")


def _jpeg(data: bytes) -> bytes:
    from PIL import Image
    segments = list(_segments(data))
    try:
        info = Image.open(io.BytesIO(data)).info
    except Exception:   # Pillow raises many types for a broken header; what matters is that it is broken
        raise Unreadable(BROKEN) from None
    # Pillow (and the dpi check) reads the dpi from EXIF when JFIF gives none in inches or centimetres.
    exif_dpi = info.get("dpi") if info.get("jfif_unit") not in (1, 2) else None
    head, body, orientation = [b"\xff\xd8"], [], 1
    for marker, payload in segments:
        if marker == _APP0 and payload.startswith(_JFIF) and len(payload) >= 14 and len(head) == 1:
            head.append(_jfif(exif_dpi) if exif_dpi else _segment(marker, payload[:12] + b"\x00\x00"))
        elif marker == _APP1 and payload.startswith(_EXIF):
            orientation = orientation if orientation != 1 else _orientation(payload)
        elif (marker == _APP2 and payload.startswith(_ICC)) or (marker == _APP14 and payload.startswith(_ADOBE)):
            body.append(_segment(marker, payload))
        elif 0xE0 <= marker <= 0xEF or marker == _COM:
            continue                                  # EXIF, XMP, MPF, maker segments, comments
        elif marker == _SOS:
            body.append(payload)
        else:
            body.append(_segment(marker, payload))
    if exif_dpi and len(head) == 1:
        head.append(_jfif(exif_dpi))
    if orientation != 1:
        exif = Image.Exif()
        exif[0x0112] = orientation
        head.append(_segment(_APP1, exif.tobytes()))
    return b"".join(head + body)


def _orientation(payload: bytes) -> int:
    from PIL import Image
    exif = Image.Exif()
    try:
        exif.load(payload)
        value = int(exif.get(0x0112, 1) or 1)
    except Exception:   # a broken EXIF block says nothing reliable about orientation
        return 1
    return value if 1 <= value <= 8 else 1


def _png(data: bytes) -> bytes:
    out, i = [data[:8]], 8
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        end = i + 12 + length
        if end > len(data):
            raise Unreadable(BROKEN)
        chunk = data[i:end]
        if struct.unpack(">I", chunk[-4:])[0] != zlib.crc32(chunk[4:-4]):
            raise Unreadable(BROKEN)
        if kind not in PNG_DROPPED:
            out.append(chunk)
        i = end
        if kind == b"IEND":
            return b"".join(out)
    raise Unreadable(BROKEN)


def stored_form(data: bytes, archive: bool = False) -> tuple[bytes, dict | None]:
    """The bytes to check and store, and a failed result when their structure cannot be walked safely. `archive`:
    the pictures inside a zip that already passed its check."""
    try:
        return (archive_without_metadata(data) if archive else without_metadata(data)), None
    except Unreadable as err:
        return data, {"ok": False, "findings": [finding("UNREADABLE", sniff(data), None, str(err))],
                      "measured": {"bytes": len(data), "format": sniff(data)}}


def noted(result: dict, uploaded: int) -> dict:
    """The check of the stored bytes, saying how much metadata came off when that made the file too small."""
    stored = result["measured"].get("bytes", uploaded)
    if stored == uploaded:
        return result
    result["measured"]["uploaded_bytes"] = uploaded
    for f in result["findings"]:
        if f["code"] == "FILE_TOO_SMALL":
            f["message"] += (f"（上传的文件 {size_text(uploaded)}，去除拍摄地点、相机型号等附带信息后为 "
                             f"{size_text(stored)}）")
    return result


def archive_without_metadata(data: bytes) -> bytes:
    """A zip of scans with each picture in it stripped as above, names, dates and order kept. Only for an archive
    that passed its check (archive.py bounds what reading it costs); the caller checks the result again."""
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as rebuilt:
        for info in source.infolist():
            body = source.read(info) if not info.is_dir() else b""
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type, entry.external_attr = info.compress_type, info.external_attr
            rebuilt.writestr(entry, without_metadata(body) if sniff(body[:16]) in ("jpeg", "png") else body)
    return out.getvalue()
