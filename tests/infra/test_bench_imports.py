"""`make bench` is not run by the tests (it takes minutes and measures), so a module moved in the code would only
break it the next time someone benchmarks. Every import of the project's own code in bench/, at the top of a module
or inside a function, must name a module and a name that exist."""
from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OWN = ("functions", "infra", "bench", "site")


def _own_imports():
    for path in sorted((ROOT / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module.split(".")[0] in OWN[:3]:
                for alias in node.names:
                    yield pytest.param(node.module, alias.name, id=f"{path.name}:{node.lineno}:{node.module}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in OWN[:3]:
                        yield pytest.param(alias.name, None, id=f"{path.name}:{node.lineno}:{alias.name}")


def _top_level_names(source_file: str) -> set[str]:
    names: set[str] = set()
    for node in ast.parse(Path(source_file).read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    if "__getattr__" in names and "__all__" in names:   # a package that loads its names on first use
        names |= set(_all_of(source_file))
    return names


def _all_of(source_file: str) -> list[str]:
    for node in ast.parse(Path(source_file).read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return list(ast.literal_eval(node.value))
    return []


@pytest.mark.parametrize(("module", "name"), list(_own_imports()))
def test_every_bench_import_names_what_exists(module, name):
    # Found, not imported: the handlers build their AWS clients at import, which needs a stack.
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin, f"{module} does not exist"
    if name is not None and name not in _top_level_names(spec.origin):
        assert importlib.util.find_spec(f"{module}.{name}") is not None, f"{module} has no {name}"
