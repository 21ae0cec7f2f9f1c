"""Who a record belongs to: 准考证号 (an old 8-digit one through the import's 准考证号对照), 姓名, 身份证号 and the
office, checked the way the portal checks them. The engine reads everything else of the record."""
from __future__ import annotations

import re

from functions.common.ids import exam_no_problem, id_number_problem
from functions.eligibility.engine.values import text

IDENTITY = ("exam_no", "name", "id_number", "office")
OLD_EXAM_NO = re.compile(r"\d{8}")
EXAM_NO_EXPECTED = "12 位数字的准考证号"
OLD_EXPECTED = "12 位准考证号（8 位旧准考证号须在本次导入的「准考证号对照」表中有对应的新准考证号）"


def _digits(value) -> str:
    """Cell text of a number Excel may have stored as a number (420120000001.0 → "420120000001")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text(value) if not isinstance(value, bool) else ""


def exam_number(value, renumbered: dict[str, str]) -> tuple[str | None, str | None]:
    """(the 12-digit 准考证号, None) or (None, what was expected)."""
    if type(value) is str and len(value) == 12 and value.isascii() and value.isdigit():
        return value, None  # the usual case, settled without normalising
    found = _digits(value)
    if found in renumbered:
        return renumbered[found], None
    if exam_no_problem(found) is None:
        return found, None
    return None, OLD_EXPECTED if OLD_EXAM_NO.fullmatch(found) else EXAM_NO_EXPECTED


def identity_problems(entry: dict, offices: dict[str, str] | None) -> tuple[dict, list[tuple[str, str]]]:
    """(name, id_number and office as stored, [(field, expected), ...]). `offices`: code -> name, or None (any)."""
    found, problems = {}, []
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(("name", "考生姓名（非空文本）"))
    else:
        found["name"] = name.strip()  # never NFKC: a name keeps its exact characters
    number = entry.get("id_number")
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        problems.append(("id_number", "文本格式的身份证号（Excel 把 18 位数字存成数字会丢掉末几位：请把该列设为文本）"))
    else:
        number = text(number)
        problem = id_number_problem(number)
        if problem:
            problems.append(("id_number", f"有效的身份证号（{problem}）"))
        found["id_number"] = number
    office = _digits(entry.get("office"))
    if offices is not None and office not in offices:
        by_name = {n: c for c, n in offices.items() if n}
        if office in by_name:
            office = by_name[office]
        else:
            example = next(iter(offices.items()), ("", ""))
            problems.append(("office", "本省配置 offices 中的考办代码或名称（如 "
                             f"{example[0]}{' 或 ' + example[1] if example[1] else ''}）"))
    elif not office:
        problems.append(("office", "考办代码"))
    found["office"] = office
    return found, problems
