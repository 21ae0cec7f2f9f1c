"""What `biye import` refuses: each problem names the file, the row (or JSON path) and the column, in Chinese, and
says what was expected. A file's problems are all reported (up to PER_FILE of them); one problem anywhere and
nothing is written."""
from __future__ import annotations

import re
from dataclasses import dataclass

PER_FILE = 50        # beyond this a file is surely exported the wrong way: the rest would be noise
SHOWN_VALUE = 20     # characters of the offending value shown
_ROW = re.compile(r"第 (\d+) 行|candidates\[(\d+)\]")


@dataclass(frozen=True)
class Problem:
    file: str            # relative to the import directory; a workbook's sheet as 「表名」
    where: str           # "第 12 行", or a JSON path ("candidates[3].attempts[0].score"), or "(文件)"
    column: str | None   # the header as the file writes it
    expected: str
    value: str | None = None

    def __str__(self) -> str:
        column = f"「{self.column}」列" if self.column else ""
        got = f"（实际为「{self.value}」）" if self.value else ""
        return f"{self.file} {self.where}{column}：应为{self.expected}{got}"


def shown(value) -> str | None:
    """The offending value as a person would see it, cut short; ID numbers and other long numbers are not echoed."""
    if value is None or value == "":
        return None
    found = str(value).strip()
    if len(found) >= 15 and found[:15].isdigit():
        return None
    return found if len(found) <= SHOWN_VALUE else found[:SHOWN_VALUE] + "…"


class ImportRejected(ValueError):
    """Every problem found (capped per file); `.file`, `.where`, `.expected` are the first one's."""

    def __init__(self, problems: list[Problem], more: int = 0):
        self.problems, self.more = problems, more
        first = problems[0]
        self.file, self.where, self.expected = first.file, first.where, first.expected
        super().__init__(str(first))

    def lines(self) -> list[str]:
        found = [str(p) for p in self.problems]
        if self.more:
            found.append(f"……另有 {self.more} 处问题未列出")
        return found


class Problems:
    """Collects problems per file, keeping the first PER_FILE of each."""

    def __init__(self):
        self.kept: list[Problem] = []
        self.per_file: dict[str, int] = {}
        self.more = 0

    def add(self, problem: Problem) -> None:
        count = self.per_file.get(problem.file, 0) + 1
        self.per_file[problem.file] = count
        if count <= PER_FILE:
            self.kept.append(problem)
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.kept)

    def raise_if_any(self) -> None:
        """Refuse the import with every problem kept, by file and row (they are found bucket by bucket)."""
        if self.kept:
            order = {file: i for i, file in enumerate(dict.fromkeys(p.file for p in self.kept))}
            raise ImportRejected(sorted(self.kept, key=lambda p: (order[p.file], _row(p.where))), self.more)


def _row(where: str) -> int:
    match = _ROW.match(where)
    return int(match.group(1) or match.group(2)) if match else 0
