"""`biye import` at a province's scale: 200,000 candidates with 20 sittings each, from CSV.

    .venv/bin/python bench/bench_import.py [candidates]

- read + check: every row read, every record put together and read by the engine, nothing written
  (import_directory's first half, `read_directory`): once on all the candidates (it takes minutes), and three
  times on a quarter of them, interleaved with Python's csv module only splitting the same files (the floor any
  CSV import stands on) for a ratio;
- peak memory of that read, each in a process of its own, at a quarter of the candidates and at all of them: the
  rows are streamed and parked on disk by 准考证号, so the peak must not grow with the file;
- the write into the embedded stack (moto's DynamoDB in-process, as `make run`): on WRITE_SHARE of the
  candidates, because moto writes a few hundred items a second; candidates per second.

The CSV files are written once, streamed (utf-8-sig, as Excel's "CSV UTF-8"), with the usual variants: scores as
text, 缺考 notes, graded results, sessions as 2025-04 and 202504.
"""
from __future__ import annotations

import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from functions.common.ids import id_check_digit  # noqa: E402 (after the path, so the file also runs as a script)

CANDIDATES = 200_000
SITTINGS = 20
WRITE_SHARE = 0.02            # of the candidates written into the embedded stack
ROUNDS = 3                    # medians of the read and the csv baseline
OFFICES = ["420100", "420200", "420300", "420500", "420600", "420800", "420900", "421000", "421100", "422800"]
CODES = ["15040", "15043", "15044", "13000", "00023", "02324", "13013", "13014", "13003", "13004", "13015",
         "13180", "02333", "02334", "00898", "00899", "04735", "04736", "04747", "04748", "13017", "14976"]
SESSIONS = ["2022-04", "2022-10", "2023-04", "202310", "2024-04", "2024-10", "2025-04", "202510"]


def write_files(folder: Path, count: int, seed: int = 7) -> int:
    """考生.csv and 成绩.csv for `count` candidates, written row by row; the number of data rows."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows = 0
    with (folder / "考生.csv").open("w", encoding="utf-8-sig", newline="") as people, \
            (folder / "成绩.csv").open("w", encoding="utf-8-sig", newline="") as scores:
        who, what = csv.writer(people), csv.writer(scores)
        who.writerow(["准考证号", "姓名", "身份证号", "考办代码", "注册日期", "考生类别"])
        what.writerow(["准考证号", "课程代码", "课程名称", "考期", "成绩", "备注"])
        for serial in range(count):
            office = OFFICES[serial % len(OFFICES)]
            exam_no = f"{office[:4]}{20 + serial % 6:02d}{serial:06d}"[-12:]
            first17 = f"{office}{1980 + serial % 20}{1 + serial % 12:02d}{1 + serial % 28:02d}{serial % 1000:03d}"
            who.writerow([exam_no, "张三", first17 + id_check_digit(first17), office, "2021/9/1", "社会考生"])
            for code in rnd.sample(CODES, SITTINGS):
                kind = rnd.random()
                score, note = (("", "缺考") if kind < 0.05 else ("合格", "") if kind < 0.1 else
                               (str(rnd.randint(30, 95)), ""))
                what.writerow([exam_no, code, "课程", rnd.choice(SESSIONS), score, note])
            rows += 1 + SITTINGS
    return rows


def csv_baseline(folder: Path) -> float:
    """Seconds for Python's csv module to split every row of the files, nothing else."""
    started = time.perf_counter()
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for _ in csv.reader(handle):
                pass
    return time.perf_counter() - started


READ = f"""
import json, resource, sys, time
from functions.eligibility.importer import read_directory
offices = {{code: "" for code in {OFFICES!r}}}
started = time.perf_counter()
with read_directory(sys.argv[1], offices) as (report, _, chunks):
    candidates = sum(len(items) for items in chunks())
print(json.dumps({{"seconds": time.perf_counter() - started, "rows": report.rows, "candidates": candidates,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

BARE = """
import json, resource
import functions.eligibility.importer, functions.eligibility.engine  # the same modules, no import
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child(code: str, *args: str) -> dict:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=root, check=True,
                          env={**os.environ, "PYTHONPATH": str(root)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_path(folder: Path, count: int) -> float:
    """Seconds to import `count` candidates' files into the embedded stack (a fresh table)."""
    from functions.common.aws import dynamodb_table
    from functions.common.dynamo.store import Store
    from functions.common.settings import Settings
    from functions.eligibility.importer import import_directory
    from infra.local import stack as local_stack

    stack = local_stack.start("hubei", "http://127.0.0.1:18500")
    try:
        store = Store(dynamodb_table(Settings.from_env().table))
        started = time.perf_counter()
        report = import_directory(store, folder, set(OFFICES))
        seconds = time.perf_counter() - started
        assert report.written == count, report.written
    finally:
        stack.stop()
    return seconds


def run(candidates: int = CANDIDATES) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as directory:
        root = Path(directory)
        quarter = max(1, candidates // 4)
        rows = write_files(root / "all" / "candidates", candidates)
        quarter_rows = write_files(root / "quarter" / "candidates", quarter)
        size_mb = sum(p.stat().st_size for p in (root / "all" / "candidates").glob("*.csv")) / 2**20
        whole = _child(READ, str(root / "all"))   # once: it takes minutes
        assert whole["candidates"] == candidates and whole["rows"] == rows, whole
        reads, floors = [], []
        for _ in range(ROUNDS):   # interleaved, so both see the same machine
            floors.append(csv_baseline(root / "quarter" / "candidates"))
            reads.append(_child(READ, str(root / "quarter")))
        bare = _child(BARE)
        written = max(1, int(candidates * WRITE_SHARE))
        write_files(root / "part" / "candidates", written)
        write_s = write_path(root / "part", written)
    read_s, floor_s = statistics.median(r["seconds"] for r in reads), statistics.median(floors)
    return [
        ("CSV read + check, all candidates (nothing written)", round(whole["seconds"], 1),
         f"s ({candidates:,} candidates × {SITTINGS} sittings, {rows:,} rows, {size_mb:.0f} MB; one run)"),
        ("CSV read + check, all candidates", round(rows / whole["seconds"]), "rows/s"),
        ("CSV read + check, a quarter of them", round(quarter_rows / read_s), f"rows/s (median of {ROUNDS})"),
        ("ratio: read + check / csv module splitting the same rows", round(read_s / floor_s, 1),
         f"× (a quarter, medians of {ROUNDS}, interleaved)"),
        ("peak memory of the read, all candidates", round(whole["peak_mb"]), "MB RSS"),
        ("peak memory of the read, a quarter of them", round(statistics.median(r["peak_mb"] for r in reads)),
         f"MB RSS ({quarter:,})"),
        ("peak memory of the same modules, no import", round(bare["peak_mb"]), "MB RSS"),
        ("import into the embedded stack (write path)", round(written / write_s),
         f"candidates/s ({written:,}: {WRITE_SHARE:.0%} of them)"),
        ("write path, rows", round(written * (SITTINGS + 1) / write_s), "rows/s"),
    ]


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else CANDIDATES):
        print(" | ".join(str(x) for x in row))
