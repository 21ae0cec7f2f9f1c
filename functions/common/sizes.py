"""A file size in words, one way everywhere: the pages' published limits and the checks' messages."""
from __future__ import annotations


def size_words(n: int) -> str:
    """40 KB, 1.5 MB, 4.9 MB, 512 字节: one decimal at most and never a trailing “.0” (not “5009.0 KB”)."""
    for unit, name in ((1024 * 1024, "MB"), (1024, "KB")):
        if n >= unit:
            return f"{round(n / unit, 1):g} {name}"
    return f"{n} 字节"
