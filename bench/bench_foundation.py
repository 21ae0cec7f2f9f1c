"""Foundation benchmarks: import throughput into the embedded stack, and cold imports of each handler module.

Cold imports run in fresh interpreters, interleaved with the baselines and repeated, and report medians, because
this machine is shared and noisy.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = {
    "bare FastAPI+Mangum": "bench.bare_handler_no_boto3",
    "bare FastAPI+Mangum+boto3 table": "bench.bare_handler",
    "eligibility handler": "functions.eligibility.handler",
    "photo handler": "functions.photo.handler",
    "apply handler": "functions.apply.handler",
}
ROUNDS = 11


def _cold_import_ms(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"
    env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "PYTHONDONTWRITEBYTECODE": "0"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                            check=True)
    return float(result.stdout.strip().splitlines()[-1])


def cold_imports() -> list[tuple[str, float, str]]:
    for module in MODULES.values():  # warm the file cache and the .pyc files first
        _cold_import_ms(module)
    samples: dict[str, list[float]] = {name: [] for name in MODULES}
    for _ in range(ROUNDS):
        for name, module in MODULES.items():
            samples[name].append(_cold_import_ms(module))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    baseline = medians["bare FastAPI+Mangum+boto3 table"]
    rows = [(f"cold import: {name}", round(ms, 1), f"ms (median of {ROUNDS})") for name, ms in medians.items()]
    rows += [(f"cold import ratio: {name} / bare+boto3", round(medians[name] / baseline, 2), "×")
             for name in ("eligibility handler", "photo handler", "apply handler")]
    return rows


def import_throughput(count: int = 2000) -> list[tuple[str, float, str]]:
    import json

    from functions.common.aws import dynamodb_table
    from functions.common.dynamo.store import Store
    from functions.common.settings import Settings
    from functions.eligibility.importer import import_directory
    from infra.demo.generate import generate
    from infra.local import stack as local_stack

    stack = local_stack.start("hubei", "http://127.0.0.1:8000")
    try:
        store = Store(dynamodb_table(Settings.from_env().table))
        offices = {f"{c}" for c in ("420100", "420200", "420300", "420500", "420600", "420800", "420900",
                                   "421000", "421100", "422800")}
        with tempfile.TemporaryDirectory() as directory:
            (Path(directory) / "candidates").mkdir()
            (Path(directory) / "candidates" / "c.json").write_text(
                json.dumps({"candidates": generate("hubei", count=count)}, ensure_ascii=False))
            started = time.perf_counter()
            import_directory(store, Path(directory), offices)
            first = time.perf_counter() - started
            started = time.perf_counter()
            again = import_directory(store, Path(directory), offices)
            second = time.perf_counter() - started
        assert again.written == 0
    finally:
        stack.stop()
    return [("import into embedded stack", round(count / first), f"candidates/s ({count} new)"),
            ("re-import (nothing changed)", round(count / second), f"candidates/s ({count} unchanged)")]


def run() -> list[tuple[str, float, str]]:
    return import_throughput() + cold_imports()


if __name__ == "__main__":
    for row in run():
        print(" | ".join(str(x) for x in row))
