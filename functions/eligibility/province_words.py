"""Findings in the province's own words where its profile has them (the spec: "in the wording of the seed screens
where one exists"). The engine speaks for every province; a discontinued major is where provinces differ on what
the candidate does next (湖北's FAQ: 停考专业无法进行毕业证网上申报，请…直接到档案所在地现场办理).
"""
from __future__ import annotations

from functools import cache

from functions.profiles.loader import load_profile

from .engine.codes import Code


@cache
def discontinued_words(code: str) -> str | None:
    """What the stack's province tells a candidate of a discontinued major, if it says anything of its own."""
    return load_profile(code).data["application"]["discontinued_major"] if code else None


@cache
def no_substitution(code: str) -> str | None:
    """Why a 顶替 cannot be chosen here, where the province offers none (重庆: 课程免试 is filed with the 区县 ahead);
    None where it can."""
    data = load_profile(code).data if code else None
    if data and data["application"]["substitution"] == "none":
        return f"{data['province']}的毕业申请不办理课程顶替；课程免试请按规定向区县考试机构申请"
    return None


def in_province_words(result: dict, code: str) -> dict:
    """The engine's result with a discontinued major's finding in the province's words (the result itself when
    the province has none)."""
    words = discontinued_words(code)
    if not words or not any(f.get("code") == Code.MAJOR_DISCONTINUED for f in result["findings"]):
        return result
    return {**result, "findings": [{**f, "message": words} if f.get("code") == Code.MAJOR_DISCONTINUED else f
                                   for f in result["findings"]]}
