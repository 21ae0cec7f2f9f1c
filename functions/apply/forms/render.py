"""render_form: FormData and the province profile in, PDF bytes out. Pure: no clock, no environment, no AWS.

The same data and profile give the same bytes (the creation date is FormData.generated_on), so a caller can keep
the digest of a stored PDF and render again only when the data changed.
"""
from __future__ import annotations

import ast
import inspect
import sys
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from functions.common.time import BEIJING

from . import layout, sections
from .fonts import cut, unsupported_characters, unsupported_message
from .layout import FormPDF
from .model import LEVELS, PASS_METHODS, FormData, texts

FORM_IDS = ("application_form", "registration_form")


class FormError(ValueError):
    """The form cannot be printed as asked; the message is Chinese and names what is wrong."""


@lru_cache(maxsize=1)
def labels() -> str:
    """The characters of every string literal in the modules that draw (labels, headings, stamp lines): each
    form's font has their glyphs whatever its data. Read from the source, so a new label needs no list."""
    found: set[str] = set()
    for module in (sections, layout, sys.modules[__name__]):
        tree = ast.parse(Path(inspect.getfile(module)).read_text(encoding="utf-8"))
        found.update(c for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                     for c in n.value)
    return "".join(sorted(found))


def check(form_id: str, data: FormData, profile_data: dict) -> dict:
    """The profile's entry for `form_id`, once the form exists there and every value can be printed."""
    entry = next((f for f in profile_data.get("forms") or [] if f["id"] == form_id), None)
    if entry is None or form_id not in FORM_IDS:
        offered = "、".join(f"{f['id']}（{f['name']}）" for f in profile_data.get("forms") or []) or "无"
        raise FormError(f"{profile_data.get('province', '本省')}没有表格 {form_id}；可打印的表格：{offered}")
    if data.level not in LEVELS:
        raise FormError(f"层次应为{'或'.join(LEVELS)}，收到“{data.level}”")
    wrong = sorted({row.passed_by for row in data.courses} - set(PASS_METHODS))
    if wrong:
        raise FormError(f"课程取得方式应为{'、'.join(PASS_METHODS)}之一，收到“{'、'.join(wrong)}”")
    missing = unsupported_characters("".join(texts(data)))
    if missing:
        raise FormError(unsupported_message(missing))
    return entry


def render_form(form_id: str, data: FormData, profile_data: dict) -> bytes:
    """The PDF of form `form_id` (an id under `forms:` in the profile) for the candidate in `data`."""
    entry = check(form_id, data, profile_data)
    c = data.candidate
    stages = (profile_data.get("review") or {}).get("stages", [])
    reviewers = [s["name"] for s in stages if s["kind"] == "review"]
    pdf = FormPDF(cut("".join(texts(data)) + entry["name"] + "".join(reviewers) + labels()),
                  running_head=f"{data.title}（续）\u3000姓名：{c.name}\u3000准考证号：{c.exam_no}",
                  footer_left=f"生成日期：{sections.chinese_date(data.generated_on)}",
                  footer_centre=f"申请编号：{data.reference}")
    pdf.set_creation_date(datetime(data.generated_on.year, data.generated_on.month, data.generated_on.day,
                                   tzinfo=BEIJING))
    pdf.set_title(f"{data.title} {c.name}")
    pdf.set_author(data.authority)
    pdf.set_subject(entry["name"])
    pdf.set_lang("zh-CN")
    pdf.add_page()
    sections.title(pdf, data, entry.get("copies"))
    sections.identity(pdf, data)
    sections.prior_education(pdf, data)
    application = profile_data.get("application") or {}
    if form_id == "application_form":
        sections.courses(pdf, data)
        sections.resume(pdf, data)
        sections.self_assessment(pdf, data, always=False)
        sections.statement(pdf, data)
        sections.pledge(pdf, data)
    else:
        blank = (application.get("resume") or {}).get("max_entries", 5)
        sections.resume(pdf, data, blank_rows=blank)
        sections.courses(pdf, data)
        sections.self_assessment(pdf, data, always=True, by_hand="self_assessment" in entry.get("fill", ()))
        sections.statement(pdf, data)
        sections.opinion_boxes(pdf, ["品德鉴定\n（工作单位或所在街道、村）"])
    sections.opinion_boxes(pdf, reviewers)
    out = bytes(pdf.output())
    lost = [chr(p) for font in pdf.fonts.values() for p in getattr(font, "missing_glyphs", [])]
    if lost:  # a bug: some text drawn was in neither the data, the profile nor a literal of these modules
        raise RuntimeError(f"form font lacks {''.join(lost)!r}")
    return out
