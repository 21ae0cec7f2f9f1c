"""Where a wheel that ships model files keeps them, found without importing the package (face_recognition_models'
__init__ needs pkg_resources for the same paths; rapidocr_onnxruntime's imports OpenCV). Both keep them in
`<package>/models`."""
from __future__ import annotations

import importlib.util
from pathlib import Path


def models_folder(package: str, distribution: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{distribution} (the identity extra) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models"
