"""The command line, run the way people run it: exit 0 for any verdict, 2 for unreadable input."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from functions.eligibility import cli

from .conftest import DATA_DIR, SPEC_EXAMPLES

ROOT = Path(__file__).resolve().parents[3]


def biye(*args):
    return subprocess.run([sys.executable, "-m", "functions.eligibility.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


@pytest.mark.parametrize("case, verdict", [("C01", "ELIGIBLE"), ("C04", "NOT_ELIGIBLE")])
def test_any_verdict_exits_0_with_json_on_stdout(case, verdict):
    done = biye("audit", SPEC_EXAMPLES / f"{case}.json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == verdict
    assert done.stderr == ""


def test_what_if_prints_the_ranking():
    done = biye("audit", "--what-if", SPEC_EXAMPLES / "C01.json")
    assert done.returncode == 0, done.stderr
    plans = json.loads(done.stdout)["plans"]
    assert plans[0]["plan_id"] == "JS-080901-2024R" and plans[0]["verdict"] == "ELIGIBLE"


def write_case(tmp_path, text):
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    return path


def bad_case(tmp_path, change):
    case = json.loads((SPEC_EXAMPLES / "C01.json").read_text(encoding="utf-8"))
    change(case)
    return write_case(tmp_path, json.dumps(case, ensure_ascii=False))


@pytest.mark.parametrize("make, names", [
    (lambda t: t / "missing.json", ["missing.json"]),
    (lambda t: write_case(t, '{"batch": {'), ["case.json", "第1行"]),
    # "2024/10" is an ordinary way to write a session and is read; a 13th month is not.
    (lambda t: bad_case(t, lambda c: c["candidate"]["attempts"][2].update(session="2024/13")),
     ["case.json", "candidate.attempts[2].session", "考期"]),
    (lambda t: bad_case(t, lambda c: c["batch"].pop("graduation_date")), ["case.json", "batch.graduation_date"]),
    (lambda t: bad_case(t, lambda c: c.update(graduate_under="JS-999999")), ["case.json", "graduate_under"]),
    # An exemption without `approved` is an approved one; one whose approval says "待定" cannot be judged.
    (lambda t: bad_case(t, lambda c: c["candidate"].update(exemptions=[{"code": "13000", "approved": "待定"}])),
     ["candidate.exemptions[0].approved"]),
])
def test_unreadable_input_exits_2_with_one_chinese_line(tmp_path, make, names):
    done = biye("audit", make(tmp_path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    line = done.stderr.strip()
    assert "\n" not in line and "无法读取" in line
    for name in names:
        assert name in line


def test_bad_reference_data_names_the_data_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    plan = data / "plans" / "JS-080901-2024R.json"
    plan.chmod(0o644)
    plan.write_text(plan.read_text(encoding="utf-8").replace('"level": "专升本"', '"level": 3'), encoding="utf-8")
    done = biye("audit", SPEC_EXAMPLES / "C01.json", "--data", data)
    assert done.returncode == 2
    assert "plans/JS-080901-2024R.json" in done.stderr and "level" in done.stderr


def test_usage_errors_exit_2():
    done = biye("audit")
    assert done.returncode == 2 and "用法" in done.stderr and "Traceback" not in done.stderr


def test_main_in_process_accepts_the_audit_word_or_not(capsys):
    for argv in (["audit", str(SPEC_EXAMPLES / "C09.json")], [str(SPEC_EXAMPLES / "C09.json")]):
        assert cli.main(argv) == 0
        assert json.loads(capsys.readouterr().out)["applied"][0]["rule_id"] == "SX-EN2"


def test_default_data_is_the_shipped_copy():
    assert cli.DEFAULT_DATA == DATA_DIR
    assert (cli.DEFAULT_DATA / "plans" / "JS-080901-2024R.json").exists()
