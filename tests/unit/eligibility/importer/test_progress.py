"""The progress bar: on a terminal, for files over a few thousand rows; never in a pipe or a log."""
from __future__ import annotations

import io

from functions.eligibility.importer import read_directory
from functions.eligibility.importer.progress import Progress

from .support import CANDIDATE_HEADER, CANDIDATE_ROW, EXAM_NO, HUBEI_OFFICES, write


class Terminal(io.StringIO):
    def isatty(self):
        return True


def read_with(stream, root):
    with read_directory(root, HUBEI_OFFICES, progress=Progress(stream)) as (report, _, _):
        return report


def sittings(count: int) -> str:
    return "准考证号,课程代码,考期,成绩\n" + "".join(f"{EXAM_NO},{10000 + i % 500},2025-04,80\n" for i in range(count))


def test_a_big_file_on_a_terminal_shows_a_bar_that_ends_at_100_percent(tmp_path):
    write(tmp_path, {"考生.csv": f"{CANDIDATE_HEADER}\n{CANDIDATE_ROW}\n", "成绩.csv": sittings(20000)})
    screen = Terminal()
    read_with(screen, tmp_path)
    shown = screen.getvalue()
    assert "读取 candidates/成绩.csv" in shown and "100%" in shown and "█" * 30 in shown
    assert "考生.csv" not in shown   # two rows: no bar


def test_no_bar_when_not_a_terminal_or_for_a_small_file(tmp_path):
    write(tmp_path, {"考生.csv": f"{CANDIDATE_HEADER}\n{CANDIDATE_ROW}\n", "成绩.csv": sittings(20000)})
    pipe = io.StringIO()
    read_with(pipe, tmp_path)
    assert pipe.getvalue() == ""
    write(tmp_path, {"成绩.csv": sittings(100)})
    screen = Terminal()
    read_with(screen, tmp_path)
    assert screen.getvalue() == ""
