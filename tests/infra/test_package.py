"""`make package`: python3.12 x86_64 artefacts for every function and layer, within Lambda's 250 MB unzipped."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from infra import package

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built():
    result = subprocess.run([sys.executable, "-m", "infra.package"], cwd=ROOT, capture_output=True, text=True,
                            timeout=900)
    print(result.stdout)  # each function's unzipped size, in the test report
    return result


def test_every_function_fits_lambda_with_its_layers(built):
    assert built.returncode == 0, built.stdout + built.stderr[-2000:]
    sizes = package.sizes()
    assert set(sizes) == set(package.FUNCTION_LAYERS)
    for function, size in sizes.items():
        assert 0 < size <= package.LAMBDA_UNZIPPED_LIMIT, f"{function}: {size / 2**20:.1f} MB"


def test_layers_hold_wheels_for_the_312_runtime_and_no_boto3(built):
    layers = ROOT / ".build" / "layers"
    core = layers / "core" / "python"
    assert (core / "fastapi").is_dir() and (core / "mangum").is_dir()
    compiled = list((core).glob("pydantic_core/_pydantic_core.cpython-312-x86_64-linux-gnu.so"))
    assert compiled, "pydantic-core must be the CPython 3.12 x86_64 build"
    assert not list(layers.glob("*/python/boto3")), "boto3 comes from the runtime"
    assert (layers / "photo" / "python" / "PIL").is_dir() and (layers / "forms" / "python" / "fpdf").is_dir()


def test_code_artefact_holds_the_functions_and_profiles_but_no_tests(built):
    code = ROOT / ".build" / "code"
    for name in ("eligibility", "photo", "apply"):
        assert (code / "functions" / name / "handler.py").is_file()
    assert (code / "infra" / "provinces" / "hubei.yaml").is_file()
    assert not list(code.rglob("__pycache__")) and not (code / "tests").exists()
