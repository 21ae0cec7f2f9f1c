"""Is this a real, plain PDF? Structure read as bytes only: nothing is rendered and no script can run.

A scanned certificate needs a header, a cross-reference pointer and an end marker. Active content (JavaScript,
launch actions, embedded files) and encryption are refused: a reviewer must be able to open the file safely.
"""
from __future__ import annotations

import re
import zlib

MAX_INFLATE = 64 * 1024 * 1024     # bytes of compressed streams inflated to look for hidden active content
ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA", b"/SubmitForm")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n")


def _unescape_names(data: bytes) -> bytes:
    """PDF names may spell letters as #xx (/J#61vaScript); undo that before looking for keywords."""
    return _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def _inflated_streams(data: bytes):
    """Yield the inflated content of Flate streams, bounded in total so a stream bomb stops early."""
    budget = MAX_INFLATE
    for m in _STREAM.finditer(data):
        if budget <= 0:
            return
        end = data.find(b"endstream", m.end())
        if end < 0:
            return
        inflater = zlib.decompressobj()
        try:
            chunk = inflater.decompress(data[m.end():end], budget)
        except zlib.error:
            continue
        budget -= len(chunk)
        yield chunk


def _has_active(blob: bytes) -> bytes | None:
    blob = _unescape_names(blob)
    for key in ACTIVE:
        if re.search(re.escape(key) + rb"(?![A-Za-z])", blob):
            return key
    return None


def pdf_problems(data: bytes) -> list[str]:
    """Chinese descriptions of what is wrong; empty when the PDF looks sound."""
    problems = []
    if not re.match(rb"%PDF-\d\.\d", data[:16]):
        return ["文件开头不是 PDF 文件头"]
    tail = data[-2048:]
    if b"%%EOF" not in tail:
        problems.append("文件不完整（缺少 PDF 结束标记），可能上传中断")
    pointers = list(re.finditer(rb"startxref\s+(\d+)", tail))
    m = pointers[-1] if pointers else None
    if m is None:
        problems.append("缺少交叉引用表位置（startxref）")
    else:
        offset = int(m.group(1))
        target = data[offset:offset + 32] if offset < len(data) else b""
        if not (target.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", target)):
            problems.append("交叉引用表位置不正确，文件可能已损坏")
    if not re.search(rb"/Type\s*/Page[^s]", data) and not re.search(rb"/Type\s*/ObjStm", data):
        problems.append("没有找到任何页面")
    if re.search(rb"/Encrypt\b", data):
        problems.append("PDF 已加密或设置了密码，审核人员无法打开")
    key = _has_active(data) or next((k for k in map(_has_active, _inflated_streams(data)) if k), None)
    if key:
        problems.append(f"PDF 含有脚本、附件或自动操作（{key.decode()}），不能接受")
    return problems
