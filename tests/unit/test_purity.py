"""The pure cores stay pure (DESIGN: pure core, thin edges): the engine, the photo checks, the profiles' rules, the
lifecycle, the forms' rendering and every rules.py import no AWS SDK and no web framework, not even through another
module of ours, and read no clock, environment or randomness themselves."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = ROOT / "functions"
PURE = [
    "eligibility/engine/*.py",
    "photo/checks/*.py",
    "profiles/vocabulary.py", "profiles/schema.py", "profiles/photo_rules.py", "profiles/checked.py",
    "apply/application/lifecycle.py", "apply/application/events.py", "apply/application/status.py",
    "apply/forms/data.py", "apply/forms/model.py", "apply/forms/layout.py", "apply/forms/sections.py",
    "apply/forms/render.py", "apply/review/answers.py",
    "common/time.py", "common/ids.py", "common/jurisdiction.py",
    "**/rules.py", "**/prior_rules.py",
]
# Never imported by a pure module, directly or through anything it imports.
FORBIDDEN_PACKAGES = ("boto3", "botocore", "fastapi", "starlette", "mangum", "uvicorn", "moto")
# Never read by a pure module itself (its caller passes the time, the settings, the randomness).
FORBIDDEN_MODULES = {"time", "os", "random", "secrets", "boto3", "botocore", "fastapi", "mangum", "starlette"}
FORBIDDEN_ATTRIBUTES = {"now", "today", "utcnow", "getenv", "environ", "time_ns"}


def pure_files() -> list[Path]:
    found = {path for pattern in PURE for path in FUNCTIONS.glob(pattern) if path.name != "__init__.py"}
    return sorted(found)


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_the_list_of_pure_modules_finds_them():
    names = {module_name(p) for p in pure_files()}
    assert "functions.eligibility.engine.audit" in names and "functions.apply.sections.rules" in names
    assert len(names) >= 40, sorted(names)


def test_no_pure_module_reads_a_clock_the_environment_or_randomness():
    offences = []
    for path in pure_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                offences += [f"{path.name}: import {a.name}" for a in node.names
                             if a.name.split(".")[0] in FORBIDDEN_MODULES]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] in FORBIDDEN_MODULES:
                    offences.append(f"{path.name}: from {node.module}")
            elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
                offences.append(f"{module_name(path)}:{node.lineno}: .{node.attr}")
    assert offences == []


def test_no_pure_module_pulls_in_aws_or_the_web_framework():
    names = [module_name(p) for p in pure_files()]
    script = ("import importlib, json, sys\n"
              f"names = {names!r}\n"
              "leaks = {}\n"
              "for name in names:\n"
              "    before = set(sys.modules)\n"
              "    importlib.import_module(name)\n"
              "    new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
              f"    bad = sorted(new & set({FORBIDDEN_PACKAGES!r}))\n"
              "    if bad: leaks[name] = bad\n"
              "print(json.dumps(leaks))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {}
