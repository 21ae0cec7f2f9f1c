"""The drawing primitives of the forms: an A4 page with a running header and footer, bordered grid cells that fit
their text, table rows that wrap and break across pages with the heading repeated, and boxed paragraphs."""
from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import cast

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

FAMILY = "biye-serif"
BODY = 10.5          # pt, 五号
SMALL = 8.5
MIN_FIT = 7.0        # the smallest size a grid cell shrinks its text to before it wraps
LINE = 5.6           # mm per body line in tables and paragraphs
MARGIN = 15
WIDTH = 210 - 2 * MARGIN
SHADE = (238, 238, 238)
NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’…·%,.;:?!)]")
NEXT = {"new_x": XPos.RIGHT, "new_y": YPos.TOP}


class FormPDF(FPDF):
    def __init__(self, font: bytes, running_head: str, footer_left: str, footer_centre: str):
        """`font`: TrueType bytes (fonts.cut); add_font only takes a file path, so the font object is made here."""
        super().__init__(orientation="P", unit="mm", format="A4")
        self.running_head = running_head
        self.footer_left = footer_left
        self.footer_centre = footer_centre
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=20)
        # fpdf2 reads the font from a file object as well as from a path (its annotation names only the path).
        made = TTFFont(self, BytesIO(font), FAMILY, "")  # type: ignore[arg-type]
        # The glyphs' bounds are those of the shipped font: recomputing them would decode every outline again.
        made.ttfont.recalcBBoxes = False
        self.fonts[FAMILY] = made
        self.set_font(FAMILY, size=BODY)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.3)
        self.alias_nb_pages()
        self.c_margin = 1.2

    def header(self):
        if self.page_no() > 1:
            self.set_font(FAMILY, size=SMALL)
            self.cell(WIDTH, 5, self.running_head, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.line(MARGIN, self.get_y() + 0.5, MARGIN + WIDTH, self.get_y() + 0.5)
            self.ln(3)
            self.set_font(FAMILY, size=BODY)

    def footer(self):
        self.set_y(-14)
        self.set_font(FAMILY, size=SMALL)
        third = WIDTH / 3
        self.cell(third, 5, self.footer_left, align="L", **NEXT)
        self.cell(third, 5, self.footer_centre, align="C", **NEXT)
        self.cell(third, 5, f"第 {self.page_no()} 页 共 {{nb}} 页", align="R", **NEXT)
        self.set_font(FAMILY, size=BODY)

    # -- text that fits a box -------------------------------------------------------------------------------------

    def lines(self, width: float, text: str) -> list[str]:
        """How `text` wraps in a cell `width` wide (padding included) at the current size."""
        return self.wrap(width - 2 * self.c_margin, text) if text else [""]

    def text_lines(self, x: float, y: float, w: float, rows: list[str], step: float, align: str) -> None:
        for i, row in enumerate(rows):
            self.set_xy(x, y + i * step)
            self.cell(w, step, row, align=align)

    def _widths(self) -> dict[int, float]:
        """Each character's advance (thousandths of the size) in the one font the forms use."""
        return cast(TTFFont, self.current_font).cw

    def width_of(self, text: str) -> float:
        """get_string_width for plain text, without its per-call overhead (the forms measure every character)."""
        cw = self._widths()
        return sum(cw[ord(c)] for c in text) * self.font_size / 1000

    def wrap(self, width: float, text: str) -> list[str]:
        """Lines of `text` at most `width` mm wide at the current size, broken between any two characters except
        before closing punctuation (no line starts with ，。、 and the like: the character before it moves down)."""
        cw, scale = self._widths(), self.font_size / 1000
        lines = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for char in paragraph:
                w = cw[ord(char)] * scale
                if used + w > width and line:
                    carry = ""
                    if char in NO_LINE_START and len(line) > 1 and line[-1] not in NO_LINE_START:
                        carry, line = line[-1], line[:-1]
                    lines.append(line)
                    line, used = carry, cw[ord(carry)] * scale if carry else 0.0
                line += char
                used += w
            lines.append(line)
        return lines

    def boxed(self, x: float, y: float, w: float, h: float, text: str, align: str = "L", fill: bool = False,
              size: float = BODY) -> None:
        """A bordered box with `text` centred vertically: each line shrunk down to MIN_FIT pt, then wrapped, to fit
        (explicit line breaks are kept)."""
        self.rect(x, y, w, h, style="DF" if fill else "D")
        parts = text.split("\n")
        self.set_font_size(size)
        self.set_font_size(min(self.fitting_size(w, part, size) for part in parts))
        rows = [row for part in parts for row in self.lines(w, part)]
        step = min(LINE, h / len(rows))
        self.text_lines(x, y + (h - step * len(rows)) / 2, w, rows, step, align)
        self.set_font_size(BODY)

    # -- sections -------------------------------------------------------------------------------------------------

    def section(self, title: str, need: float = 20) -> None:
        """A shaded heading bar; starts a new page when less than `need` mm (heading included) would be left."""
        self._room(7 + need)
        self.set_fill_color(*SHADE)
        self.boxed(MARGIN, self.get_y(), WIDTH, 7, title, align="L", fill=True)
        self.set_xy(MARGIN, self.get_y() + 7)

    def grid(self, columns: Sequence[tuple[float, str, str]], rows: Sequence[Sequence[str]]) -> None:
        """Bordered rows under a shaded heading (`columns`: width, heading, alignment of each); a row that would
        cross the page bottom starts a new page and the heading is drawn again there. Cells wrap their text; a row
        is as tall as its tallest cell."""
        widths = tuple(width for width, _, _ in columns)
        heading = tuple(name for _, name, _ in columns)
        aligns = tuple(align for _, _, align in columns)
        self._row(widths, heading, ("C",) * len(widths), fill=True)
        for row in rows:
            height = self._height(widths, row)
            if self.get_y() + height > self.page_break_trigger:
                self.add_page()
                self._row(widths, heading, ("C",) * len(widths), fill=True)
            self._row(widths, row, aligns, height=height)

    def fitting_size(self, width: float, text: str, size: float = BODY) -> float:
        """The largest size down to MIN_FIT (0.5 pt steps) at which `text` fits on one line `width` wide; MIN_FIT
        if none does (the text then wraps)."""
        room = width - 2 * self.c_margin
        natural = self.width_of(text) / self.font_size_pt
        while size > MIN_FIT and natural * size > room:
            size -= 0.5
        return size

    def _height(self, widths: Sequence[float], row: Sequence[str]) -> float:
        count = 1
        for w, text in zip(widths, row, strict=True):
            self.set_font_size(self.fitting_size(w, text))
            count = max(count, len(self.lines(w, text)))
        self.set_font_size(BODY)
        return count * LINE + 1.6

    def _row(self, widths: Sequence[float], row: Sequence[str], aligns: Sequence[str], fill: bool = False,
             height: float | None = None) -> None:
        height = height or self._height(widths, row)
        x: float = MARGIN
        y = self.get_y()
        self.set_fill_color(*SHADE)
        for w, text, align in zip(widths, row, aligns, strict=True):
            self.rect(x, y, w, height, style="DF" if fill else "D")
            self.set_font_size(self.fitting_size(w, text))
            rows = self.lines(w, text)
            self.text_lines(x, y + (height - len(rows) * LINE) / 2, w, rows, LINE, align)
            self.set_font_size(BODY)
            x += w
        self.set_xy(MARGIN, y + height)

    def paragraph_box(self, text: str, min_height: float, tail: str = "") -> None:
        """A full-width bordered box of wrapped `text`, at least `min_height` mm tall, with `tail` (the signature
        line) right-aligned at its foot. Long text runs on to the next page, each part inside its own border."""
        rows = self.wrap(WIDTH - 6, text) if text else []
        foot = 8 if tail else 0
        top = self._room(min(min_height, 3 * LINE + 3 + foot))
        y = top + 1.5
        for row in rows:
            if y + LINE > self.page_break_trigger:
                self.rect(MARGIN, top, WIDTH, self.page_break_trigger - top)
                self.add_page()
                top = self.get_y()
                y = top + 1.5
            self.set_xy(MARGIN + 2, y)
            self.cell(WIDTH - 4, LINE, row, align="L")
            y += LINE
        if y + 1.5 + foot > self.page_break_trigger:
            self.rect(MARGIN, top, WIDTH, self.page_break_trigger - top)
            self.add_page()
            top = y = self.get_y()
        end = max(y + 1.5 + foot, min(top + min_height, self.page_break_trigger))
        self.rect(MARGIN, top, WIDTH, end - top)
        if tail:
            self.set_xy(MARGIN, end - foot)
            self.cell(WIDTH - 4, foot - 1, tail, align="R")
        self.set_xy(MARGIN, end)

    def _room(self, need: float) -> float:
        """Start a new page unless `need` mm are left; answer where the next thing starts."""
        if self.get_y() + need > self.page_break_trigger:
            self.add_page()
        return self.get_y()
