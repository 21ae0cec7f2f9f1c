"""The printed forms (毕业生申请表, 毕业生登记表): FormData in, an A4 PDF with an embedded CJK font out.

The renderer (fpdf2, fontTools, the 8,700-glyph font) is imported on first use of its names, not with the package:
every request of the apply function imports this package through forms.service, and only a form download needs
the renderer (tests/unit/common/test_cold_imports.py fails when it loads at start again)."""
from importlib import import_module
from typing import Any

from .model import Candidate, CourseRow, FormData, PriorEducation, ResumeEntry

_LAZY = {"unsupported_characters": ".fonts", "unsupported_message": ".fonts",
         "FORM_IDS": ".render", "FormError": ".render", "render_form": ".render"}

__all__ = ["FORM_IDS", "Candidate", "CourseRow", "FormData", "FormError", "PriorEducation", "ResumeEntry",
           "render_form", "unsupported_characters", "unsupported_message"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value
