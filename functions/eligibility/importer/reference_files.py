"""Plans, rule sets, the course catalogue and batches: small JSON documents, read whole and checked by the engine."""
from __future__ import annotations

import json
from pathlib import Path

from functions.common.dynamo import keys
from functions.common.dynamo.store import document_item

from .problems import Problem, Problems


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def read_reference(directory: Path, label_of, problems: Problems) -> list[tuple[str, list[dict]]]:
    """(kind, items) per file of plans/, rules/, courses.json and batches/; a refused file adds its problem."""
    found = []
    sources = [(p, _plan_items, "plans") for p in sorted(directory.glob("plans/*.json"))]
    sources += [(p, _ruleset_items, "rulesets") for p in sorted(directory.glob("rules/*.json"))]
    sources += [(p, _course_items, "courses") for p in sorted(directory.glob("courses.json"))]
    sources += [(p, _batch_items, "batches") for p in sorted(directory.glob("batches/*.json"))]
    for path, read, kind in sources:
        label = label_of(path)
        try:
            found.append((kind, read(path, label)))
        except _Refused as refused:
            problems.add(refused.problem)
    return found


def _read_json(path: Path, label: str):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise _Refused(Problem(label, "(文件)", None, "UTF-8 编码的 JSON")) from None
    except json.JSONDecodeError as err:
        raise _Refused(Problem(label, f"第 {err.lineno} 行第 {err.colno} 列", None, "合法的 JSON")) from None


def _require(doc, label: str, name: str, kind=str, where: str = ""):
    value = doc.get(name) if isinstance(doc, dict) else None
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        expected = {str: "非空文本", list: "列表", dict: "对象"}.get(kind, kind.__name__)
        raise _Refused(Problem(label, f"{where}{name}", None, expected))
    return value


def _engine_check(kind: str, doc, label: str) -> None:
    """The engine owns the meaning of plans, rule sets and batches; let it refuse what it cannot audit."""
    from functions.eligibility import engine  # only the command line imports: keep it off the functions' start
    from functions.eligibility.engine import plan_schema
    from functions.eligibility.engine.reference import EXEMPTIONS_ID, POLICIES_ID

    if kind == "ruleset":
        ruleset_id = doc.get("ruleset_id")
        if ruleset_id == POLICIES_ID:
            return  # national policies: read by people and the engine as they are
        validate = plan_schema.check_exemptions if ruleset_id == EXEMPTIONS_ID else plan_schema.check_ruleset
    else:
        validate = {"plan": plan_schema.check_plan, "batch": engine.validate_batch}[kind]
    try:
        validate(doc, label)
    except engine.EngineInputError as err:
        where = err.path.removeprefix("$").lstrip(".") or "(文件)"
        raise _Refused(Problem(label, where, None, err.expected)) from None


def _plan_items(path: Path, label: str) -> list[dict]:
    doc = _read_json(path, label)
    plan_id = _require(doc, label, "plan_id")
    _require(doc, label, "requirements", dict)  # the tree first: the most telling thing to name when it is wrong
    _engine_check("plan", doc, label)
    return [document_item(keys.plan(plan_id), "plan", doc, plan_id=plan_id)]


def _ruleset_items(path: Path, label: str) -> list[dict]:
    doc = _read_json(path, label)
    ruleset_id = _require(doc, label, "ruleset_id")
    _engine_check("ruleset", doc, label)
    return [document_item(keys.ruleset(ruleset_id), "ruleset", doc, ruleset_id=ruleset_id)]


def _batch_items(path: Path, label: str) -> list[dict]:
    doc = _read_json(path, label)
    batch_id = _require(doc, label, "id")
    _engine_check("batch", doc, label)
    return [document_item(keys.batch(batch_id), "batch", doc, batch_id=batch_id)]


def _course_items(path: Path, label: str) -> list[dict]:
    doc = _read_json(path, label)
    courses = _require(doc, label, "courses", list)
    items = []
    for i, course in enumerate(courses):
        code = _require(course, label, "code", where=f"courses[{i}].")
        items.append(document_item(keys.course(code), "course", course, code=code))
    return items


def merged_index(stored: dict, items: list[dict]) -> dict:
    """The reference index (what plans, rule sets, courses and batches exist) with this import's added."""
    index = {kind: list(names) for kind, names in stored.items()}
    for item in items:
        kind = {"plan": "plans", "ruleset": "rulesets", "course": "courses", "batch": "batches"}.get(item["kind"])
        if kind:
            ident = item.get("plan_id") or item.get("ruleset_id") or item.get("code") or item.get("batch_id")
            index.setdefault(kind, [])
            if ident not in index[kind]:
                index[kind] = sorted([*index[kind], ident])
    return index
