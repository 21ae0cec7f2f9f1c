"""`biye staff add`: the first admin is made on the command line, password from stdin, jurisdiction checked."""
from __future__ import annotations

import subprocess
import sys

from support.portal_client import client, fresh_address, sign_in_answer


def staff_add(*args: str, password: str = "First-admin-2026") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "functions.cli", "staff", "add", *args], input=password + "\n",
                          capture_output=True, text=True, timeout=120)


def test_the_first_admin_is_made_on_the_command_line(portal):
    made = staff_add("--login", "First-Admin", "--name", "省管理员", "--role", "admin", "--province", "hubei")
    assert made.returncode == 0, made.stderr
    assert '"login": "first-admin"' in made.stdout and "First-admin-2026" not in made.stdout + made.stderr
    with client(portal, fresh_address()) as http:
        signed = sign_in_answer(http, "staff", "first-admin", "First-admin-2026")
        assert signed.status_code == 200 and signed.json()["who"]["role"] == "admin"
    again = staff_add("--login", "first-admin", "--name", "又一个", "--role", "admin", "--province", "hubei")
    assert again.returncode == 2 and "该登录名已被使用" in again.stderr


def test_bad_staff_input_exits_2_with_one_chinese_line(portal):
    cases = [(["--login", "c1", "--name", "x", "--role", "city", "--province", "hubei"], "须指定管辖的考办"),
             (["--login", "c2x", "--name", "x", "--role", "city", "--offices", "999999", "--province", "hubei"],
              "999999"),
             (["--login", "bad login!", "--name", "x", "--role", "province", "--province", "hubei"], "登录名"),
             (["--login", "u1x", "--name", "x", "--role", "university", "--province", "hubei"], "须指定院校")]
    for args, words in cases:
        result = staff_add(*args)
        assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    weak = staff_add("--login", "weakling", "--name", "x", "--role", "province", "--province", "hubei", password="123")
    assert weak.returncode == 2 and "密码至少 8 位" in weak.stderr
