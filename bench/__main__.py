"""`make bench`: every benchmark of the project, printed as one table."""
from __future__ import annotations

import importlib
import sys
import time

SUITES = ["bench.bench_foundation", "bench.bench_eligibility", "bench.bench_photo", "bench.bench_forms",
          "bench.bench_accounts", "bench.bench_apply", "bench.bench_review", "bench.bench_load",
          "bench.bench_site"]


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return str(value)


def main(argv: list[str]) -> int:
    wanted = [s for s in SUITES if not argv or any(a in s for a in argv)]
    rows: list[tuple[str, str, str, str]] = []
    for suite in wanted:
        started = time.perf_counter()
        try:
            module = importlib.import_module(suite)
        except ModuleNotFoundError:
            continue
        for name, value, unit in module.run():
            rows.append((suite.split(".")[-1].removeprefix("bench_"), name, _shown(value), unit))
        print(f"({suite} took {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    widths = [max(len(r[i]) for r in rows + [("suite", "measure", "value", "unit")]) for i in range(4)]
    line = lambda r: " | ".join(c.ljust(w) for c, w in zip(r, widths))  # noqa: E731
    print(line(("suite", "measure", "value", "unit")))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
