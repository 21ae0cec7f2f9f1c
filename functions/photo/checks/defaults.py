"""The four provinces' photo and upload rules as plain data (the `photo:` and `documents:` keys of their profiles).

Sources are the seeds: 安徽 附件3 (the national 电子注册图像采集规范) and its upload note, 山西's 网上申请流程, 重庆's
毕业申请全流程, 湖北's FAQ. The profile files copy these; tests and `biye photo` use them directly.
"""
from __future__ import annotations

# "20KB至40KB": 20 KiB = 20,480 bytes is the larger lower bound and 40,000 bytes the smaller upper bound, so a file
# in 20,480..40,000 passes whichever reading 学信网 applies. 安徽 chooses that safe intersection.
NATIONAL_PHOTO = {
    "formats": ["jpeg"],
    "extensions": [".jpg"],
    "width": 480,
    "height": 640,
    "dpi": 300,
    "colour_mode": "RGB",
    "min_bytes": 20480,
    "max_bytes": 40000,
    "min_quality": 60,
    "backgrounds": ["light_blue", "white"],
    "geometry": {
        "head_top_px": [50, 110],
        "eyes_px": [200, 300],
        "face_width_px": [180, 300],
        "centre_tolerance_px": 24,
    },
    "max_eye_tilt_deg": 3,
}

FOUR_MB = 4 * 1024 * 1024          # "不得超过4M"
FIFTY_KB = 50 * 1024               # "不超过50K"
TWO_MB = 2 * 1024 * 1024           # "文件小于2M"

ANHUI = {
    "photo": NATIONAL_PHOTO,
    "documents": {
        kind: {"formats": ["jpeg", "pdf"], "extensions": [".jpg", ".jpeg", ".pdf"], "max_bytes": FOUR_MB}
        for kind in ("diploma", "filing_form", "appraisal", "other")
    },
}

SHANXI = {
    "photo": {
        "formats": ["png", "jpeg"],
        "extensions": [".png", ".jpg", ".jpeg"],
        "colour_mode": "RGB",
        "max_bytes": TWO_MB - 1,          # "小于2M": strictly less
        "backgrounds": ["light_blue", "white", "light_grey"],
        "max_eye_tilt_deg": 3,
    },
    "documents": {
        "id_front": {"formats": ["jpeg", "png"], "extensions": [".jpg", ".jpeg", ".png"], "max_bytes": TWO_MB - 1},
        "id_holding": {"formats": ["jpeg", "png"], "extensions": [".jpg", ".jpeg", ".png"], "max_bytes": TWO_MB - 1},
        "old_course_cards": {
            "formats": ["zip"], "extensions": [".zip"], "max_bytes": 20 * 1024 * 1024,
            "entry_formats": ["jpeg", "png", "pdf"], "max_entries": 100,
            "max_uncompressed_bytes": 100 * 1024 * 1024,
        },
    },
}

CHONGQING = {
    "photo": None,                        # the 主考学校 collects it; the seed names no online photo rules
    "documents": {
        kind: {"formats": ["jpeg"], "extensions": [".jpg", ".jpeg"], "max_bytes": FIFTY_KB, "max_pixels": 4_000_000}
        for kind in ("id_front", "id_back", "diploma", "filing_form", "signature", "other")
    },
}

HUBEI = {
    "photo": None,                        # the registration photo is used; changes go through a separate process
    "documents": {},
}

PROVINCES = {"安徽": ANHUI, "山西": SHANXI, "重庆": CHONGQING, "湖北": HUBEI}
ALIASES = {"anhui": "安徽", "ah": "安徽", "shanxi": "山西", "sx": "山西", "chongqing": "重庆", "cq": "重庆",
           "hubei": "湖北", "hb": "湖北"}


def province_profile(name: str) -> dict:
    """The rules of a province by Chinese name or pinyin (安徽, anhui); KeyError if unknown."""
    key = name.strip()
    key = ALIASES.get(key.lower(), key)
    return PROVINCES[key]
