"""Spreadsheets as streams of rows: CSV (any delimiter Excel writes, UTF-8 or GB18030) and XLSX (openpyxl, read-only).

Rows are read one at a time and never all at once, so a file of millions of rows takes the memory of one row. Each
row comes with its number as the spreadsheet shows it (the first line is row 1), for refusals people can find.
"""
from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

SNIFF = 64 << 10           # bytes read to decide the encoding (a later stray byte is refused with its row)
HEAD_LINES = 12            # lines read to decide the delimiter
NO_OPENPYXL = "CSV 文件（本机未安装读取 Excel 所需的 openpyxl）"
NOT_A_WORKBOOK = "Excel 2007 及以上的 .xlsx 工作簿（无法打开此文件；.xls 请另存为 .xlsx）"
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


class Unreadable(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Sheet:
    """One table: a CSV file, or one worksheet of a workbook."""

    label: str                 # as problems name it: "candidates/成绩.csv" or "candidates/考籍.xlsx 「成绩」"
    hint: str                  # the file stem and sheet title: may name the table (成绩, 免考 …)
    path: Path
    size: int | None = None    # bytes (CSV) or rows (XLSX), for the progress bar
    encoding: str | None = None  # CSV
    title: str | None = None     # XLSX worksheet
    book: _Book | None = None

    def close(self) -> None:
        if self.book is not None:
            self.book.close()

    def rows(self, progress=None) -> Iterator[tuple[int, list]]:
        """(row number, cells) for every non-blank row; `progress(done)` is called now and then."""
        if self.title is None:
            yield from _csv_rows(self, progress)
        else:
            yield from _sheet_rows(self, progress)


def open_sheets(path: Path, label: str, encoding: str | None = None) -> list[Sheet]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _workbook_sheets(path, label)
    return [Sheet(label, path.stem, path, path.stat().st_size, encoding=_encoding(path, encoding))]


# -- CSV -----------------------------------------------------------------------------------------------------------

def _encoding(path: Path, configured: str | None) -> str:
    """A BOM decides; else the province's configured encoding; else UTF-8 if the start reads as UTF-8, else GB18030
    (what Excel's "CSV (逗号分隔)" writes on Chinese Windows)."""
    with path.open("rb") as raw:
        start = raw.read(SNIFF)
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, name in boms:
        if start.startswith(bom):
            return name
    if configured:
        return configured
    try:
        codecs.getincrementaldecoder("utf-8")().decode(start, final=len(start) < SNIFF)
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _csv_rows(sheet: Sheet, progress):
    encoding = sheet.encoding or "utf-8"
    with sheet.path.open("rb") as raw:
        lines = _Lines(raw, encoding)
        try:
            head = [found for found in (next(lines, "") for _ in range(HEAD_LINES)) if found]
            # The delimiter the header uses (a title row above it may have none): the one a line has the most of.
            delimiter = max(("\t", ",", ";", "|"), key=lambda d: max((found.count(d) for found in head), default=0))
            reader = csv.reader(_chain(head, lines), delimiter=delimiter)
            for cells in reader:
                if "".join(cells).strip():
                    yield reader.line_num, cells
                if progress and reader.line_num % 4096 == 0:
                    progress(raw.tell())
        except UnicodeDecodeError:
            expected = f"统一的文件编码（按 {encoding} 读到此行时出错：请另存为 UTF-8 的 CSV）"
            raise Unreadable(Problem(sheet.label, f"第 {lines.count + 1} 行", None, expected)) from None
        except csv.Error as err:
            raise Unreadable(Problem(sheet.label, f"第 {lines.count} 行", None, f"格式正确的 CSV（{err}）")) from None


class _Lines:
    """A file's lines decoded one at a time, so a stray byte is found on its own line. UTF-8 and GB18030 never use
    the newline byte inside a character; UTF-16 (rare, always with a BOM) is decoded as a stream."""

    def __init__(self, raw, encoding: str):
        self.count = 0
        if encoding == "utf-16":
            self._lines = iter(io.TextIOWrapper(raw, encoding=encoding, newline=""))
            self._decode = None
        else:
            self._lines = iter(raw)
            self._decode = codecs.getdecoder(encoding)
            if encoding == "utf-8-sig":
                raw.read(len(codecs.BOM_UTF8))
                self._decode = codecs.getdecoder("utf-8")

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        found = line if self._decode is None else self._decode(line)[0]
        self.count += 1
        return found


def _chain(head: list[str], rest):
    yield from head
    yield from rest


# -- XLSX ----------------------------------------------------------------------------------------------------------

class _Book:
    """One workbook opened once for all its sheets (opening parses every sheet to size it when the file does not
    say its dimensions, as openpyxl's own write-only files do not)."""

    def __init__(self, path: Path, label: str):
        self.path, self.label, self._book = path, label, None

    def get(self):
        if self._book is None:
            try:
                import openpyxl
            except ImportError:  # pragma: no cover - openpyxl is a dependency of the command line
                raise Unreadable(Problem(self.label, "(文件)", None, NO_OPENPYXL)) from None
            try:
                self._book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
            except Exception:  # noqa: BLE001 - zip, XML and openpyxl errors alike: not a workbook we can read
                raise Unreadable(Problem(self.label, "(文件)", None, NOT_A_WORKBOOK)) from None
        return self._book

    def close(self):
        if self._book is not None:
            self._book.close()
            self._book = None


def _workbook_sheets(path: Path, label: str) -> list[Sheet]:
    book = _Book(path, label)
    return [Sheet(f"{label} 「{ws.title}」", f"{path.stem} {ws.title}", path, ws.max_row, title=ws.title, book=book)
            for ws in book.get().worksheets]


def _sheet_rows(sheet: Sheet, progress):
    worksheet = sheet.book.get()[sheet.title]  # type: ignore[union-attr]
    for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells):
            yield number, list(cells)
        if progress and number % 4096 == 0:
            progress(number)
