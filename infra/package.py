"""`make package`: the Lambda artefacts template.yaml points at, built from the lock without Docker.

  .build/code/            functions/ and the province profiles (one CodeUri, a handler module per function)
  .build/layers/<name>/   third-party packages for python3.12 on x86_64 (Amazon Linux 2023, glibc 2.34)

One layer per group of pyproject.toml: `core` is the project's own dependencies, every other layer one extra. A
layer holds exactly the versions uv.lock pins, installed with their hashes, so what the tests ran is what is
deployed. Every function takes the core layer, so the other layers leave out what core holds; the core layer leaves
out boto3 and what only boto3 needs, which the runtime ships. Wheels are chosen with pip's cross-platform options,
so a 3.11 machine builds for the 3.12 runtime; a package published only as source is built here into a wheel from
its hashed sdist, and must come out pure Python.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from infra import lock

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / ".build"
TEMPLATE = ROOT / "template.yaml"
LAYERS = ["core", *tomllib.loads(lock.PYPROJECT.read_text(encoding="utf-8"))["project"]["optional-dependencies"]]
# Files a layer leaves out (paths or glob patterns inside the layer), with the reason; the code must not use them.
# tests/infra/test_package.py runs the identity and photo checks on copies of these packages without them.
PRUNE = {
    # dlib's face comparison needs only the ResNet and the 5-point landmarks: the 68-point model (95 MB) and the
    # CNN face detector (0.7 MB) are left behind.
    "identity": ["face_recognition_models/models/shape_predictor_68_face_landmarks.dat",
                 "face_recognition_models/models/mmod_human_face_detector.dat",
                 "rapidocr_onnxruntime/models/ch_ppocr_mobile_v2.0_cls_infer.onnx",   # card_text.py reads upright
                 # onnxruntime's tools for converting and tuning models (Python only, never imported to run one)
                 "onnxruntime/transformers", "onnxruntime/quantization", "onnxruntime/tools", "onnxruntime/datasets",
                 # onnxruntime's C API library (16 MB) for programs linking it; the Python module has the runtime
                 # built in and does not load it
                 "onnxruntime/capi/libonnxruntime.so.*"],
    # LiteRT's WebGPU accelerator (19 MB), its NPU vendors' compiler plugins and its model-compiling tool: the
    # face models run on the CPU interpreter (face.py), which loads none of them.
    "photo": ["ai_edge_litert/libLiteRtWebGpuAccelerator.so", "ai_edge_litert/vendors", "ai_edge_litert/tools"],
}
# Packages a layer's group pulls in that its code never imports, left out of the layer (52 MB: without that the
# identity function is 294 MB unzipped). onnxruntime declares sympy (and sympy mpmath) for its model-conversion
# tools; rapidocr declares Shapely and pyclipper for its own post-processing, which card_text.py replaces;
# setuptools is there for face_recognition_models' __init__ (pkg_resources), which face_match.py never imports.
# tests/infra/test_package.py runs the identity check with these imports blocked, so a use would fail there.
UNUSED = {"identity": ["sympy", "mpmath", "shapely", "pyclipper", "setuptools"]}
RUNTIME_PROVIDED = ["boto3"]  # a second copy would add ~20 MB to every function
# Layers always taken together with others (template.yaml): such a layer leaves out what those hold too, as every
# layer leaves out what core holds. The identity function takes the photo layer (its face detector) as well, so
# the identity layer does not carry a second NumPy and Pillow.
TAKEN_WITH = {"identity": ["photo"]}
# The Lambda runtime python3.12 on x86_64, for the markers of the lock's entries.
LAMBDA_ENVIRONMENT = {
    "implementation_name": "cpython", "implementation_version": "3.12.0", "os_name": "posix",
    "platform_machine": "x86_64", "platform_python_implementation": "CPython", "platform_system": "Linux",
    "python_full_version": "3.12.0", "python_version": "3.12", "sys_platform": "linux",
}
# Amazon Linux 2023 has glibc 2.34, so wheels up to manylinux_2_34 run there. pip does not widen an explicit
# --platform to older glibc versions, so every one is named.
PLATFORMS = ["manylinux2014_x86_64"] + [f"manylinux_2_{minor}_x86_64" for minor in range(17, 35)]
LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024


def _uv() -> str:
    from uv import find_uv_bin  # uv is in the dev group: the venv that runs this has it
    return find_uv_bin()


def _group(name: str) -> list[tuple[str, str, str, list[str]]]:
    """The lock's entries for one group and what it needs, for the Lambda runtime, less what the runtime has."""
    command = [_uv(), "export", "--frozen", "--quiet", "--no-default-groups", "--no-emit-project", "--no-header",
               "--no-annotate"]
    command += [arg for package in RUNTIME_PROVIDED for arg in ("--prune", package)]
    if name != "core":
        command += ["--extra", name]
    exported = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [entry for entry in lock.entries(exported) if lock.applies(entry[2], LAMBDA_ENVIRONMENT)]


def layer_requirements(name: str) -> list[tuple[str, str, list[str]]]:
    """(package, version, hashes) of what the layer holds: its group less what the core layer holds, less what
    the layers it is always taken with hold, and less what its code never imports (UNUSED)."""
    held = set() if name == "core" else {package for package, *_ in _group("core")}
    for other in TAKEN_WITH.get(name, []):
        held |= {package for package, *_ in layer_requirements(other)}
    held |= set(UNUSED.get(name, []))
    return [(package, version, hashes) for package, version, _, hashes in _group(name) if package not in held]


def sdist_only() -> set[str]:
    """Packages the lock knows only as source (no wheel for any platform)."""
    locked = tomllib.loads(lock.UV_LOCK.read_text(encoding="utf-8"))["package"]
    return {lock.normalize(p["name"]) for p in locked if "sdist" in p and not p.get("wheels")}


def _requirements_file(folder: Path, entries: list[tuple[str, str, list[str]]]) -> Path:
    path = folder / "requirements.txt"
    path.write_text("".join(f"{name}=={version} {' '.join(hashes)}\n" for name, version, hashes in entries))
    return path


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", *args], check=True)


def _install_wheels(target: Path, entries: list, scratch: Path) -> None:
    platforms = [arg for platform in PLATFORMS for arg in ("--platform", platform)]
    _pip("install", "--quiet", "--target", str(target), "--python-version", "3.12", "--implementation", "cp",
         "--only-binary=:all:", *platforms, "--no-deps", "--require-hashes", "--no-compile",
         "-r", str(_requirements_file(scratch, entries)))


def _install_from_source(target: Path, entries: list, scratch: Path) -> None:
    """Builds each from its hashed sdist with the locked setuptools; only pure-Python wheels run on any platform."""
    wheels = scratch / "wheels"
    _pip("wheel", "--quiet", "--no-deps", "--require-hashes", "--no-build-isolation", "--wheel-dir", str(wheels),
         "-r", str(_requirements_file(scratch, entries)))
    built = sorted(wheels.glob("*.whl"))
    compiled = [wheel.name for wheel in built if not wheel.name.endswith("-none-any.whl")]
    if compiled:
        raise SystemExit(f"built from source for this machine, not for Lambda: {', '.join(compiled)}")
    _pip("install", "--quiet", "--target", str(target), "--no-deps", "--no-compile", *map(str, built))


def build_layer(name: str) -> Path:
    target = BUILD / "layers" / name / "python"
    if target.parent.exists():
        shutil.rmtree(target.parent)
    target.mkdir(parents=True)
    entries = layer_requirements(name)
    from_source = sdist_only()
    with tempfile.TemporaryDirectory() as scratch:
        wheels = [entry for entry in entries if entry[0] not in from_source]
        sources = [entry for entry in entries if entry[0] in from_source]
        if wheels:
            _install_wheels(target, wheels, Path(scratch))
        if sources:
            _install_from_source(target, sources, Path(scratch))
    prune(target, PRUNE.get(name, []))
    return target.parent


def prune(folder: Path, patterns: list[str]) -> None:
    """Removes what `patterns` name inside `folder`; a pattern matching nothing fails the build (a renamed file
    would otherwise stay in the layer unnoticed)."""
    for pattern in patterns:
        found = list(folder.glob(pattern))
        if not found:
            raise SystemExit(f"nothing to leave out at {pattern}: update PRUNE in infra/package.py")
        for path in found:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


def _ignore(_, names):
    return [n for n in names if n == "__pycache__" or n.endswith((".pyc", ".pyo"))]


def build_code() -> Path:
    code = BUILD / "code"
    if code.exists():
        shutil.rmtree(code)
    shutil.copytree(ROOT / "functions", code / "functions", ignore=_ignore)
    shutil.copytree(ROOT / "infra" / "provinces", code / "infra" / "provinces")
    return code


def function_layers() -> dict[str, list[str]]:
    """Each function of template.yaml → the layers it takes, by the folder under .build/layers/ each points at."""
    from infra.local.template import read_sam
    resources = read_sam(TEMPLATE)["Resources"]
    folders = {logical_id: Path(resource["Properties"]["ContentUri"]).name for logical_id, resource in resources.items()
               if resource["Type"] == "AWS::Serverless::LayerVersion"}
    return {logical_id: [folders[ref["Ref"]] for ref in resource["Properties"].get("Layers", [])]
            for logical_id, resource in resources.items() if resource["Type"] == "AWS::Serverless::Function"}


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def sizes() -> dict[str, int]:
    code = tree_size(BUILD / "code")
    return {fn: code + sum(tree_size(BUILD / "layers" / layer) for layer in layers)
            for fn, layers in function_layers().items()}


def main() -> int:
    functions = function_layers()
    unknown = sorted({layer for layers in functions.values() for layer in layers} - set(LAYERS))
    if unknown:
        raise SystemExit(f"template.yaml takes layers no group of pyproject.toml makes: {', '.join(unknown)}")
    build_code()
    for name in LAYERS:
        build_layer(name)
    report = sizes()
    for function, size in report.items():
        print(f"{function:<26} {size / 2**20:8.1f} MB unzipped with its layers (limit 250 MB)")
    code_and_core = tree_size(BUILD / "code") + tree_size(BUILD / "layers" / "core")
    for name in LAYERS:
        if not any(name in layers for layers in functions.values()):
            size = code_and_core + tree_size(BUILD / "layers" / name)
            print(f"{'(no function yet) ' + name:<26} {size / 2**20:8.1f} MB unzipped with the code and core")
    (BUILD / "sizes.json").write_text(json.dumps(report))
    return 0 if all(size <= LAMBDA_UNZIPPED_LIMIT for size in report.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
