"""Strict loading of the reference data: a malformed document names its file, path and expectation."""

import json
import shutil

import pytest

from functions.eligibility.engine import EngineInputError, load_reference

from .conftest import DATA_DIR


def test_the_shipped_data_loads(reference):
    assert set(reference.plans) >= {"JS-080901-2024R", "HB-080901-LEGACY", "SX-BK-FRAGMENT"}
    assert "SX-OLDPLAN" in reference.manual_rule_ids  # prose targets: staff apply it, the machine never does
    assert "SX-OLDPLAN" not in reference.rules_by_id
    assert reference.course_name("04735") == "数据库系统原理"


@pytest.fixture
def data(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root)
    for path in root.rglob("*.json"):
        path.chmod(0o644)
    return root


def corrupt(path, change):
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def error_of(root):
    with pytest.raises(EngineInputError) as caught:
        load_reference(root)
    return caught.value


@pytest.mark.parametrize("file, change, path, expected", [
    ("plans/JS-080901-2024R.json", lambda d: d["requirements"]["items"][0].update(credits="三"),
     "requirements.items[0].credits", "非负数字"),
    ("plans/JS-080901-2024R.json", lambda d: d["requirements"]["items"][14].update(min_count=3),
     "requirements.items[14].min_count", "不大于可选项数（2）的整数"),
    ("plans/JS-080901-2024R.json", lambda d: d.update(status="closed"), "status", "以下之一"),
    ("plans/JS-080901-2021.json", lambda d: d["old_plan_rules"].update(graduation_allowed_until="2026/6/30"),
     "old_plan_rules.graduation_allowed_until", "日期，格式 YYYY-MM-DD"),
    ("plans/JS-530601-2021.json", lambda d: d["requirements"]["items"][2].update(id="m2"),
     "requirements.items[3].id", "唯一的节点编号"),
    ("rules/HB-seed-substitutions.json", lambda d: d["rules"][0]["from"].update(min_count=3),
     "rules[0].from.min_count", "不大于课程数（2）的正整数"),
    ("rules/JS-2024-handbook-substitutions.json", lambda d: d["rules"][0].update(mode="sometimes"),
     "rules[0].mode", "以下之一"),
    ("rules/HB-seed-substitutions.json", lambda d: d["rules"][1].update(rule_id="HB-R1"),
     "rules[1].rule_id", "唯一的规则编号"),
    ("courses.json", lambda d: d["courses"][3].pop("name"), "courses[3].name", "非空字符串"),
])
def test_malformed_documents_name_file_path_and_expectation(data, file, change, path, expected):
    corrupt(data / file, change)
    err = error_of(data)
    assert (err.file, err.path) == (file, path)
    assert expected in err.expected
    message = str(err)
    assert "\n" not in message and file in message and path in message


def test_invalid_json_names_line_and_column(data):
    (data / "plans" / "SX-BK-FRAGMENT.json").write_text('{"plan_id": "SX",\n  "level": }', encoding="utf-8")
    err = error_of(data)
    assert err.file == "plans/SX-BK-FRAGMENT.json" and err.path == "第2行第12列"


def test_a_directory_without_plans_is_refused(tmp_path):
    assert "plans" in error_of(tmp_path).path


def test_inline_plans_are_validated_too(reference):
    from functions.eligibility.engine import audit
    with pytest.raises(EngineInputError) as caught:
        audit({"plan_id": "X", "level": "专科", "status": "active", "requirements": {"type": "choose", "items": []}},
              {"registered_on": "2024-01-01"}, {"id": "B", "graduation_date": "2026-06-30"}, reference)
    assert (caught.value.file, caught.value.path) == ("plan_inline", "requirements.items")
