"""Which table a spreadsheet is, and which of its columns is which field (the province's column map).

The header row is the first row, within the first few, that names every required field of a table (a title row
above it, "2025年上半年成绩", is skipped). When two tables fit, the one that knows more of the columns wins; a tie is
settled by the file or sheet name (成绩.csv, 「免考」), else refused.
"""
from __future__ import annotations

from dataclasses import dataclass

from functions.profiles.record_columns import TABLES, RecordColumns, header_key

from .problems import Problem
from .tabular import Sheet

HEADER_SEARCH = 10  # non-blank rows looked at for the header


@dataclass(frozen=True)
class Layout:
    table: str                    # a key of TABLES
    fields: dict[int, str]        # column index -> field
    headers: dict[str, str]       # field -> the header as the file writes it
    header_row: int


def find_layout(sheet: Sheet, rows, columns: RecordColumns) -> Layout | Problem:
    """Read rows up to the header; the layout, or the problem that names why the sheet is not a known table."""
    tried = []
    for _ in range(HEADER_SEARCH):
        try:
            number, cells = next(rows)
        except StopIteration:
            break
        found = _classify(sheet, number, cells, columns)
        if found is not None:
            return found
        tried.append(cells)
    if not tried:
        return Problem(sheet.label, "(文件)", None, "含表头和数据的表格（文件是空的）")
    wanted = "；".join(f"{t.name}表：{'、'.join(TABLES[k].fields[f][0] for f in t.required)}"
                      for k, t in TABLES.items())
    return Problem(sheet.label, "(表头)", None, f"可识别的表头（{wanted}）")


def _classify(sheet: Sheet, number: int, cells: list, columns: RecordColumns) -> Layout | Problem | None:
    keys = [header_key(c) for c in cells]
    fitting = []
    for name, table in TABLES.items():
        known = columns.headers(name)
        fields = {i: known[k] for i, k in enumerate(keys) if k in known}
        present = set(fields.values())
        if all(f in present for f in table.required) and any(m in present for m in table.marks):
            fitting.append((len(fields), name in _named(sheet.hint), name, fields))
    if not fitting:
        return None
    fitting.sort(key=lambda f: (f[0], f[1]), reverse=True)
    if len(fitting) > 1 and fitting[0][:2] == fitting[1][:2]:
        names = "、".join(TABLES[f[2]].name for f in fitting)
        return Problem(sheet.label, f"第 {number} 行", None,
                       f"能分辨的表格（此表头既像{names}表：请在文件名或工作表名中写明是哪一种）")
    _, _, name, fields = fitting[0]
    headers: dict[str, str] = {}
    for index, field in fields.items():
        header = str(cells[index]).strip()
        if field in headers:
            return Problem(sheet.label, f"第 {number} 行", header,
                           f"每个字段只有一列（「{headers[field]}」与「{header}」表示同一项：请只保留一列）")
        headers[field] = header
    return Layout(name, fields, headers, number)


def _named(hint: str) -> set[str]:
    """Tables the file or sheet name mentions."""
    return {name for name, table in TABLES.items() if table.name in hint}
