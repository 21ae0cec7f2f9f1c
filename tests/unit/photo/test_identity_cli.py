"""`biye identity check`: the JSON contract on stdout, exit 0 for any verdict, 2 with one Chinese line for a file
it cannot read (real pictures through the real models)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import id_cards as C

ROOT = Path(__file__).resolve().parents[3]


def biye(*argv: str) -> subprocess.CompletedProcess:
    """The installed entry point's code path, as a separate process (what an operator runs)."""
    return subprocess.run([sys.executable, "-m", "functions.cli", *argv], cwd=ROOT, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)


def pictures(tmp_path: Path, holder=C.ASTRONAUT) -> tuple[str, str]:
    card, holding = tmp_path / "sfz.jpg", tmp_path / "shouchi.jpg"
    card.write_bytes(C.jpeg(C.card_photo()))
    holding.write_bytes(C.jpeg(C.holding(holder=holder, card_of=C.ASTRONAUT)))
    return str(card), str(holding)


def test_a_verdict_is_json_with_the_contracts_keys_and_exit_0(tmp_path):
    card, holding = pictures(tmp_path)
    done = biye("identity", "check", "--card", card, "--holding", holding, "--name", C.ASTRONAUT["name"],
                "--id-number", C.ASTRONAUT["id_number"])
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out == {"ok": True, "findings": [], "read": {"name": "柯林斯", "id_number": C.ASTRONAUT["id_number"]},
                   "face_match": out["face_match"]}
    assert 0.55 <= out["face_match"] <= 1

    card, holding = pictures(tmp_path, holder=C.HOPPER)
    done = biye("identity", "check", "--card", card, "--holding", holding, "--name", "霍珀",
                "--id-number", C.HOPPER["id_number"])
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["ok"] is False
    assert {f["code"] for f in out["findings"]} == {"FACE_MISMATCH", "NAME_MISMATCH", "ID_NUMBER_MISMATCH"}
    assert all(set(f) == {"code", "message", "hint"} and f["message"] and f["hint"] for f in out["findings"])
    assert out["face_match"] < 0.55


def test_a_file_it_cannot_read_is_one_chinese_line_and_exit_2(tmp_path):
    card, _ = pictures(tmp_path)
    done = biye("identity", "check", "--card", card, "--holding", str(tmp_path / "missing.jpg"), "--name", "柯林斯",
                "--id-number", C.ASTRONAUT["id_number"])
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == f"无法读取手持身份证照片 {tmp_path / 'missing.jpg'}：文件不存在"


def test_arguments_it_cannot_use_are_one_chinese_line_and_exit_2(tmp_path):
    card, holding = pictures(tmp_path)
    bad_number = biye("identity", "check", "--card", card, "--holding", holding, "--name", "柯林斯",
                      "--id-number", C.ASTRONAUT["id_number"][:17] + "9")
    assert bad_number.returncode == 2 and "校验位" in bad_number.stderr and len(bad_number.stderr.splitlines()) == 1
    missing = biye("identity", "check", "--card", card)
    assert missing.returncode == 2 and missing.stderr.startswith("用法：biye identity check")
    assert "Traceback" not in bad_number.stderr + missing.stderr
