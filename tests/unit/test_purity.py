"""The pure cores stay pure (DESIGN: pure core, thin edges): the engine, the photo checks, the profiles' rules, the
lifecycle, the forms' rendering and every rules.py import no AWS SDK and no web framework, not even through another
module of ours, and read no clock, environment or randomness themselves."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PURE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]["files"]
# Never imported by a pure module, directly or through anything it imports.
FORBIDDEN_PACKAGES = ("boto3", "botocore", "fastapi", "starlette", "mangum", "uvicorn", "moto")
# Never read by a pure module itself (its caller passes the time, the settings, the randomness).
FORBIDDEN_MODULES = {"time", "os", "random", "secrets", "boto3", "botocore", "fastapi", "mangum", "starlette"}
FORBIDDEN_ATTRIBUTES = {"now", "today", "utcnow", "getenv", "environ", "time_ns"}


def pure_files() -> list[Path]:
    """The files pyproject.toml's [tool.mypy] list names (folders, files, globs): the one list of the pure cores."""
    found: set[Path] = set()
    for entry in PURE:
        matched = ROOT.glob(entry) if "*" in entry else [ROOT / entry]
        for path in matched:
            found |= set(path.rglob("*.py")) if path.is_dir() else {path}
    return sorted(p for p in found if p.name != "__init__.py")


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
