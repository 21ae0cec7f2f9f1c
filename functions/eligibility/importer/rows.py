"""The record files of an import, read row by row into parts parked by 准考证号 (spill.py).

A part is (准考证号, table, source, row, values): `values` are the row's non-blank cells by field, as the file holds
them (the engine reads their variants when the record is put together: assemble.py), or a whole JSON entry.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .identity import EXAM_NO_EXPECTED, _digits, exam_number
from .problems import Problem, Problems, shown
from .sheets import Layout, find_layout
from .spill import Spill
from .tabular import Sheet, Unreadable

NO_TABLE = "至少一个可识别的工作表（考生、成绩、免考、转考、违纪、前置学历）"


@dataclass(frozen=True)
class Source:
    label: str
    headers: dict[str, str] | None   # field -> header as written; None for a JSON file


class RecordRows:
    def __init__(self, columns, spill: Spill, problems: Problems, progress):
        self.columns, self.spill, self.problems, self.progress = columns, spill, problems, progress
        self.sources: list[Source] = []
        self.renumbered: dict[str, str] = {}   # old 8-digit 准考证号 -> new
        self.rows = Counter()                  # rows read per table
        self.skipped: list[str] = []           # worksheets that are no table (a workbook's 说明 sheet)

    def read(self, sheets: list[Sheet], json_files: list[tuple[Path, str]]) -> None:
        """Every sheet and JSON candidates file; the 准考证号对照 tables first, as every other row may need them."""
        laid_out, recognised = [], set()
        for sheet in sheets:
            layout = self._layout(sheet, alone=sum(s.path == sheet.path for s in sheets) == 1)
            if layout is None:
                continue
            recognised.add(sheet.path)
            if layout.table == "exam_nos":
                self._read_sheet(sheet, layout, self._renumber)
            else:
                laid_out.append((sheet, layout))
        for path in dict.fromkeys(s.path for s in sheets if s.title is not None):
            if path not in recognised and all(s.label in self.skipped for s in sheets if s.path == path):
                label = next(s.label for s in sheets if s.path == path).rsplit(" 「", 1)[0]
                self.problems.add(Problem(label, "(文件)", None, NO_TABLE))
        for sheet, layout in laid_out:
            self._read_sheet(sheet, layout, self._park)
        for path, label in json_files:
            self._read_json(path, label)

    def _layout(self, sheet: Sheet, alone: bool) -> Layout | None:
        rows = sheet.rows()
        try:
            found = find_layout(sheet, rows, self.columns)
        except Unreadable as bad:
            self.problems.add(bad.problem)
            return None
        finally:
            rows.close()
        if isinstance(found, Problem):
            if alone or found.where != "(表头)":
                self.problems.add(found)
            else:
                self.skipped.append(sheet.label)  # one sheet of several that is no table: instructions, a chart
            return None
        return found

    def _read_sheet(self, sheet: Sheet, layout: Layout, take) -> None:
        origin = len(self.sources)
        self.sources.append(Source(sheet.label, layout.headers))
        track = self.progress.track(f"读取 {sheet.label}", sheet.size, unit="rows" if sheet.title else "bytes")
        # Course names are for people reading the file (the catalogue names courses): not kept.
        columns = [(i, field) for i, field in layout.fields.items() if field != "course_name"]
        try:
            for number, cells in sheet.rows(track):
                if number <= layout.header_row:
                    continue
                values = {field: cell for i, field in columns if i < len(cells)
                          and (cell := cells[i]) is not None and (type(cell) is not str or cell.strip())}
                self.rows[layout.table] += 1
                take(sheet, layout, origin, number, values)
        except Unreadable as bad:
            self.problems.add(bad.problem)
        finally:
            track(None)

    def _park(self, sheet, layout, origin, number, values) -> None:
        exam_no = self._exam_no(values.pop("exam_no", None), sheet.label, f"第 {number} 行", layout.headers)
        if exam_no is not None:
            self.spill.add(exam_no, (exam_no, layout.table, origin, number, values))

    def _renumber(self, sheet, layout, origin, number, values) -> None:
        old, where = _digits(values.get("old")), f"第 {number} 行"
        new, expected = exam_number(values.get("new"), {})
        if new is None:
            self.problems.add(Problem(sheet.label, where, layout.headers["new"], expected, shown(values.get("new"))))
        elif not old.isdigit() or len(old) == 12:
            self.problems.add(Problem(sheet.label, where, layout.headers["old"], "旧准考证号（数字，不是 12 位新号）",
                                      shown(values.get("old"))))
        elif self.renumbered.setdefault(old, new) != new:
            self.problems.add(Problem(sheet.label, where, layout.headers["old"],
                                      f"只对照一个新号的旧准考证号（已对照 {self.renumbered[old]}）", old))

    def _exam_no(self, value, label, where, headers) -> str | None:
        exam_no, expected = exam_number(value, self.renumbered)
        if exam_no is None:
            column = headers.get("exam_no") if headers else None
            self.problems.add(Problem(label, where if headers else f"{where}.exam_no", column,
                                      expected or EXAM_NO_EXPECTED, shown(value)))
        return exam_no

    def _read_json(self, path: Path, label: str) -> None:
        """candidates/*.json: {"candidates": [{exam_no, name, id_number, office, ...the record}]} (held once: JSON)."""
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            self.problems.add(Problem(label, "(文件)", None, "UTF-8 编码的 JSON"))
            return
        except json.JSONDecodeError as err:
            self.problems.add(Problem(label, f"第 {err.lineno} 行第 {err.colno} 列", None, "合法的 JSON"))
            return
        entries = doc.get("candidates") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            self.problems.add(Problem(label, "candidates", None, "考生记录的列表"))
            return
        origin = len(self.sources)
        self.sources.append(Source(label, None))
        for i, entry in enumerate(entries):
            where = f"candidates[{i}]"
            if not isinstance(entry, dict):
                self.problems.add(Problem(label, where, None, "JSON 对象"))
                continue
            self.rows["json"] += 1
            exam_no = self._exam_no(entry.get("exam_no"), label, where, None)
            if exam_no is not None:
                self.spill.add(exam_no, (exam_no, "json", origin, where, entry))
