"""Values as provinces keep them, read into the contract's forms (spec/eligibility.md, "Record formats").

Every reader takes what a JSON file, a CSV cell or an Excel cell holds (text, a number, a date, nothing) and
returns the canonical value, or raises `Unreadable` with what was expected, in Chinese. Text is read after
NFKC normalisation, so full-width digits, letters, spaces and punctuation (`７５`, `２０２５－０４`, `　`) read as
their ASCII forms. Only what is really ambiguous is refused: a course code Excel turned into a small number
(its leading zeros are gone), an unknown word where a result should be, a month 13.
"""

import datetime as _dt
import math
import re
import unicodedata

from .dates import is_date, is_session


class Unreadable(ValueError):
    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


# -- results ------------------------------------------------------------------------------------------------------

PASS_GRADES = frozenset({"合格", "优秀", "良好", "中等", "及格", "通过"})
# Results that never pass. 缺考 (absent), 违纪/作弊 (misconduct), 取消/无效 (cancelled), 缓考 (deferred) are notes a
# province writes where the score would be; 不合格/不及格 are the failing grades of graded courses.
NEVER_PASS = ("缺考", "违纪", "作弊", "取消", "无效", "缓考")
FAIL_GRADES = frozenset({"不合格", "不及格"})
# Canonical text results: a sitting whose score is one of these needs no further reading.
RESULT_WORDS = PASS_GRADES | FAIL_GRADES | frozenset(NEVER_PASS)
EXEMPTED, TRANSFERRED = "免考", "转考"   # a course status recorded in the score column (湖北's 成绩 screen)
_ALIASES = {"优": "优秀", "良": "良好", "中": "中等", "差": "不及格", "不通过": "不合格", "未通过": "不合格",
            "及格(60分以上)": "及格"}
SCORE_EXPECTED = ("0 以上的数字成绩（如 75、75.0），或 合格、不合格、优秀、良好、中等、及格、不及格、通过、"
                  "缺考、违纪、作弊、取消、无效、免考、转考")


def text(value) -> str:
    """Cell text as a person reads it: NFKC (full-width → ASCII), trimmed; '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).strip()
    return str(value).strip()


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())  # str.strip() knows the full-width space


def memo(reader):
    """The reader, remembering what it made of each text it read: an import reads the same few hundred codes,
    sessions and scores millions of times. Text it refuses is not remembered (it raises every time)."""
    cache: dict = {}

    def read(value, *expected):
        if expected or type(value) is not str:
            return reader(value, *expected)
        try:
            return cache[value]
        except KeyError:
            found = reader(value)
            if len(cache) < 100_000:
                cache[value] = found
            return found

    read.__doc__ = reader.__doc__
    return read


@memo
def read_score(value):
    """A number, a result word (canonical: see RESULT_WORDS, EXEMPTED, TRANSFERRED), or None when empty."""
    if blank(value):
        return None
    if isinstance(value, bool):
        raise Unreadable(SCORE_EXPECTED)
    if isinstance(value, (int, float)):
        return _number(value, SCORE_EXPECTED)
    word = text(value).removesuffix("分").strip()
    if _NUMBER.match(word):
        return _number(float(word), SCORE_EXPECTED)
    word = _ALIASES.get(word, word)
    if word in RESULT_WORDS or word in (EXEMPTED, TRANSFERRED):
        return word
    found = never_pass_in(word)
    if found:
        return found
    raise Unreadable(SCORE_EXPECTED)


def never_pass_in(note: str) -> str | None:
    """The never-pass word a note carries ("违纪，成绩取消" → 违纪), or None."""
    return next((w for w in NEVER_PASS if w in note), None)


_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _number(value, expected):
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise Unreadable(expected)
    return int(value) if float(value).is_integer() else value


def read_number(value, expected="非负数字"):
    if isinstance(value, bool) or blank(value):
        raise Unreadable(expected)
    if isinstance(value, (int, float)):
        return _number(value, expected)
    word = text(value)
    if not _NUMBER.match(word):
        raise Unreadable(expected)
    return _number(float(word), expected)


def read_positive(value, expected="正整数（年数，如 1 或 1年）"):
    if isinstance(value, str):
        value = text(value).removesuffix("年").strip()
    number = read_number(value, expected)
    if not float(number).is_integer() or number < 1:
        raise Unreadable(expected)
    return int(number)


# -- codes --------------------------------------------------------------------------------------------------------

CODE_EXPECTED = "课程代码（如 00023，数字代码至少 5 位；Excel 中请把课程代码列设为文本，否则开头的 0 会丢失）"
_SEPARATORS = re.compile(r"[,;、，；/\s]+")


@memo
def read_code(value, expected=CODE_EXPECTED) -> str:
    """A course code as text. A number below 10000 is refused: Excel dropped its leading zeros (23 was 00023?)."""
    if isinstance(value, bool):
        raise Unreadable(expected)
    if isinstance(value, (int, float)):
        if not float(value).is_integer() or value < 10000:
            raise Unreadable(expected)
        return str(int(value))
    code = text(value)
    if not code or len(code) > 32 or any(c.isspace() for c in code) or is_short_number(code):
        raise Unreadable(expected)
    return code


def is_short_number(code: str) -> bool:
    """Digits only and fewer than 5: a course code (00023) whose leading zeros a spreadsheet dropped."""
    return code.isdigit() and len(code) < 5


def read_major_code(value, expected="专业代码（如 080901；Excel 中请把该列设为文本）") -> str:
    """A major code as text; a number of fewer than 6 digits lost its leading zero in Excel (80901 was 080901?)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 100000:
        raise Unreadable(expected)
    return read_code(value, expected)


def read_codes(value, expected="课程代码，多门用顿号或逗号分隔（如 00018、00019）") -> list:
    """One code or several: a list, or text separated by 、 , ; / or spaces."""
    if isinstance(value, list):
        items = value
    elif isinstance(value, str):
        items = [c for c in _SEPARATORS.split(text(value)) if c]
    else:
        items = [value]
    if not items:
        raise Unreadable(expected)
    return [read_code(c, expected) for c in items]


def read_text(value, expected="非空文本") -> str:
    found = text(value)
    if isinstance(value, bool) or not found:
        raise Unreadable(expected)
    return found


# -- dates and sessions -------------------------------------------------------------------------------------------

DATE_EXPECTED = "日期，如 2025-06-30、2025/6/30、20250630 或 2025年6月30日"
SESSION_EXPECTED = "考期（考试年月），如 2025-04、202504、2025.04 或 2025年4月"
MOMENT_EXPECTED = "日期（如 2025-06-30）或考期（如 2025-04）"
_DAY = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")


def _parts(value):
    """(year, month, day or None) from text, a number (20250630, 202504) or a date; None when unreadable."""
    if isinstance(value, _dt.datetime):
        return value.year, value.month, value.day
    if isinstance(value, _dt.date):
        return value.year, value.month, value.day
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not float(value).is_integer():
            return None
        value = str(int(value))
    found = text(value)
    if found.isdigit() and len(found) in (6, 8):
        return int(found[:4]), int(found[4:6]), int(found[6:]) if len(found) == 8 else None
    for pattern in (_DAY, _MONTH):
        match = pattern.match(found)
        if match:
            groups = [int(g) for g in match.groups()]
            return groups[0], groups[1], groups[2] if len(groups) == 3 else None
    return None


def _iso(parts, expected):
    year, month, day = parts
    if not 1900 <= year <= 2200 or not 1 <= month <= 12:
        raise Unreadable(expected)
    if day is None:
        return f"{year:04d}-{month:02d}"
    found = f"{year:04d}-{month:02d}-{day:02d}"
    if not is_date(found):
        raise Unreadable(expected)
    return found


@memo
def read_date(value, expected=DATE_EXPECTED) -> str:
    parts = _parts(value)
    if parts is None or parts[2] is None:
        raise Unreadable(expected)
    return _iso(parts, expected)


@memo
def read_session(value, expected=SESSION_EXPECTED) -> str:
    """The sitting a value names: a month; a full date names the sitting of its month."""
    parts = _parts(value)
    if parts is None:
        raise Unreadable(expected)
    return _iso(parts, expected)[:7]


@memo
def read_moment(value, expected=MOMENT_EXPECTED) -> str:
    """A date where the record gives a day, a session (YYYY-MM) where it gives only the sitting's month."""
    parts = _parts(value)
    if parts is None:
        raise Unreadable(expected)
    found = _iso(parts, expected)
    assert is_date(found) or is_session(found)
    return found


def read_sessions(value, expected="考期，多个用顿号或逗号分隔（如 2024-10、2025-04）") -> list:
    if isinstance(value, list):
        items = value
    elif isinstance(value, str):
        items = [s for s in re.split(r"[,;、，；\s]+", text(value)) if s]
    else:
        items = [value]
    return [read_session(s, expected) for s in items]


# -- yes / no -----------------------------------------------------------------------------------------------------

BOOL_EXPECTED = "是 或 否（true/false、1/0、通过/不通过 也可以）"
_TRUE = {"true", "yes", "y", "1", "是", "√", "✓", "通过", "同意", "批准", "已批准", "审核通过", "接收", "已接收", "有"}
_FALSE = {"false", "no", "n", "0", "否", "×", "✗", "不通过", "未通过", "不同意", "不批准", "未批准", "驳回", "拒绝",
          "审核不通过", "不接收", "未接收", "不予接收", "无"}


def read_bool(value, expected=BOOL_EXPECTED) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    word = text(value).lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise Unreadable(expected)


# -- prior education status ---------------------------------------------------------------------------------------

PRIOR_STATUS_EXPECTED = "核验状态：已核验（verified）、待人工核查（manual_pending）或 未核验（unverified）"
_PRIOR_STATUS = {
    "verified": ("verified", "已核验", "已验证", "核验通过", "验证通过", "已认证", "认证通过", "学信网已核验"),
    "manual_pending": ("manual_pending", "待人工核查", "人工核查中", "待核查", "人工核验中", "待人工核验"),
    "unverified": ("unverified", "pending", "未核验", "待核验", "未验证", "核验未通过", "验证未通过", "未认证"),
}
_PRIOR_WORDS = {word: status for status, words in _PRIOR_STATUS.items() for word in words}


def read_prior_status(value, expected=PRIOR_STATUS_EXPECTED) -> str:
    found = _PRIOR_WORDS.get(text(value))
    if found is None:
        raise Unreadable(expected)
    return found
