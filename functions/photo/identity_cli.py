"""`biye identity check --card CARD --holding HOLDING --name 姓名 --id-number 身份证号 [--photo PHOTO]
[--province P]`: the identity check of two pictures against a name and number, as the portal runs it.

Prints {"ok", "findings": [{"code", "message", "hint"}], "read": {"name", "id_number"}, "face_match"} as JSON on
stdout and exits 0 for any verdict; exits 2 with one Chinese line on stderr for a file it cannot read or
arguments it cannot use. The codes are a contract (identity.py's TEXT and identity_match.py's TEXT).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

USAGE = ("用法：biye identity check --card 身份证人像面照片 --holding 手持身份证照片 --name 姓名 "
         "--id-number 身份证号 [--photo 毕业照片] [--province 省份]")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):             # argparse would print English; one Chinese line instead
        raise UsageError(USAGE)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="biye identity", add_help=False)
    sub = p.add_subparsers(dest="command")
    check = sub.add_parser("check", add_help=False)
    for flag in ("--card", "--holding", "--name", "--id-number"):
        check.add_argument(flag, required=True)
    check.add_argument("--photo")
    check.add_argument("--province", default="山西", help="省份（其照片规则决定文件格式与大小）")
    return p


def _read(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        why = {FileNotFoundError: "文件不存在", IsADirectoryError: "这是一个文件夹",
               PermissionError: "没有读取权限"}.get(type(e), "读取失败")
        raise UsageError(f"无法读取{what} {path}：{why}") from None


def run(argv: list[str]) -> dict:
    ns = _parser().parse_args(argv)
    if ns.command != "check":
        raise UsageError(USAGE)
    from functions.common.ids import id_number_problem
    problem = id_number_problem(ns.id_number.strip())
    if problem:
        raise UsageError(f"--id-number：{problem}")
    if not ns.name.strip():
        raise UsageError("--name：请填写考籍记录中的姓名")
    from functions.photo.cli import load_rules
    rules = load_rules(ns.province)
    if "id_front" not in rules.documents or "id_holding" not in rules.documents:
        raise UsageError(f"{ns.province}考生注册不需要上传身份证照片进行身份认证")
    card, holding = _read(ns.card, "身份证人像面照片"), _read(ns.holding, "手持身份证照片")
    photo = _read(ns.photo, "毕业照片") if ns.photo else None
    from functions.photo.checks.identity import check_identity
    result = check_identity(card, Path(ns.card).name, holding, Path(ns.holding).name, rules,
                            {"name": ns.name.strip(), "id_number": ns.id_number.strip().upper()}, photo)
    return {"ok": result["ok"],
            "findings": [{"code": f["code"], "message": f["message"], "hint": f["hint"]} for f in result["findings"]],
            "read": result["read"], "face_match": result["face_match"]}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["identity"]:
        args = args[1:]
    try:
        out = run(args)
    except UsageError as e:
        print(str(e), file=sys.stderr)
        return 2
    except Exception:                       # a bug: still one line, never a traceback
        print("身份认证检查出错：请把这两张照片和所用命令交给技术支持", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
