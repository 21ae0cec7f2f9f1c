"""The `biye` command: one entry point, each subcommand owned by the part of Biye it belongs to.

Exit 0 on success, 2 with one Chinese line on stderr for input it cannot use, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time

# Subcommands implemented by a function's own module (their main takes the full argv, subcommand first).
DELEGATED = {"audit": "functions.eligibility.cli", "reaudit": "functions.eligibility.reaudit_cli",
             "photo": "functions.photo.cli", "identity": "functions.photo.identity_cli",
             "import-photos": "functions.photo.registration_cli"}

USAGE = """用法: biye <命令> [参数]
  import DIR [--province P] [--dry-run]   导入考试计划、规则、课程与考生记录 (JSON、CSV、Excel)
  import-photos DIR [--dry-run]            导入报名照片 (每人一张 <准考证号>.jpg，印在申请表上)
  audit CASE.json [--data DIR]             毕业条件判定 (--what-if: 所有可能的专业)
  reaudit [--table T]                      全体考生重新判定，列出结论变化
  photo check|fix ...                      照片检查与自动修正
  identity check --card C --holding H ...  身份证照片认证 (读证件文字、比对人脸)
  staff add ...                            新建工作人员账号
  effects [--limit N]                      补做请求未完成的后续工作 (订单、退款、表格、短信)
  outbox [--day YYYY-MM-DD] [--to PHONE]   查看某天 (北京时间) 的短信发件箱：内容与发送状态
  profiles check [DIR]                     检查省份配置文件"""


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print English usage and exit; we answer in one line
        raise UsageError(f"参数有误: {message}")


def _table(name: str | None):
    from functions.common.aws import dynamodb_table
    from functions.common.settings import Settings
    return dynamodb_table(name or Settings.from_env().table)


def cmd_import(argv: list[str]) -> int:
    from functions.common.dynamo.store import Store
    from functions.common.settings import Settings
    from functions.eligibility.importer import ImportRejected, import_directory
    from functions.eligibility.importer.progress import Progress
    from functions.profiles.loader import load_profile
    from functions.profiles.record_columns import RecordColumns

    parser = _Parser(prog="biye import")
    parser.add_argument("directory")
    parser.add_argument("--province", default=None)
    parser.add_argument("--table", default=None)
    parser.add_argument("--dry-run", action="store_true", help="读取并核对全部文件，列出将要发生的变化，不写入")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    args = parser.parse_args(argv)
    profile = load_profile(args.province or Settings.from_env().province)
    offices = {o["code"]: o["name"] for o in profile.data["offices"]}
    columns = RecordColumns.from_profile(profile.data.get("records_import"))
    try:
        report = import_directory(Store(_table(args.table)), args.directory, offices, columns=columns,
                                  dry_run=args.dry_run, progress=Progress())
    except ImportRejected as refused:
        lines = refused.lines()
        if len(lines) == 1:
            print(f"biye import: {lines[0]}（未写入任何数据）", file=sys.stderr)
        else:
            print("\n".join(lines) + f"\n共 {len(refused.problems) + refused.more} 处问题，未写入任何数据。",
                  file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print("\n".join(report.summary()))
    return 0


def cmd_staff(argv: list[str]) -> int:
    from functions.apply.accounts.rules import staff_problem
    from functions.apply.accounts.store import NewAccount, create_account
    from functions.common.jurisdiction import ROLES
    from functions.common.settings import Settings
    from functions.profiles.loader import load_profile

    parser = _Parser(prog="biye staff add")
    parser.add_argument("action", choices=["add"])
    parser.add_argument("--login", required=True, help="登录名")
    parser.add_argument("--name", required=True, help="姓名")
    parser.add_argument("--role", required=True, choices=ROLES)
    parser.add_argument("--offices", default="", help="管辖的考办代码，逗号分隔")
    parser.add_argument("--universities", default="", help="管辖的主考院校，逗号分隔")
    parser.add_argument("--province", default=None)
    parser.add_argument("--table", default=None)
    args = parser.parse_args(argv)
    offices, universities = _comma_list(args.offices), _comma_list(args.universities)
    profile = load_profile(args.province or Settings.from_env().province)
    problem = staff_problem(profile, args.role, offices, universities)
    if problem:
        raise UsageError(problem)
    if not re.fullmatch(r"[A-Za-z0-9._-]{3,40}", args.login):
        raise UsageError("登录名只能包含字母、数字和 ._-，3–40 位")
    # The password is read from stdin, never from the command line (it would be in the shell history and ps).
    password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else __import__("getpass").getpass("密码: ")
    account_id = create_account(_table(args.table), NewAccount(
        kind="staff", display_name=args.name, logins={"staff": args.login.lower()}, password=password, role=args.role,
        offices=offices, universities=universities), int(time.time()), conflict="该登录名已被使用", actor="cli")
    print(json.dumps({"account_id": account_id, "login": args.login.lower(), "role": args.role}, ensure_ascii=False))
    return 0


def cmd_profiles(argv: list[str]) -> int:
    from functions.profiles.loader import PROFILE_DIR, all_profiles
    parser = _Parser(prog="biye profiles check")
    parser.add_argument("action", choices=["check"])
    parser.add_argument("directory", nargs="?", default=str(PROFILE_DIR))
    args = parser.parse_args(argv)
    for profile in all_profiles(args.directory):
        print(f"{profile.code}: {profile.name} 配置正确 ({len(profile.stages)} 个审核阶段)")
    return 0


def cmd_effects(argv: list[str]) -> int:
    from functions.apply.sweeper import sweep
    parser = _Parser(prog="biye effects")
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args(argv)
    if not 1 <= args.limit <= 100000:
        raise UsageError("--limit 应为 1–100000")
    print(json.dumps(sweep(limit=args.limit), ensure_ascii=False))
    return 0


def cmd_outbox(argv: list[str]) -> int:
    """The SMS outbox as a readable log (on the local stage the demo reads one-time codes here)."""
    import datetime

    from functions.apply.sms.rules import STATUS_TEXT, Status
    from functions.apply.sms.store import SmsStore
    from functions.common.time import beijing_day
    parser = _Parser(prog="biye outbox")
    parser.add_argument("--day", default=beijing_day(int(time.time())).isoformat())
    parser.add_argument("--to", default="")
    parser.add_argument("--table")
    args = parser.parse_args(argv)
    try:
        day = datetime.date.fromisoformat(args.day).isoformat()
    except ValueError:
        raise UsageError("--day 应为日期，例如 2026-05-01") from None
    for item in sorted(SmsStore(_table(args.table)).day(day), key=lambda i: i["queued_at"]):
        if args.to and item.get("to") != args.to:
            continue
        status = STATUS_TEXT[Status(item["status"])] if item["status"] in set(Status) else item["status"]
        print(f"{item['queued_at']}  {item.get('to', '')}  {status}  {item.get('text', '')}")
    return 0


COMMANDS = {"import": cmd_import, "staff": cmd_staff, "profiles": cmd_profiles, "effects": cmd_effects,
            "outbox": cmd_outbox}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    try:
        if command in DELEGATED:
            return importlib.import_module(DELEGATED[command]).main(argv)
        if command not in COMMANDS:
            raise UsageError(f"未知命令 {command!r}；运行 biye help 查看可用命令")
        return COMMANDS[command](rest)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # noqa: BLE001 — the command line answers every failure in one line
        print(f"biye {command}: {_one_line(err)}", file=sys.stderr)
        return 2


def _comma_list(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(",") if x.strip())


def _one_line(err: Exception) -> str:
    from botocore.exceptions import BotoCoreError, ClientError
    if isinstance(err, ClientError):
        return f"AWS 拒绝了请求: {err.response['Error'].get('Code')} — 请检查表名与凭证"
    if isinstance(err, BotoCoreError):
        return "无法连接 AWS: 请检查网络、区域与凭证"
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


if __name__ == "__main__":
    sys.exit(main())
