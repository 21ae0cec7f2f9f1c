"""The engine is pure: no clock, no environment, no AWS or web framework (DESIGN: pure core, thin edges)."""

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[3] / "functions" / "eligibility" / "engine"
FORBIDDEN_MODULES = {"boto3", "botocore", "fastapi", "mangum", "time", "os", "random"}
FORBIDDEN_CALLS = {"now", "today", "utcnow", "getenv", "environ"}


def test_engine_reads_no_clock_and_no_environment():
    for path in ENGINE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & FORBIDDEN_MODULES, path.name
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module.split(".")[0] not in FORBIDDEN_MODULES, path.name
            elif isinstance(node, ast.Attribute):
                assert node.attr not in FORBIDDEN_CALLS, f"{path.name}: .{node.attr}"

