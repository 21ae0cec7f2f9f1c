"""Typed text as the provinces take it, shared by every section's rules: control characters refused, invisible marks
dropped, spaces folded, full-width digits made ASCII, and 字 counted as the provinces count them. Pure.

How 字 are counted (`count_chars`): every character that is not whitespace counts one, whether 汉字, letter, digit
or punctuation (full- or half-width); spaces, full-width spaces and line breaks do not count. The page's live
counter must do the same (in JavaScript `[...text.replace(/\\s/g, "")].length`).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from functions.common.errors import BadInput
from functions.common.ids import phone_problem

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")   # zero-width marks pasted from other editors: dropped
# Half of a UTF-16 pair with no other half: JSON's \ud800 escape can carry one, and it is no character at all (it
# cannot be stored, printed on a form or sent back as UTF-8).
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def count_chars(text: str) -> int:
    """字 as the provinces count them: every non-whitespace character is one (see the module docstring)."""
    return sum(1 for ch in text if not ch.isspace())


def plain(value: object, field: str, label: str, *, lines: bool = False) -> str:
    """`value` as clean text: spaces folded (with `lines`, each paragraph trimmed and empty lines dropped)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadInput(f"{label}应为文字", field=field)
    if _LONE_SURROGATE.search(value):
        raise BadInput(f"{label}含有无法识别的字符，请删除后重新输入", field=field)
    if _CONTROL.search(value):
        raise BadInput(f"{label}含有不可见的控制字符，请删除后重新输入（可先粘贴到记事本再复制）", field=field)
    value = _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    if not lines:
        return " ".join(value.split())
    paragraphs = (" ".join(line.split()) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(p for p in paragraphs if p)


def bounded(value: object, field: str, label: str, max_chars: int, required: bool = True) -> str:
    """One line of text of at most `max_chars` 字, required unless said otherwise."""
    cleaned = plain(value, field, label)
    if not cleaned and required:
        raise BadInput(f"请填写{label}", field=field)
    if count_chars(cleaned) > max_chars:
        raise BadInput(f"{label}最多 {max_chars} 字，现有 {count_chars(cleaned)} 字", field=field)
    return cleaned


def digits(value: object, field: str, label: str) -> str:
    """Full-width digits typed with a Chinese input method become ASCII; spaces and hyphens go."""
    return re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", plain(value, field, label)))


def well_formed(value: Any, field: str, missing: str, problem: Callable[[Any], str | None]) -> str:
    """`value` when it is there and `problem` finds nothing wrong with it; else BadInput saying what is wrong (a
    value that is no text always has a problem)."""
    if not value:
        raise BadInput(missing, field=field)
    wrong = problem(value)
    if wrong:
        raise BadInput(wrong, field=field)
    return value


def phone(value: object, field: str = "phone") -> str:
    return well_formed(digits(value, field, "手机号"), field, "请填写手机号", phone_problem)


def postcode(value: object, field: str = "postcode") -> str:
    code = digits(value, field, "邮政编码")
    if code and not re.fullmatch(r"\d{6}", code):
        raise BadInput("邮政编码应为 6 位数字；不知道可以不填", field=field)
    return code
