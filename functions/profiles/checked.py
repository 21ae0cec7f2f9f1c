"""A small declarative checker for configuration files (province profiles).

Why not pydantic: its errors are English and multi-line; a province's IT staff need one line naming the file, the
key and what was expected, and start-up must stop on it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class ConfigError(ValueError):
    def __init__(self, file: str, path: str, expected: str, got: Any = None):
        self.file, self.path, self.expected = file, path, expected
        shown = "" if got is None else f"，实际为 {got!r}"
        super().__init__(f"{file}: {path}: 应为 {expected}{shown}")


Check = Callable[[Any, str], Any]  # (value, path) -> value, raises _Bad


class _Bad(Exception):
    def __init__(self, path: str, expected: str, got: Any):
        self.path, self.expected, self.got = path, expected, got


def refuse(path: str, expected: str, got: Any) -> Any:
    """For a check written elsewhere: stop with one line naming the key and what was expected."""
    raise _Bad(path, expected, got)


def text(value, path):
    if not isinstance(value, str) or not value.strip():
        raise _Bad(path, "非空文本", value)
    return value


def integer(low: int = 0, high: int | None = None) -> Check:
    def check(value, path):
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
            raise _Bad(path, f"整数 {low}–{high if high is not None else '∞'}", value)
        return value
    return check


def boolean(value, path):
    if not isinstance(value, bool):
        raise _Bad(path, "true 或 false", value)
    return value


def one_of(*choices: str) -> Check:
    def check(value, path):
        if value not in choices:
            raise _Bad(path, "之一: " + ", ".join(choices), value)
        return value
    return check


def optional(inner: Check) -> Check:
    def check(value, path):
        return None if value is None else inner(value, path)
    return check


def list_of(inner: Check, min_items: int = 0) -> Check:
    def check(value, path):
        if not isinstance(value, list) or len(value) < min_items:
            raise _Bad(path, f"至少 {min_items} 项的列表", value)
        return [inner(item, f"{path}[{i}]") for i, item in enumerate(value)]
    return check


def mapping(fields: dict[str, Check], extra: Check | None = None) -> Check:
    """A dict with exactly these keys (all required; wrap a check in optional() to allow null)."""
    def check(value, path):
        if not isinstance(value, dict):
            raise _Bad(path, "键值表", value)
        unknown = set(value) - set(fields)
        if unknown and extra is None:
            raise _Bad(f"{path}.{sorted(unknown)[0]}".lstrip("."), "已知的键: " + ", ".join(fields), None)
        out = {}
        for key, inner in fields.items():
            if key not in value:
                raise _Bad(f"{path}.{key}".lstrip("."), "存在 (可为 null)" if _allows_none(inner) else "存在", None)
            out[key] = inner(value[key], f"{path}.{key}".lstrip("."))
        for key in unknown:
            out[key] = extra(value[key], f"{path}.{key}".lstrip("."))
        return out
    return check


def dict_of(inner: Check) -> Check:
    def check(value, path):
        if not isinstance(value, dict):
            raise _Bad(path, "键值表", value)
        return {k: inner(v, f"{path}.{k}".lstrip(".")) for k, v in value.items()}
    return check


def custom(convert: Callable[[Any], Any], expected: str) -> Check:
    """Wrap a converter that raises ValueError (e.g. another module's from_profile) into a check."""
    def check(value, path):
        try:
            return convert(value)
        except (ValueError, TypeError, KeyError) as err:
            raise _Bad(path, f"{expected} ({err})", None) from None
    return check


def _allows_none(inner: Check) -> bool:
    try:
        inner(None, "")
        return True
    except _Bad:
        return False


@dataclass
class Checked:
    check: Check

    def __call__(self, value: Any, file: str) -> Any:
        try:
            return self.check(value, "")
        except _Bad as bad:
            raise ConfigError(file, bad.path or "(顶层)", bad.expected, bad.got) from None
