"""Is this a real, plain PDF? Structure read as bytes only: nothing is rendered and no script can run.

A scanned certificate needs a header, a cross-reference pointer and an end marker. Anything that acts when the file
is opened or clicked (scripts, open actions, links, launching programs, other files) and encryption are refused: a
reviewer must be able to open the file safely. The keys are looked for in the raw bytes and in every stream as a
reader decodes it (pdf_filters.py: every standard filter, object streams), with #xx escapes in names undone.
"""
from __future__ import annotations

import re

from .pdf_filters import TooMuchToRead, decoded_streams, unescape_names

# What each key does, in the words the refusal uses (the key itself is named too, for the office's IT staff).
ACTIVE = {
    b"/JavaScript": "脚本", b"/JS": "脚本", b"/OpenAction": "打开文件时自动执行的操作",
    b"/AA": "自动执行的操作", b"/URI": "网址链接", b"/Launch": "启动其他程序", b"/GoToR": "跳转到其他文件",
    b"/GoToE": "跳转到嵌入的文件", b"/EmbeddedFiles": "嵌入的附件", b"/EmbeddedFile": "嵌入的附件",
    b"/FileAttachment": "附件", b"/RichMedia": "多媒体内容", b"/XFA": "动态表单", b"/SubmitForm": "提交表单",
    b"/ImportData": "导入数据",
}
_KEY = re.compile(rb"(" + b"|".join(re.escape(k) for k in sorted(ACTIVE, key=len, reverse=True))
                  + rb")(?![^\s/\[\]<>(){}%])")


# An open action that is a destination array ([3 0 R /FitH null]: which page to show, how large) runs nothing, and
# word processors and PDF libraries (LibreOffice, fpdf2, so our own forms) write one: it is not refused. An open
# action that is an action dictionary, or a reference to one, is.
_VIEW_ONLY = re.compile(rb"\s*\[")


def _active(blob: bytes) -> list[bytes]:
    blob = unescape_names(blob)
    return sorted({m.group(1) for m in _KEY.finditer(blob)
                   if not (m.group(1) == b"/OpenAction" and _VIEW_ONLY.match(blob, m.end()))})


def active_content(data: bytes) -> list[bytes]:
    """The active keys found in the file, raw or inside any decoded stream."""
    found = set(_active(data))
    for stream in decoded_streams(data):
        found.update(_active(stream))
    return sorted(found)


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
    try:
        keys = active_content(data)
    except TooMuchToRead:
        return [*problems, "PDF 压缩的内容解开后过大，无法检查是否安全"]
    if keys:
        what = "、".join(dict.fromkeys(ACTIVE[k] for k in keys))
        problems.append(f"PDF 含有{what}（{' '.join(k.decode() for k in keys)}），审核时打开可能不安全，不能接受")
    return problems
