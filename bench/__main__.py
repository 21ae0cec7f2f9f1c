"""`make bench`: every benchmark of the project, printed as one table."""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
import time

SUITES = ["bench.bench_foundation", "bench.bench_eligibility", "bench.bench_import", "bench.bench_photo",
          "bench.bench_identity", "bench.bench_forms", "bench.bench_accounts", "bench.bench_apply",
          "bench.bench_review",
          "bench.bench_key_index", "bench.bench_load", "bench.bench_site", "bench.bench_cost"]


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return str(value)


def _run_one(suite: str) -> int:
    """One suite in this process; its rows as one JSON line on stdout for the parent."""
    module = importlib.import_module(suite)
    print(json.dumps([list(row) for row in module.run()], ensure_ascii=False, default=float))
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        return _run_one(argv[1])
    wanted = [s for s in SUITES if not argv or any(a in s for a in argv)]
    rows: list[tuple[str, str, str, str]] = []
    for suite in wanted:
        # Each suite in a process of its own: moto keeps its resources per process and the functions build their
        # AWS clients at import, so a second stack in one process would meet the first one's.
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "bench", "--one", suite], stdout=subprocess.PIPE, text=True)
        name = suite.split(".")[-1].removeprefix("bench_")
        if done.returncode != 0:
            rows.append((name, "FAILED", f"exit {done.returncode}", "see stderr"))
            continue
        for measure, value, unit in json.loads(done.stdout.strip().splitlines()[-1]):
            rows.append((name, measure, _shown(value), unit))
        print(f"({suite} took {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    widths = [max(len(r[i]) for r in rows + [("suite", "measure", "value", "unit")]) for i in range(4)]

    def line(row: tuple[str, str, str, str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))

    print(line(("suite", "measure", "value", "unit")))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    return 1 if any(r[1] == "FAILED" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
