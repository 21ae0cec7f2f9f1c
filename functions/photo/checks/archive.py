"""Is this a safe zip of scans (山西's old-plan course cards)? Read in memory only: nothing is extracted or run.

Checks every entry's name (no absolute paths, no `..`, no links), counts and declared sizes against the rule's
bounds before reading anything, then reads each entry with a running total, so neither a zip bomb nor a lying
header can make us inflate more than the bound.
"""
from __future__ import annotations

import io
import stat
import zipfile
import zlib

from functions.profiles.photo_rules import DocumentSpec

from .imagefile import sniff

MAX_RATIO = 200          # scans compress a little; a 200:1 entry is a bomb, not a photo of a card
CHUNK = 1 << 16


def _unsafe_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts
            or any(ord(c) < 32 for c in name))


def archive_problems(data: bytes, spec: DocumentSpec) -> tuple[list[str], dict]:
    """(Chinese problems, measured) for a zip upload; empty problems when it is acceptable."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return ["压缩包已损坏或不是 zip 格式"], {}
    files = [i for i in infos if not i.is_dir()]
    declared = sum(i.file_size for i in files)
    measured: dict = {"entries": len(files), "uncompressed_bytes": declared}
    problems = []
    if not files:
        problems.append("压缩包是空的")
    if len(infos) > spec.max_entries:
        problems.append(f"压缩包内文件太多（{len(infos)} 个，最多 {spec.max_entries} 个）")
    if declared > spec.max_uncompressed_bytes:
        problems.append(f"解压后总大小 {declared:,} 字节，超过上限 {spec.max_uncompressed_bytes:,} 字节")
    for info in infos:
        mode = info.external_attr >> 16
        if _unsafe_name(info.filename):
            problems.append(f"文件名含有不安全的路径：{info.filename!r}")
        elif stat.S_ISLNK(mode):
            problems.append(f"压缩包内不能有链接文件：{info.filename!r}")
        elif info.flag_bits & 0x1:
            problems.append(f"压缩包内的文件加了密码：{info.filename!r}")
        elif info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            problems.append(f"不支持的压缩方式：{info.filename!r}")
        elif not info.is_dir() and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            problems.append(f"文件压缩比异常（疑似压缩炸弹）：{info.filename!r}")
    if problems:
        return problems, measured
    total, kinds = 0, {}
    listing: list[dict] = []
    measured["listing"] = listing          # each entry, as staff see it listed beside the upload
    for info in files:
        head, size = b"", 0
        try:
            with zf.open(info) as entry:             # reads at most file_size; zipfile checks the CRC at the end
                while chunk := entry.read(CHUNK):
                    head = head or chunk[:16]
                    size += len(chunk)
                    total += len(chunk)
                    if total > spec.max_uncompressed_bytes:
                        return [f"解压后总大小超过上限 {spec.max_uncompressed_bytes:,} 字节"], measured
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError):
            problems.append(f"压缩包内的文件已损坏：{info.filename!r}")
            continue
        kind = sniff(head)
        kinds[info.filename] = kind
        listing.append({"name": info.filename, "bytes": size, "format": kind or "unknown"})
        if kind not in spec.entry_formats:
            allowed = "、".join(f.upper() for f in spec.entry_formats)
            problems.append(f"{info.filename!r} 不是 {allowed} 文件（实际是 {kind or '未知格式'}）")
    measured["formats"] = sorted({k or "unknown" for k in kinds.values()})
    return problems, measured
