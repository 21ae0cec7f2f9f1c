"""`biye reaudit`: the whole population, what changed since the last run, and trial runs under new reference data."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from functions.common.dynamo.store import Store
from functions.eligibility.importer import import_directory
from infra.demo.generate import demo_batch, generate

ROOT = Path(__file__).resolve().parents[2]


def _reaudit(*args: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "functions.cli", "reaudit", *args], capture_output=True,
                            text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _import_candidates(table, directory: Path, candidates: list[dict]) -> None:
    (directory / "candidates").mkdir(parents=True, exist_ok=True)
    (directory / "candidates" / "r.json").write_text(json.dumps({"candidates": candidates}, ensure_ascii=False))
    (directory / "batches").mkdir(exist_ok=True)
    (directory / "batches" / "b.json").write_text(json.dumps(demo_batch("hubei")))
    import_directory(Store(table), directory, None)


def test_reaudit_reports_what_changed_and_trial_runs_leave_the_last_run(table, tmp_path):
    import_directory(Store(table), ROOT / "data" / "reference", None)
    people = generate("hubei", count=60)
    for person in people:
        person["exam_no"] = "8" + person["exam_no"][1:]
    _import_candidates(table, tmp_path / "a", people)
    first = _reaudit()
    assert first["total"] >= 60 and sum(first["verdicts"].values()) == first["total"]
    assert _reaudit()["changed"] == 0  # nothing changed since the run before

    # One candidate passes the courses they were missing: exactly that verdict changes.
    short = next(p for p in people if p["demo_case"] == "missing_courses")
    short["attempts"] = [dict(a, score=max(a["score"] or 0, 75)) for a in short["attempts"]
                         if not a.get("absent")]
    _import_candidates(table, tmp_path / "b", [short])
    after = _reaudit()
    assert after["changed"] == 1
    assert after["changed_ids"] == [f"{short['exam_no']}:{short['majors'][0]}"]
    assert after["transitions"] == {"NOT_ELIGIBLE->ELIGIBLE": 1}

    # A stricter plan, tried before it is published: eligible candidates of that plan would change...
    trial = tmp_path / "trial"
    shutil.copytree(ROOT / "data" / "reference", trial)
    plan_file = trial / "plans" / "JS-080901-2024R.json"
    plan = json.loads(plan_file.read_text())
    plan["min_total_credits"] = 500
    plan_file.write_text(json.dumps(plan, ensure_ascii=False))
    tried = _reaudit("--data", str(trial))
    assert tried["trial"] is True and tried["changed"] > 0
    assert set(tried["transitions"]) == {"ELIGIBLE->NOT_ELIGIBLE"}
    assert all(i.endswith(":JS-080901-2024R") for i in tried["changed_ids"])
    # ... and the stored last run is untouched by the trial.
    assert _reaudit()["changed"] == 0


def test_reaudit_with_unreadable_data_is_one_line_and_exit_2(stack, tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "bad.json").write_text("{")
    result = subprocess.run([sys.executable, "-m", "functions.cli", "reaudit", "--data", str(tmp_path)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 2 and "bad.json" in result.stderr and result.stderr.count("\n") == 1


def test_the_population_is_audited_with_the_other_准考证_the_office_confirmed(table):
    """A course passed under another 准考证 counts in the re-audit once the office confirmed the merge."""
    from functions.common.dynamo import keys
    from functions.common.dynamo.store import candidate_item
    from functions.eligibility.stores.population import audit_items

    source = next(c for c in generate("hubei") if c["demo_case"] == "eligible")
    moved = source["attempts"][0]["code"]
    mine = {**source, "exam_no": "820100990001", "attempts": [a for a in source["attempts"] if a["code"] != moved]}
    table.put_item(Item=candidate_item({k: v for k, v in mine.items() if k != "demo_case"}))
    brought = [a for a in source["attempts"] if a["code"] == moved]
    for status, found in (("pending", False), ("verified", True)):
        table.put_item(Item={**keys.other_exam_numbers(mine["exam_no"]), "kind": "other_exam_numbers", "version": 1,
                             "doc": json.dumps([{"id": "e1", "exam_no": "820100990002", "status": status,
                                                 "sittings": brought}])})
        record = next(r for i, _, r, _ in audit_items(Store(table)) if i.startswith(mine["exam_no"]))
        assert any(a["code"] == moved for a in record["attempts"]) is found, status
