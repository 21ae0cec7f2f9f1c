"""`biye import` of a province's own exports (CSV and Excel) into the embedded stack: what a dry run says is what the
import then does; a refused file stores nothing; the command line answers in Chinese with exit 2."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from functions.common.dynamo.store import Store
from functions.common.ids import id_check_digit
from functions.eligibility.importer import ImportRejected, import_directory
from functions.profiles.loader import load_profile
from infra.demo.exports import write_csv, write_xlsx
from infra.demo.generate import generate

ROOT = Path(__file__).resolve().parents[2]
HUBEI = {o["code"]: o["name"] for o in load_profile("hubei").data["offices"]}


def people(count: int, first_digit: str) -> list[dict]:
    """Demo candidates with 准考证 and ID numbers no other test stores."""
    found = generate("hubei", count=count)
    for serial, c in enumerate(found):
        c["exam_no"] = first_digit + c["exam_no"][1:]
        first17 = f"{c['id_number'][:14]}{first_digit}{serial % 100:02d}"
        c["id_number"] = first17 + id_check_digit(first17)
    return found


def rewrite(path: Path, change) -> None:
    """Apply change(rows) to a CSV written by write_csv (header first)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    rows = change(rows)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def sittings_of(candidates) -> int:
    """成绩 rows write_csv makes: the sittings, and a passed thesis as one more."""
    return sum(len(c["attempts"]) + bool(c.get("thesis")) for c in candidates)


def test_a_dry_run_says_what_the_import_then_does_per_kind(table, tmp_path):
    store = Store(table)
    candidates = people(31, "7")
    newcomer = candidates.pop()
    write_csv(candidates, tmp_path / "candidates")
    first = import_directory(store, tmp_path, HUBEI, dry_run=True)
    kinds = first.changes.kinds
    assert (kinds["candidates"].added, kinds["attempts"].added) == (30, sittings_of(candidates))
    assert store.candidate(candidates[0]["exam_no"]) is None      # a dry run writes nothing
    import_directory(store, tmp_path, HUBEI)
    assert store.candidate(candidates[0]["exam_no"])["name"] == candidates[0]["name"]

    # next term's export: one more candidate; for another, a sitting corrected and the earliest one withdrawn
    target = candidates[1]
    earliest = min(range(len(target["attempts"])), key=lambda i: target["attempts"][i]["session"])
    del target["attempts"][earliest]
    target["attempts"][0]["score"] = 99 if target["attempts"][0]["score"] != 99 else 98
    write_csv([*candidates, newcomer], tmp_path / "candidates")
    before = store.candidate(target["exam_no"])
    dry = import_directory(store, tmp_path, HUBEI, dry_run=True)
    kinds = dry.changes.kinds
    assert (kinds["candidates"].added, kinds["candidates"].changed, kinds["candidates"].unchanged) == (1, 1, 29)
    assert (kinds["attempts"].added, kinds["attempts"].changed, kinds["attempts"].removed) == \
        (sittings_of([newcomer]), 1, 1)
    assert store.candidate(target["exam_no"]) == before and store.candidate(newcomer["exam_no"]) is None

    done = import_directory(store, tmp_path, HUBEI)
    assert vars(done.changes.kinds["attempts"]) == vars(kinds["attempts"]) and done.written == 2
    after = store.candidate(target["exam_no"])
    assert len(after["attempts"]) == len(before["attempts"]) - 1
    assert after["attempts"][0]["score"] == target["attempts"][0]["score"]


def test_a_changed_name_or_office_is_a_change(table, tmp_path):
    store = Store(table)
    candidates = people(3, "5")
    write_csv(candidates, tmp_path / "candidates")
    import_directory(store, tmp_path, HUBEI)
    rewrite(tmp_path / "candidates" / "考生.csv",
            lambda rows: [rows[0], [rows[1][0], "改名字", *rows[1][2:]], *rows[2:]])
    report = import_directory(store, tmp_path, HUBEI)
    assert report.written == 1 and report.changes.kinds["candidates"].changed == 1
    assert store.candidate(candidates[0]["exam_no"])["name"] == "改名字"


def test_excel_and_csv_exports_store_the_same_records(table, tmp_path):
    store = Store(table)
    candidates = people(20, "8")
    write_csv(candidates, tmp_path / "csv" / "candidates")
    write_xlsx(candidates, tmp_path / "xlsx" / "candidates" / "考籍.xlsx")
    import_directory(store, tmp_path / "csv", HUBEI)
    again = import_directory(store, tmp_path / "xlsx", HUBEI)
    assert again.written == 0 and again.changes.kinds["candidates"].unchanged == 20


def test_a_refused_file_stores_nothing_of_any_file(table, tmp_path):
    store = Store(table)
    candidates = people(10, "3")
    write_csv(candidates, tmp_path / "candidates")
    rewrite(tmp_path / "candidates" / "成绩.csv", lambda rows: rows[:5] + [[*rows[5][:3], "七十五", *rows[5][4:]]]
            + rows[6:])
    with pytest.raises(ImportRejected) as caught:
        import_directory(store, tmp_path, HUBEI)
    problem = caught.value.problems[0]
    assert (problem.file, problem.where, problem.column) == ("candidates/成绩.csv", "第 6 行", "成绩")
    assert all(store.candidate(c["exam_no"]) is None for c in candidates)


def biye(*args):
    return subprocess.run([sys.executable, "-m", "functions.cli", "import", *map(str, args), "--province", "hubei"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_the_command_line_dry_run_prints_the_summary_and_writes_nothing(stack, table, tmp_path):
    candidates = people(5, "2")
    write_csv(candidates, tmp_path / "candidates")
    done = biye(tmp_path, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "试运行" in done.stdout and "考生" in done.stdout and "新增" in done.stdout
    assert done.stderr == ""   # no progress bar when stderr is not a terminal
    assert Store(table).candidate(candidates[0]["exam_no"]) is None
    done = biye(tmp_path, "--json")
    assert json.loads(done.stdout)["changes"]["candidates"]["added"] == 5


def test_the_command_line_lists_every_problem_and_exits_2(stack, table, tmp_path):
    candidates = people(4, "1")
    write_csv(candidates, tmp_path / "candidates")
    rewrite(tmp_path / "candidates" / "考生.csv",
            lambda rows: [rows[0], [rows[1][0], rows[1][1], "123", *rows[1][3:]], [*rows[2][:4], "去年", *rows[2][5:]],
                          *rows[3:]])
    done = biye(tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("candidates/考生.csv 第 2 行「身份证号」列：应为有效的身份证号")
    assert lines[1].startswith("candidates/考生.csv 第 3 行「注册日期」列：应为")
    assert lines[-1] == "共 2 处问题，未写入任何数据。"
    assert "Traceback" not in done.stderr
