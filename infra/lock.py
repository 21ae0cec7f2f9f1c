"""The lock: `uv.lock` pins every Python package with its hashes; `requirements/` is what pip installs from it.

`make lock` resolves uv.lock from pyproject.toml (uv, only needed to update) and exports the requirements files;
`make install` installs them with plain pip (`--require-hashes --no-deps`: the lock is complete, and nothing is
resolved again) and then runs `python -m infra.lock sync`, which makes the venv exactly the lock:

- uninstalls what the venv holds and the lock no longer lists (a dependency removed from pyproject.toml),
- fails if a locked package is missing or at another version,
- fails on any `pip check` complaint but the declared dependencies pyproject.toml excludes on purpose.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UV_LOCK = ROOT / "uv.lock"
PYPROJECT = ROOT / "pyproject.toml"
VENV_REQUIREMENTS = ROOT / "requirements" / "venv.txt"
BUILD_REQUIREMENTS = ROOT / "requirements" / "build.txt"
PROJECT = "biye"


def normalize(name: str) -> str:
    """PEP 503: `PyYAML`, `pyyaml` and `py_yaml` are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def entries(text: str) -> list[tuple[str, str, str, list[str]]]:
    """(name, version, marker, hashes) of each `name==version ; marker --hash=...` entry of a requirements file."""
    joined = re.sub(r"\\\n", " ", text)
    found = []
    for line in joined.splitlines():
        match = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(?:;\s*(.*?))?\s*((?:--hash=\S+\s*)*)$", line)
        if match:
            name, version, marker, hashes = match.groups()
            found.append((normalize(name), version, (marker or "").strip(), hashes.split()))
    return found


def applies(marker: str, environment: dict[str, str] | None = None) -> bool:
    """Whether an entry's marker holds here, or in `environment` (the Lambda runtime's, say)."""
    if not marker:
        return True
    from packaging.markers import Marker  # from the dev group: the venv has it whenever this runs
    return Marker(marker).evaluate(environment)


def pins(path: Path = VENV_REQUIREMENTS, environment: dict[str, str] | None = None) -> dict[str, str]:
    """name → locked version of every package the requirements file installs in this (or that) environment."""
    return {name: version for name, version, marker, _ in entries(path.read_text(encoding="utf-8"))
            if applies(marker, environment)}


def excluded_dependencies() -> dict[str, set[str]]:
    """package → the declared dependencies it is installed without ([tool.uv] exclude-dependencies)."""
    settings = tomllib.loads(PYPROJECT.read_text(encoding="utf-8")).get("tool", {}).get("uv", {})
    excluded: dict[str, set[str]] = {}
    for rule in settings.get("exclude-dependencies", []):
        package = rule["package"]["name"] if isinstance(rule, dict) else None
        dependencies = rule["dependencies"] if isinstance(rule, dict) else [rule]
        excluded.setdefault(normalize(package or "*"), set()).update(normalize(d) for d in dependencies)
    return excluded


def installed() -> dict[str, str]:
    return {normalize(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}


def unlocked(locked: dict[str, str], present: dict[str, str]) -> list[str]:
    return sorted(name for name in present if name not in locked and name != PROJECT)


def version_problems(locked: dict[str, str], present: dict[str, str]) -> list[str]:
    problems = []
    for name, version in sorted(locked.items()):
        if name not in present:
            problems.append(f"{name}=={version} is locked but not installed")
        elif present[name] != version:
            problems.append(f"{name} is {present[name]} here but {version} in the lock")
    return problems


def pip_check_problems(output: str, excluded: dict[str, set[str]]) -> list[str]:
    """`pip check`'s complaints, less `X requires Y, which is not installed.` for each Y that X is locked without."""
    problems = []
    for line in output.splitlines():
        match = re.match(r"^(\S+) \S+ requires (\S+?),? which is not installed\.$", line.strip())
        if match and normalize(match[2]) in excluded.get(normalize(match[1]), set()) | excluded.get("*", set()):
            continue
        if line.strip() and line.strip() != "No broken requirements found.":
            problems.append(line.strip())
    return problems


def sync(requirements: Path = VENV_REQUIREMENTS) -> int:
    locked = pins(requirements)
    extra = unlocked(locked, installed())
    if extra:
        print(f"uninstalling what the lock no longer lists: {' '.join(extra)}")
        subprocess.run([sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet", *extra], check=True)
    check = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    problems = version_problems(locked, installed()) + pip_check_problems(check.stdout, excluded_dependencies())
    for problem in problems:
        print(f"the venv is not the lock: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["sync"] or len(sys.argv) > 3:
        sys.exit("usage: python -m infra.lock sync [REQUIREMENTS]")
    sys.exit(sync(Path(sys.argv[2]) if len(sys.argv) == 3 else VENV_REQUIREMENTS))
