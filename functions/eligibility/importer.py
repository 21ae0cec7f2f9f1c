"""`biye import DIR`: plans, rule sets, courses and candidate records into the main table.

Every file is read and checked before anything is written, so a bad file stores nothing (and neither does the rest
of that import). Items carry a digest, so importing the same files twice writes nothing the second time.

DIR layout (the one ../shared/data uses, plus candidates/):
  plans/*.json         one plan each (plan_id, requirements, ...)
  rules/*.json         one rule set each (ruleset_id, rules[])
  courses.json         {"courses": [{"code", "name", ...}]}
  candidates/*.json    {"candidates": [{"exam_no", "name", "id_number", "office", ... the record ...}]}
  batches/*.json       one batch each (id, graduation_date, prior_edu_cutoff, ...)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from functions.common.dynamo import keys
from functions.common.dynamo.store import Store, candidate_item, document_item
from functions.common.ids import exam_no_problem, id_number_problem


class ImportRejected(ValueError):
    def __init__(self, file: Path | str, where: str, expected: str):
        self.file, self.where, self.expected = str(file), where, expected
        super().__init__(f"{file}: {where}: {expected}")


@dataclass
class ImportReport:
    files: int = 0
    items: int = 0
    written: int = 0
    unchanged: int = 0
    counts: dict = field(default_factory=dict)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ImportRejected(path, "(文件)", "UTF-8 编码的 JSON") from None
    except json.JSONDecodeError as err:
        raise ImportRejected(path, f"第 {err.lineno} 行第 {err.colno} 列", "合法的 JSON") from None


def _require(doc: dict, path: Path, name: str, kind=str, where: str = ""):
    value = doc.get(name) if isinstance(doc, dict) else None
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        label = {str: "非空文本", list: "列表", dict: "对象"}.get(kind, kind.__name__)
        raise ImportRejected(path, f"{where}{name}", f"应为{label}")
    return value


def _engine_check(kind: str, doc, path: Path, where: str = ""):
    """The engine owns the meaning of plans, rule sets and records; let it refuse what it cannot audit."""
    from functions.eligibility.engine.reference import EXEMPTIONS_ID, POLICIES_ID

    from . import engine  # only the command line imports: keep it off the functions' start
    from .engine import plan_schema
    if kind == "ruleset":
        ruleset_id = doc.get("ruleset_id")
        if ruleset_id == POLICIES_ID:
            return  # national policies: read by people and the engine as they are
        validate = plan_schema.check_exemptions if ruleset_id == EXEMPTIONS_ID else plan_schema.check_ruleset
    else:
        validate = {"plan": plan_schema.check_plan, "candidate": engine.read_candidate,
                    "batch": engine.validate_batch}[kind]
    try:
        validate(doc, str(path.name))
    except engine.EngineInputError as err:
        inner = err.path.removeprefix("candidate.").removeprefix("$")
        raise ImportRejected(path, where + inner.lstrip("."), "应为" + err.expected) from None


def _plan_items(path: Path) -> list[dict]:
    doc = _read_json(path)
    plan_id = _require(doc, path, "plan_id")
    _require(doc, path, "requirements", dict)  # the tree first: the most telling thing to name when it is wrong
    _engine_check("plan", doc, path)
    return [document_item(keys.plan(plan_id), "plan", doc, plan_id=plan_id)]


def _ruleset_items(path: Path) -> list[dict]:
    doc = _read_json(path)
    ruleset_id = _require(doc, path, "ruleset_id")
    _engine_check("ruleset", doc, path)
    return [document_item(keys.ruleset(ruleset_id), "ruleset", doc, ruleset_id=ruleset_id)]


def _batch_items(path: Path) -> list[dict]:
    doc = _read_json(path)
    batch_id = _require(doc, path, "id")
    _engine_check("batch", doc, path)
    return [document_item(keys.batch(batch_id), "batch", doc, batch_id=batch_id)]


def _course_items(path: Path) -> list[dict]:
    doc = _read_json(path)
    courses = _require(doc, path, "courses", list)
    items = []
    for i, course in enumerate(courses):
        code = _require(course, path, "code", where=f"courses[{i}].")
        items.append(document_item(keys.course(code), "course", course, code=code))
    return items


def _candidate_items(path: Path, offices: set[str] | None) -> list[dict]:
    doc = _read_json(path)
    entries = _require(doc, path, "candidates", list)
    items, seen = [], set()
    for i, entry in enumerate(entries):
        where = f"candidates[{i}]."
        for name in ("exam_no", "name", "id_number", "office"):
            _require(entry, path, name, where=where)
        for name, problem in (("exam_no", exam_no_problem(entry["exam_no"])),
                              ("id_number", id_number_problem(entry["id_number"]))):
            if problem:
                raise ImportRejected(path, where + name, problem)
        if offices is not None and entry["office"] not in offices:
            raise ImportRejected(path, where + "office", "本省配置 offices 中的代码")
        if entry["exam_no"] in seen:
            raise ImportRejected(path, where + "exam_no", "在文件中不重复的准考证号")
        seen.add(entry["exam_no"])
        _engine_check("candidate", {k: v for k, v in entry.items() if k not in ("exam_no", "name", "id_number", "office")},
                      path, where)
        items.append(candidate_item(entry))
    return items


def collect(directory: Path, offices: set[str] | None = None) -> tuple[list[dict], ImportReport]:
    """Read and check every file; the items to write, or ImportRejected for the first bad file."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ImportRejected(directory, "(目录)", "存在的目录")
    report, items = ImportReport(), []
    sources = [(p, _plan_items, "plans") for p in sorted(directory.glob("plans/*.json"))]
    sources += [(p, _ruleset_items, "rulesets") for p in sorted(directory.glob("rules/*.json"))]
    sources += [(p, _course_items, "courses") for p in sorted(directory.glob("courses.json"))]
    sources += [(p, _batch_items, "batches") for p in sorted(directory.glob("batches/*.json"))]
    sources += [(p, lambda p: _candidate_items(p, offices), "candidates")
                for p in sorted(directory.glob("candidates/*.json"))]
    if not sources:
        raise ImportRejected(directory, "(目录)", "含 plans/、rules/、courses.json 或 candidates/ 的数据目录")
    for path, read, kind in sources:
        found = read(path)
        items += found
        report.files += 1
        report.counts[kind] = report.counts.get(kind, 0) + len(found)
    report.items = len(items)
    return items, report


def _merged_index(store: Store, items: list[dict]) -> dict:
    index = store.reference_index()
    for item in items:
        kind = {"plan": "plans", "ruleset": "rulesets", "course": "courses", "batch": "batches"}.get(item["kind"])
        if kind:
            ident = item.get("plan_id") or item.get("ruleset_id") or item.get("code") or item.get("batch_id")
            index.setdefault(kind, [])
            if ident not in index[kind]:
                index[kind] = sorted([*index[kind], ident])
    return index


def import_directory(store: Store, directory: Path, offices: set[str] | None = None) -> ImportReport:
    items, report = collect(directory, offices)
    if any(i["kind"] != "candidate" for i in items):
        items.append(document_item(keys.reference_index(), "index", _merged_index(store, items)))
    report.written, report.unchanged = store.put_changed(items)
    return report
