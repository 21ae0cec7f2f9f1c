"""`biye import`: through the same store the functions use; idempotent; a bad file stores nothing."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from functions.common.dynamo.store import Store
from functions.eligibility.importer import ImportRejected, import_directory
from functions.profiles.loader import load_profile
from infra.demo.generate import CASES, generate

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "data" / "reference"
HUBEI_OFFICES = {o["code"] for o in load_profile("hubei").data["offices"]}


def _count(table) -> int:
    total, kwargs = 0, {"Select": "COUNT"}
    while True:
        page = table.scan(**kwargs)
        total += page["Count"]
        if "LastEvaluatedKey" not in page:
            return total
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def _write_candidates(directory: Path, candidates: list[dict]) -> Path:
    (directory / "candidates").mkdir(parents=True, exist_ok=True)
    (directory / "candidates" / "c.json").write_text(json.dumps({"candidates": candidates}, ensure_ascii=False))
    return directory


def test_reference_and_demo_import_once_then_change_nothing(table, tmp_path):
    store = Store(table)
    first = import_directory(store, REFERENCE, HUBEI_OFFICES)
    assert first.counts["plans"] == 12 and first.counts["rulesets"] >= 4 and first.counts["courses"] >= 100
    demo = generate("hubei", count=40)
    _write_candidates(tmp_path, demo)
    import_directory(store, tmp_path, HUBEI_OFFICES)
    before = _count(table)
    again = import_directory(store, REFERENCE, HUBEI_OFFICES)
    again_demo = import_directory(store, tmp_path, HUBEI_OFFICES)
    assert again.written == 0 and again_demo.written == 0

    assert _count(table) == before
    # what was stored is what the functions read
    assert store.plan("JS-080901-2024R")["plan_id"] == "JS-080901-2024R"
    stored = store.candidate(demo[0]["exam_no"])
    assert stored["name"] == demo[0]["name"] and stored["attempts"] == demo[0]["attempts"]
    assert store.candidates_by_id_number(demo[0]["id_number"])[0]["exam_no"] == demo[0]["exam_no"]
    assert "JS-080901-2024R" in store.reference_index()["plans"]


@pytest.mark.parametrize("spoil,where", [
    (lambda c: c.update(id_number="420102199001011235"), "candidates[3].id_number"),
    (lambda c: c.update(exam_no="12ab"), "candidates[3].exam_no"),
    (lambda c: c.update(office="110101"), "candidates[3].office"),
    (lambda c: c.pop("name"), "candidates[3].name"),
    (lambda c: c.update(registered_on="last spring"), "candidates[3]"),
])
def test_a_bad_candidate_file_is_rejected_whole_with_its_field(table, tmp_path, spoil, where):
    candidates = generate("hubei", count=8)
    for c in candidates:
        c["exam_no"] = "9" + c["exam_no"][1:]  # people no other test stored
    spoil(candidates[3])
    _write_candidates(tmp_path, candidates)
    before = _count(table)
    with pytest.raises(ImportRejected) as caught:
        import_directory(Store(table), tmp_path, HUBEI_OFFICES)
    assert caught.value.file.endswith("c.json")
    assert caught.value.where.startswith(where)
    assert _count(table) == before
    assert Store(table).candidate(candidates[0]["exam_no"]) is None


def test_a_bad_plan_stops_the_whole_import(table, tmp_path):
    shutil.copytree(REFERENCE / "plans", tmp_path / "plans")
    plan = json.loads((tmp_path / "plans" / "JS-080901-2024R.json").read_text())
    plan["plan_id"] = "JS-NEW-PLAN"
    (tmp_path / "plans" / "JS-NEW-PLAN.json").write_text(json.dumps(plan))
    (tmp_path / "plans" / "ZZ-BROKEN.json").write_text('{"plan_id": "ZZ-BROKEN", "requirements": "all"}')
    with pytest.raises(ImportRejected) as caught:
        import_directory(Store(table), tmp_path, HUBEI_OFFICES)
    assert "ZZ-BROKEN.json" in caught.value.file and "requirements" in caught.value.where
    assert Store(table).plan("JS-NEW-PLAN") is None


def test_demo_data_covers_every_case_for_every_province():
    for province in ("hubei", "anhui", "chongqing", "shanxi"):
        candidates = generate(province)
        assert len(candidates) >= 200
        assert {c["demo_case"] for c in candidates} == set(CASES)
        assert len({c["exam_no"] for c in candidates}) == len(candidates)


def test_the_command_line_refuses_a_bad_directory_in_one_line(stack, tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "x.json").write_text("{not json")
    result = subprocess.run([sys.executable, "-m", "functions.cli", "import", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "x.json" in result.stderr and "JSON" in result.stderr
    assert "Traceback" not in result.stderr
