"""check_document: ID card sides, holding-ID photo, diploma, 备案表, signature, course-card archive, appraisal, other.

The real format is read from the bytes; the rules of the document kind say which formats, extensions, sizes and
pixel counts are allowed. Findings have the same shape as the photo's.
"""
from __future__ import annotations

from functions.profiles.photo_rules import PhotoRules
from functions.profiles.vocabulary import DOCUMENT_KINDS, DOCUMENT_NAMES

from .archive import archive_problems
from .findings import finding, size_text
from .imagefile import BOMB_PIXELS, Unreadable, disguised, extension, open_image, sniff
from .pdf import pdf_problems

KIND_NAMES = DOCUMENT_NAMES
FORMAT_NAMES = {"jpeg": "JPG", "png": "PNG", "pdf": "PDF", "zip": "ZIP 压缩包"}


class DocumentNotTaken(ValueError):
    """The province's profile takes no upload of this kind."""


def check_document(kind: str, data: bytes, filename: str, rules: PhotoRules) -> dict:
    """{"ok", "findings", "measured"} for one uploaded document of `kind` under the province's rules."""
    if kind not in DOCUMENT_KINDS:
        raise DocumentNotTaken(f"未知的材料类型：{kind}（可选：{'、'.join(DOCUMENT_KINDS)}）")
    spec = rules.documents.get(kind)
    if spec is None:
        raise DocumentNotTaken(f"本省不需要上传“{KIND_NAMES[kind]}”。")
    real, ext = sniff(data), extension(filename)
    measured = {"kind": kind, "bytes": len(data), "extension": ext, "format": real}
    findings = []
    allowed = "、".join(FORMAT_NAMES[f] for f in spec.formats)
    if real not in spec.formats or ext not in spec.extensions or disguised(ext, real):
        actual = (f"文件实际是 {FORMAT_NAMES.get(real, real.upper())} 格式" if real
                  else "文件不是可识别的图片、PDF 或压缩包")
        parts = [actual] if real not in spec.formats or disguised(ext, real) else []
        parts += [f"扩展名是“{ext or '（无）'}”"] if ext not in spec.extensions or disguised(ext, real) else []
        findings.append(finding("FORMAT", {"format": real, "extension": ext},
                                {"formats": list(spec.formats), "extensions": list(spec.extensions)},
                                "，".join(parts)
                                + f"，{KIND_NAMES[kind]}要求 {allowed}（扩展名 {'、'.join(spec.extensions)}）。",
                                hint=f"请上传 {allowed} 文件；手机拍照后在相册里“导出/另存为”该格式，不要只改扩展名。"))
    if spec.min_bytes and len(data) < spec.min_bytes:
        findings.append(finding("FILE_TOO_SMALL", len(data), spec.min_bytes,
                                f"文件 {size_text(len(data))}，至少 {size_text(spec.min_bytes)}。"))
    if len(data) > spec.max_bytes:
        findings.append(finding("FILE_TOO_LARGE", len(data), spec.max_bytes,
                                f"文件 {size_text(len(data))}，最多 {size_text(spec.max_bytes)}。",
                                hint="请用手机相册的“编辑/调整大小”或电脑的“画图”程序缩小图片后再上传；"
                                     "PDF 可以降低扫描分辨率。"))
    if real not in spec.formats:
        if real is None:
            findings.append(finding("UNREADABLE", None, list(spec.formats), "文件内容无法识别。"))
        return {"ok": False, "findings": findings, "measured": measured}
    if real in ("jpeg", "png"):
        findings += _image_findings(data, real, spec, measured)
    elif real == "pdf":
        problems = pdf_problems(data)
        if problems:
            findings.append(finding("UNREADABLE", problems, "完整、未加密、不含脚本的 PDF",
                                    "PDF 有问题：" + "；".join(problems) + "。",
                                    hint="请用扫描软件或手机“扫描文稿”功能重新导出 PDF，不要加密码；"
                                         "或改为上传 JPG 图片。"))
    elif real == "zip":
        problems, seen = archive_problems(data, spec)
        measured.update(seen)
        if problems:
            findings.append(finding("UNREADABLE", problems, {"entry_formats": list(spec.entry_formats),
                                                             "max_entries": spec.max_entries,
                                                             "max_uncompressed_bytes": spec.max_uncompressed_bytes},
                                    "压缩包有问题：" + "；".join(problems[:5])
                                    + ("等。" if len(problems) > 5 else "。"),
                                    hint="请把扫描的 JPG/PDF 文件直接放进一个 zip 压缩包"
                                         "（不要有文件夹外的路径、密码或其他类型文件）。"))
    return {"ok": not findings, "findings": findings, "measured": measured}


def _image_findings(data: bytes, real: str, spec, measured: dict) -> list[dict]:
    try:
        # Only the header's numbers and whether the whole file decodes matter here: the smallest DCT scale.
        decoded = open_image(data, max(spec.max_pixels, 1), at_least=1)
    except Unreadable as e:
        # over the rule's pixel limit is a size problem the candidate can fix, not a broken file
        if e.pixels and e.pixels[0] * e.pixels[1] <= BOMB_PIXELS:
            return [finding("DIMENSIONS", list(e.pixels), spec.max_pixels, str(e),
                            hint="请把图片缩小（例如长边 2000 像素以内）后再上传。")]
        return [finding("UNREADABLE", real, list(spec.formats), str(e))]
    measured.update(width=decoded.width, height=decoded.height, mode=decoded.mode)
    if decoded.mode not in ("RGB", "L", "RGBA", "P", "LA"):
        return [finding("COLOUR_MODE", decoded.mode, "RGB", f"现为 {decoded.mode} 模式。")]
    return []
