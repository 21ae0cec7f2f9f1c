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
# A new environment's first request, answered without AWS: a page's first call (who is signed in: nobody, 401), and
# the bare handler's one route. Routes are imported on first request (common/features.py): this counts them.
FIRST_REQUEST = {
    "bare FastAPI+Mangum+boto3 table": ("POST", "/api/bare/1", b'{"text": "x"}'),
    "eligibility handler": ("GET", "/api/eligibility/majors", b""),
    "photo handler": ("GET", "/api/photo/uploads", b""),
    "apply handler": ("GET", "/api/apply/session", b""),
}
ROUNDS = 11
HANDLERS = ("eligibility handler", "photo handler", "apply handler")


def _cold_ms(module: str, request: tuple[str, str, bytes] | None = None) -> tuple[float, float]:
    """(wall ms, CPU ms) from a fresh interpreter's import of `module` to its handler's answer to `request` (None:
    the import alone). CPU time is what the process itself spent: others' work on this shared machine is not in it."""
    answer = ""
    if request:
        method, path, body = request
        answer = (f"h = sys.modules['{module}'].handler({{'version': '2.0', 'rawPath': '{path}', 'rawQueryString': '',"
                  f" 'headers': {{'content-type': 'application/json'}}, 'body': {body.decode()!r}, "
                  f"'isBase64Encoded': False, 'requestContext': {{'http': {{'method': '{method}', 'path': '{path}', "
                  f"'sourceIp': '127.0.0.1'}}, 'stage': '$default'}}}}, None); assert h['statusCode'] < 500, h; ")
    code = (f"import sys, time; t = time.perf_counter(); c = time.process_time(); import {module}; {answer}"
            f"print((time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000)")
    env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
           "AWS_SECRET_ACCESS_KEY": "testing", "PYTHONDONTWRITEBYTECODE": "0"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                            check=True)
    wall, cpu = result.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def cold_imports() -> list[tuple[str, float, str]]:
    runs = [(name, module, None) for name, module in MODULES.items()]
    runs += [(f"{name} + first request", MODULES[name], request) for name, request in FIRST_REQUEST.items()]
    for _, module, request in runs:  # warm the file cache and the .pyc files first
        _cold_ms(module, request)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in runs}
    for _ in range(ROUNDS):   # interleaved, so a busy moment of the machine falls on every measure alike
        for name, module, request in runs:
            samples[name].append(_cold_ms(module, request))
    wall = {name: statistics.median(w for w, _ in values) for name, values in samples.items()}
    cpu = {name: statistics.median(c for _, c in values) for name, values in samples.items()}
    rows = [(f"cold import: {name}", round(ms, 1), f"ms (median of {ROUNDS}; CPU {cpu[name]:.0f} ms)")
            for name, ms in wall.items()]
    for measure, of in (("cold import ratio", ""), ("cold start to first answer ratio", " + first request")):
        base = "bare FastAPI+Mangum+boto3 table" + of
        rows += [(f"{measure}: {name} / bare+boto3", round(wall[name + of] / wall[base], 2),
                  f"× (CPU {cpu[name + of] / cpu[base]:.2f}×)") for name in HANDLERS]
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
