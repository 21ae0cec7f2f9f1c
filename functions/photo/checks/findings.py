"""Finding codes with the Chinese message and the fix hint a candidate on a phone can follow.

A finding is a plain dict: {"code", "message", "hint", "measured", "expected"}. Messages say what is wrong with
the numbers; hints say what to do, in the words of 附件4 where it has them.
"""
from __future__ import annotations

from typing import Any

from functions.common.sizes import size_words

NEW_PHOTO = "请按要求重新拍摄一张照片（浅色纯色背景、正对镜头、双眼平视），不要用美图或镜像处理。"

TEXT: dict[str, tuple[str, str]] = {
    "UNREADABLE": ("文件无法打开：不是图片、文件不完整，或图片尺寸异常巨大。",
                   "请用手机相册或电脑重新导出原图（JPG 格式）后再上传，不要上传截图或压缩包。"),
    "FORMAT": ("文件格式不符合要求。",
               "请用手机相册“编辑/导出”或电脑自带的“画图”程序另存为要求的格式（如 .jpg），不要只改文件扩展名。"),
    "DIMENSIONS": ("图片像素尺寸不符合要求。",
                   "可以使用本系统的“自动调整”功能，或用修图软件裁剪为要求的宽×高像素。"),
    "DPI": ("图片分辨率（dpi）不符合要求。", "可以使用本系统的“自动调整”功能，它会把分辨率设为要求的数值。"),
    "COLOUR_MODE": ("图片不是 24 位彩色（RGB）图像：可能是黑白、CMYK 或带透明通道。",
                    "请上传彩色照片；用“画图”程序另存为 24 位 JPG 即可去掉透明通道。黑白照片需要重新拍摄彩色照片。"),
    "FILE_TOO_SMALL": ("文件太小，图像可能过度压缩。",
                       "可以使用本系统的“自动调整”功能；或用 Windows“照片”程序“调整图像大小”提高质量后保存为 jpg。"),
    "FILE_TOO_LARGE": ("文件太大。",
                       "可以使用本系统的“自动调整”功能；或用 Windows“照片”程序“调整图像大小”，压缩品质不低于 60。"),
    "QUALITY_TOO_LOW": ("JPEG 压缩品质过低，图像可能模糊有色块。",
                        "请从原图重新导出，压缩品质设为 60 以上；不要反复压缩同一张图片。"),
    "NO_FACE": ("没有检测到人脸关键点：人像太小、眼睛或耳朵被遮挡，或是自拍角度。",
                "请正对镜头重新拍摄，头部占画面中部，不要遮挡眼睛和耳朵；也可按要求的比例重新裁剪。"),
    "MULTIPLE_FACES": ("照片中检测到不止一张人脸。", "请单独拍摄本人照片，背景中不要有其他人或人像。"),
    "EYES_NOT_LEVEL": ("双眼不在同一水平线上（头部或相机倾斜）。",
                       "拍照时保持头部端正、手机竖直；轻微倾斜可以使用“自动调整”功能摆正。"),
    "EYES_TOO_HIGH": ("眼睛位置离上边沿太近。", "请在头顶上方多留一些背景后重新裁剪，或使用“自动调整”功能。"),
    "EYES_TOO_LOW": ("眼睛位置离上边沿太远。", "请减少头顶上方的背景后重新裁剪，或使用“自动调整”功能。"),
    "FACE_TOO_NARROW": ("脸部在照片中太小。", "请靠近一些拍摄，或裁剪时让脸部占更大比例；也可使用“自动调整”功能。"),
    "FACE_TOO_WIDE": ("脸部在照片中太大。", "请离远一些拍摄，或裁剪时多保留一些背景；也可使用“自动调整”功能。"),
    "HEAD_TOP_MARGIN": ("头顶到上边沿的距离不符合要求。", "请重新裁剪头顶上方的背景，或使用“自动调整”功能。"),
    "NOT_CENTRED": ("人像没有在照片中水平居中。", "请把人像放在画面正中重新裁剪，或使用“自动调整”功能。"),
    "HEAD_TURNED": ("头部没有正对镜头（左右转动），两耳不对称。", "请正对镜头、双眼平视重新拍摄。" ),
    "EYES_HIDDEN": ("眼睛被遮挡（墨镜、有色眼镜、反光、头发或其他遮挡物）。",
                    "请摘下有色眼镜，把头发拨开露出眉毛和眼睛，重新拍摄。"),
    "BACKGROUND_UNEVEN": ("背景不均匀：有渐变、阴影、其他人或物体。",
                          "请站在纯色墙面或背景布前、光线均匀处重新拍摄；不要用软件抠图换底。"),
    "BACKGROUND_COLOUR": ("背景颜色不符合要求。", "请在要求颜色的纯色背景前、光线均匀处重新拍摄，关闭美颜和自动增亮"
                                            "（本系统不会替换背景颜色）。"),
    "BORDER": ("照片四周有边框。", "请上传没有边框、文字和图案的原始照片；“自动调整”功能可以裁掉边框。"),
}

FIXABLE = {"FORMAT", "DIMENSIONS", "DPI", "FILE_TOO_SMALL", "FILE_TOO_LARGE", "QUALITY_TOO_LOW", "EYES_NOT_LEVEL",
           "EYES_TOO_HIGH", "EYES_TOO_LOW", "FACE_TOO_NARROW", "FACE_TOO_WIDE", "HEAD_TOP_MARGIN", "NOT_CENTRED",
           "BORDER"}


def finding(code: str, measured: Any, expected: Any, detail: str | None = None, hint: str | None = None) -> dict:
    """One finding; `detail` (with numbers) is appended to the standard message."""
    message, default_hint = TEXT[code]
    if detail:
        message = f"{message}{detail}"
    return {"code": code, "message": message, "hint": hint or default_hint, "measured": measured,
            "expected": expected}


def problems_in_words(codes: list[str]) -> str:
    """The problems' names as one sentence: “背景不均匀…物体；背景颜色不符合要求。” (not “。；”, nor codes)."""
    return "；".join(TEXT[c][0].rstrip("。") for c in codes) + "。"


def size_text(n: int) -> str:
    """Bytes as a candidate reads them: 38,912 字节（38 KB）, 5,129,216 字节（4.9 MB）, 512 字节."""
    return size_words(n) if n < 1024 else f"{n:,} 字节（{size_words(n)}）"


# The hints above without “自动调整”, for when no fix is offered that the candidate could take (a document, or a
# photo whose fix still needs a new one): a hint must not offer what the next line says cannot help.
BY_HAND = {
    "DIMENSIONS": "请用修图软件裁剪为要求的宽×高像素。",
    "DPI": "请用修图软件把分辨率设为要求的数值后另存。",
    "FILE_TOO_SMALL": "请用 Windows“照片”程序“调整图像大小”提高质量后保存为 jpg。",
    "FILE_TOO_LARGE": "请用 Windows“照片”程序“调整图像大小”，压缩品质不低于 60。",
    "EYES_NOT_LEVEL": "拍照时保持头部端正、手机竖直。",
    "EYES_TOO_HIGH": "请在头顶上方多留一些背景后重新裁剪。",
    "EYES_TOO_LOW": "请减少头顶上方的背景后重新裁剪。",
    "FACE_TOO_NARROW": "请靠近一些拍摄，或裁剪时让脸部占更大比例。",
    "FACE_TOO_WIDE": "请离远一些拍摄，或裁剪时多保留一些背景。",
    "HEAD_TOP_MARGIN": "请重新裁剪头顶上方的背景。",
    "NOT_CENTRED": "请把人像放在画面正中重新裁剪。",
    "BORDER": "请上传没有边框、文字和图案的原始照片。",
}


def by_hand(result: dict) -> dict:
    """The check's result with each standard hint that offers “自动调整” replaced by what to do without it."""
    findings = [{**f, "hint": BY_HAND[f["code"]]} if f["code"] in BY_HAND and "自动调整" in f["hint"] else f
                for f in result["findings"]]
    return {**result, "findings": findings}
