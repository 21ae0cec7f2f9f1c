"""Shared fixtures: the shipped reference data and small builders for records."""

import copy
from pathlib import Path

import pytest

from functions.eligibility.engine import audit, load_reference

DATA_DIR = Path(__file__).resolve().parents[3] / "data" / "reference"
# The four worked cases of spec/eligibility.md (shared/spec/examples), copied so the tests run anywhere.
SPEC_EXAMPLES = Path(__file__).resolve().parent / "cases" / "spec"

# A complete JS-080901-2024R record, course by course (the C01 transcript).
JS_2024_COURSES = ["15040", "15043", "15044", "13000", "00023", "02324", "13013", "13014", "13003", "13004",
                   "13015", "13180", "02333", "02334", "00898", "00899", "04735", "04736", "04747", "04748",
                   "13017"]
JS_BATCH = {"id": "JS-2026H1", "province": "江苏", "graduation_date": "2026-06-30", "prior_edu_cutoff": "2026-06-30"}
JS_PRIOR = [{"level": "专科", "major": "计算机应用技术", "category": "电子电工信息类",
             "graduation_date": "2022-06-30", "status": "verified"}]
JS_THESIS = {"code": "14976", "grade": "良好", "host_university": "南京航空航天大学"}


@pytest.fixture(scope="session")
def reference():
    return load_reference(DATA_DIR)


def sittings(*codes, score=75, session="2025-04"):
    return [{"code": c, "session": session, "score": score} for c in codes]


def candidate(codes=(), registered_on="2024-09-01", **extra):
    record = {"registered_on": registered_on, "flags": {}, "prior_education": copy.deepcopy(JS_PRIOR),
              "attempts": sittings(*codes)}
    record.update(copy.deepcopy(extra))
    return record


def js_candidate(without=(), add=(), registered_on="2024-09-01", **extra):
    """A JS-080901-2024R candidate who passed everything except `without`, plus `add`."""
    codes = [c for c in JS_2024_COURSES if c not in without] + list(add)
    extra.setdefault("thesis", JS_THESIS)
    return candidate(codes, registered_on=registered_on, **extra)


def codes_of(result, *finding_codes):
    return [(f["code"], f["subject"]) for f in result["findings"] if not finding_codes or f["code"] in finding_codes]


def severities(result):
    return {(f["code"], f["subject"]): f["severity"] for f in result["findings"]}


def rule_ids(result):
    return [a["rule_id"] for a in result["applied"]]


def run(reference, plan, record, batch=None, **kw):
    return audit(plan, record, batch or JS_BATCH, reference, **kw)


def write_reference(root, plans=(), rule_sets=(), courses=None):
    """A small reference data directory (validated by load_reference like the shipped one)."""
    import json

    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "rules").mkdir(exist_ok=True)
    for plan in plans:
        (root / "plans" / f"{plan['plan_id']}.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    for doc in rule_sets:
        (root / "rules" / f"{doc['ruleset_id']}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    if courses is not None:
        (root / "courses.json").write_text(json.dumps({"courses": courses}, ensure_ascii=False), encoding="utf-8")
    return load_reference(root)


def tiny_plan(plan_id="T-PLAN", items=None, province="测试", **extra):
    """A plan of plain courses: items are (code, credits) pairs or ready nodes."""
    nodes = [{"type": "course", "code": i[0], "name": f"课程{i[0]}", "credits": i[1], "kind": "theory"}
             if isinstance(i, tuple) else i for i in (items or [("A1", 4), ("A2", 4)])]
    plan = {"plan_id": plan_id, "province": province, "level": "专科", "status": "active", "pass_mark": 60,
            "requires_prior_education": False, "thesis": None,
            "requirements": {"id": "root", "type": "all_of", "items": nodes}}
    plan.update(extra)
    return plan


TINY_BATCH = {"id": "T-2026H1", "graduation_date": "2026-06-30"}
