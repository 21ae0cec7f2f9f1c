"""A candidate's parts put together into the record the engine reads; the engine reads it (every ordinary variant,
engine/record.py) and each problem it names by JSON path is traced back to the file, row and column it came from."""
from __future__ import annotations

import datetime as _dt
import re

from functions.common.dynamo.store import candidate_item
from functions.eligibility.engine import EngineInputError, read_candidate
from functions.eligibility.engine.values import EXEMPTED, TRANSFERRED, text

from .identity import IDENTITY, _digits, identity_problems
from .problems import Problem, Problems, shown

# Table -> the record's list its rows become.
LIST_OF = {"sittings": "attempts", "exemptions": "exemptions", "transfers": "transfers",
           "disciplinary": "disciplinary", "prior_education": "prior_education"}
TEXT_FIELDS = ("candidate_type", "gender", "ethnicity", "political_status", "phone")
# A field the engine names -> the table field (column) it was read from.
COLUMN_OF = {"codes": "code", "result": "result"}
_PATH = re.compile(r"^candidate(?:\.([a-z_]+)(?:\[(\d+)\])?)?(?:\.(.+))?$")


class Assembler:
    def __init__(self, sources, offices: dict[str, str] | None, problems: Problems):
        self.sources, self.offices, self.problems = sources, offices, problems

    def bucket(self, parts: list) -> list[dict]:
        """The items of every candidate in one bucket (those that could be read)."""
        groups: dict[str, list] = {}
        for part in parts:
            groups.setdefault(part[0], []).append(part)
        return [item for exam_no, found in groups.items() if (item := self.candidate(exam_no, found))]

    def candidate(self, exam_no: str, parts: list) -> dict | None:
        heads = [p for p in parts if p[1] in ("candidates", "json")]
        if len(heads) != 1:
            first = heads[0] if heads else None
            for part in (heads[1:] if heads else parts[:3]):
                expected = (f"不重复的准考证号（{self.place(first)} 已有此考生）" if first else
                            f"本次导入的考生表或 JSON 中有此准考证号（{exam_no}）的考生")
                self.fail(part, "exam_no", expected)
            return None
        head = heads[0]
        record, origins = self.head(head)
        for part in parts:
            key = LIST_OF.get(part[1])
            if key:
                if not isinstance(record.get(key), list):
                    record[key] = [] if record.get(key) is None else record[key]
                if isinstance(record[key], list):
                    record[key].append(_row_item(part))
                    origins.setdefault(key, []).append((part, None))
        identity, bad = identity_problems(record, self.offices)
        for field, expected in bad:
            self.fail(head, field, expected)
        try:
            canonical = read_candidate({k: v for k, v in record.items() if k not in IDENTITY})
        except EngineInputError as err:
            for problem in err.problems:
                self.locate(problem, head, origins)
            return None
        return None if bad else candidate_item({"exam_no": exam_no, **identity, **canonical})

    def head(self, part) -> tuple[dict, dict]:
        """The record a 考生 row or a JSON entry starts, and where each of its list items came from."""
        if part[1] == "json":
            record = dict(part[4])
            origins = {key: [(part, i) for i in range(len(value))]
                       for key, value in record.items() if isinstance(value, list)}
            return record, origins
        record = {field: _plain(value) for field, value in part[4].items()}
        for field in TEXT_FIELDS:
            if field in record:
                record[field] = text(_digits(record[field]))
        for field in ("majors", "flags"):
            if field in record:
                record[field] = [m for m in re.split(r"[,;、，；\s]+", text(record[field])) if m]
        if "flags" in record:
            record["flags"] = dict.fromkeys(record["flags"], True)
        return record, {}

    def locate(self, problem: EngineInputError, head, origins) -> None:
        match = _PATH.match(problem.path)
        key, index, rest = match.groups() if match else (None, None, None)
        if key and index is not None and int(index) < len(origins.get(key, ())):
            part, json_index = origins[key][int(index)]
            if json_index is not None:
                return self.add(part, f"{part[3]}.{key}[{json_index}]" + (f".{rest}" if rest else ""), None,
                                problem.expected, None)
            field = COLUMN_OF.get(rest or "", rest or "")
            if field == "result" and "result" not in part[4]:
                field = "marker"
            return self.fail(part, field, problem.expected)
        if head[1] == "json":
            inner = problem.path.removeprefix("candidate").lstrip(".")
            return self.add(head, f"{head[3]}.{inner}" if inner else head[3], None, problem.expected, None)
        return self.fail(head, key or "", problem.expected)

    def fail(self, part, field: str, expected: str) -> None:
        """A problem in a part's field: a JSON path, or the row and the field's column."""
        if part[1] == "json":
            return self.add(part, f"{part[3]}.{field}" if field else part[3], None, expected, None)
        headers = self.sources[part[2]].headers or {}
        return self.add(part, f"第 {part[3]} 行", headers.get(field), expected, shown(part[4].get(field)))

    def add(self, part, where, column, expected, value) -> None:
        self.problems.add(Problem(self.sources[part[2]].label, where, column, expected, value))

    def place(self, part) -> str:
        return f"{self.sources[part[2]].label} {part[3] if part[1] == 'json' else f'第 {part[3]} 行'}"


def _row_item(part) -> dict:
    """A row of a list table as the record's item. A 成绩类型 of 免考 or 转考 is the row's result."""
    item = {field: _plain(value) for field, value in part[4].items()}
    marker = text(item.pop("marker", None))
    if marker in (EXEMPTED, TRANSFERRED):
        item["result"] = marker
    return item


def _plain(value):
    """A cell as JSON can hold it: Excel's dates become ISO text (the engine reads it like any written date)."""
    if type(value) is str:
        return value
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.time):
        return value.isoformat()
    return value
