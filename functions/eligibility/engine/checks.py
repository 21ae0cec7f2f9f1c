"""Small typed readers for JSON documents that fail with the file, the path and what was expected."""

from .dates import is_date, is_moment, is_session
from .errors import EngineInputError
from .values import RESULT_WORDS, is_short_number, text


class Reader:
    """Reads one JSON document; every failure names `file` and the JSON path inside it."""

    __slots__ = ("file",)

    def __init__(self, file: str):
        self.file = file

    def fail(self, path: str, expected: str):
        raise EngineInputError(self.file, path, expected)

    def obj(self, value, path):
        if not isinstance(value, dict):
            self.fail(path, "JSON 对象")
        return value

    def items(self, value, path, allow_empty=False):
        if not isinstance(value, list) or (not value and not allow_empty):
            self.fail(path, "JSON 数组" if allow_empty else "非空的 JSON 数组")
        return value

    def field(self, obj, key, path, kind, optional=False, choices=None):
        """obj[key] checked against `kind` (a name in KINDS); None when optional and absent."""
        value = obj.get(key)
        if value is None:
            if optional:
                return None
        elif KINDS[kind][0](value) and (choices is None or value in choices):
            return value
        # The path is spelled only for a failure: the audit checks every record it reads, mostly well-formed.
        return self.value(value, f"{path}.{key}" if path else key, kind, optional, choices)

    def value(self, value, where, kind, optional=False, choices=None):
        if value is None:
            if optional:
                return None
            self.fail(where, KINDS[kind][1])
        test, expected = KINDS[kind]
        if not test(value):
            self.fail(where, expected)
        if choices is not None and value not in choices:
            self.fail(where, "以下之一：" + "、".join(map(str, choices)))
        return value


def _is_code(value):
    return isinstance(value, str) and 0 < len(value.strip()) <= 32


def _is_canonical_code(value):
    return isinstance(value, str) and 0 < len(value) <= 32 and text(value) == value and " " not in value \
        and not is_short_number(value)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


KINDS = {
    "str": (lambda v: isinstance(v, str) and v.strip() != "", "非空字符串"),
    "code": (_is_code, "课程代码（非空字符串）"),
    "codes": (lambda v: isinstance(v, list) and v != [] and all(_is_code(c) for c in v), "课程代码数组"),
    # Canonical forms of a candidate record (a miss sends the record to record.py, which reads variants).
    "canonical_code": (_is_canonical_code, "课程代码"),
    "canonical_codes": (lambda v: isinstance(v, list) and v != [] and all(map(_is_canonical_code, v)), "课程代码数组"),
    "moment": (is_moment, "日期（YYYY-MM-DD）或考期（YYYY-MM）"),
    "result": (lambda v: _is_number(v) or v in RESULT_WORDS, "成绩"),
    "number": (_is_number, "非负数字"),
    "count": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "非负整数"),
    "positive": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1, "正整数"),
    "bool": (lambda v: isinstance(v, bool), "true 或 false"),
    "date": (is_date, "日期，格式 YYYY-MM-DD"),
    "session": (is_session, "考试年月，格式 YYYY-MM"),
    "dict": (lambda v: isinstance(v, dict), "JSON 对象"),
    "list": (lambda v: isinstance(v, list), "JSON 数组"),
    "score": (lambda v: _is_number(v) or (isinstance(v, str) and v.strip() != ""), "成绩（数字或 合格/不合格 等）"),
}
