"""The font the forms embed: the check that every character can be printed, and the small font cut for each form.

The shipped font (fonts/BiyeSerifSC-Regular.ttf, 8,700 glyphs) is read once per container. Handing all of it to
fpdf2 for every form would cost ~150 ms of parsing and subsetting; instead each form gets a TrueType font holding
only the glyphs it can use (a few hundred), built by copying those glyphs' bytes out of the cached font. fpdf2 then
embeds a subset of that, as it would of any font, so the PDF is the same kind of file either way.
"""
from __future__ import annotations

import copy
import io
import logging
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont, newTable  # type: ignore[import-untyped]  # fontTools ships no type hints
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable  # type: ignore[import-untyped]

# fpdf2 subsets each form's font with fontTools, which logs a dozen INFO lines per form: noise in CloudWatch.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILE = FONT_DIR / "BiyeSerifSC-Regular.ttf"
# Characters the renderer handles without a glyph: line breaks and tabs become layout, not ink.
LAYOUT = frozenset("\n\r\t")
# Always in a form's font: what page numbers, dates, codes and punctuation need whatever the data holds.
BASE = "".join(map(chr, range(0x20, 0x7F))) + "".join(map(chr, range(0x3000, 0x3040))) + \
    "".join(map(chr, range(0xFF01, 0xFF5F))) + "—…“”‘’·"


@lru_cache(maxsize=1)
def master() -> TTFont:
    """The shipped font, loaded once, with the tables a cut needs already parsed."""
    font = TTFont(FONT_FILE, recalcBBoxes=False, recalcTimestamp=False)
    for tag in ("head", "hhea", "maxp", "OS/2", "post", "name", "hmtx", "glyf"):
        font[tag]  # noqa: B018 - parse now, not in the first form
    return font


@lru_cache(maxsize=1)
def _cmap() -> dict[int, str]:
    return master().getBestCmap()


def covered() -> frozenset[int]:
    """Code points the shipped font has a glyph for."""
    return frozenset(_cmap())


def unsupported_characters(text: str) -> list[str]:
    """The characters of `text` the shipped font cannot print, each once, in order of first appearance."""
    cmap = _cmap()
    missing: dict[str, None] = {}
    for char in text:
        if char not in LAYOUT and ord(char) not in cmap:
            missing.setdefault(char)
    return list(missing)


def unsupported_message(characters: list[str]) -> str:
    """The Chinese message a caller shows when it refuses to print (empty when nothing is missing)."""
    if not characters:
        return ""
    named = "、".join(f"“{c}”(U+{ord(c):04X})" for c in characters)
    return f"以下字符无法打印：{named}，请联系考试机构"


def cut(text: str) -> bytes:
    """A TrueType font with the glyphs of BASE and of `text` (those the shipped font has), metrics unchanged."""
    source, cmap = master(), _cmap()
    points = {ord(c) for c in BASE + text} & cmap.keys()
    names = [".notdef"] + sorted({cmap[p] for p in points} - {".notdef"}, key=source.getGlyphID)
    font = TTFont(recalcBBoxes=False, recalcTimestamp=False)
    font.setGlyphOrder(names)
    for tag in ("head", "hhea", "maxp", "OS/2", "name"):
        font[tag] = copy.copy(source[tag])  # shallow: compiling sets a few fields on the copy only
    font["maxp"].numGlyphs = len(names)
    hmtx = font["hmtx"] = newTable("hmtx")
    hmtx.metrics = {name: source["hmtx"].metrics[name] for name in names}
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = names
    glyf.glyphs = {name: source["glyf"].glyphs[name] for name in names}  # raw glyph bytes, never expanded
    font["loca"] = newTable("loca")
    post = font["post"] = copy.copy(source["post"])
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}
    subtable = CmapSubtable.newSubtable(12)
    subtable.platformID, subtable.platEncID, subtable.language = 3, 10, 0
    subtable.cmap = {p: cmap[p] for p in points}
    table = font["cmap"] = newTable("cmap")
    table.tableVersion, table.tables = 0, [subtable]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
