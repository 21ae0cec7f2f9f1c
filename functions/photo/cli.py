"""`biye photo check FILE [--province P]` and `biye photo fix FILE OUT [--province P]`.

Prints JSON (UTF-8, Chinese as is). Exit 0 for any verdict, 2 when FILE cannot be read at all, 1 for a usage
mistake; errors are one Chinese line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from functions.profiles.photo_rules import PhotoRules

USAGE = "用法：biye photo check 文件 [--province 省份] | biye photo fix 文件 输出文件 [--province 省份]"


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):             # argparse would exit 2, which here means "file unreadable"
        raise UsageError(USAGE)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="biye photo", add_help=False)
    sub = p.add_subparsers(dest="command")
    for name in ("check", "fix"):
        s = sub.add_parser(name, add_help=False)
        s.add_argument("file")
        if name == "fix":
            s.add_argument("out")
        s.add_argument("--province", default="安徽", help="省份（安徽、山西、重庆、湖北或拼音），或省份配置文件路径")
    return p


def _province_name(province: str) -> str:
    from functions.profiles.loader import load_profile
    try:
        return load_profile(province).name
    except Exception:                     # a profile file given by path: its own name is not at hand
        return province


def load_rules(province: str) -> PhotoRules:
    """A province by name (安徽, anhui) or a profile file (.yaml/.yml/.json) with photo/documents keys."""
    path = Path(province)
    if path.suffix.lower() in (".yaml", ".yml", ".json") and path.is_file():
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            profile = json.loads(text)
        else:
            import yaml
            profile = yaml.safe_load(text)
        return PhotoRules.from_profile(profile)
    from functions.profiles.checked import ConfigError
    from functions.profiles.loader import load_profile
    try:
        return PhotoRules.from_profile(load_profile(province).data)
    except ConfigError:
        raise UsageError(f"未知的省份：{province}（可选：安徽、山西、重庆、湖北）") from None


def _print(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["photo"]:
        args = args[1:]
    try:
        ns = _parser().parse_args(args)
        if ns.command is None:
            raise UsageError(USAGE)
        rules = load_rules(ns.province)
        if rules.photo is None:
            raise UsageError(f"{_province_name(ns.province)}不在线上传毕业照片（使用报名照片），无需检查。")
        try:
            data = Path(ns.file).read_bytes()
        except OSError as e:
            why = {FileNotFoundError: "文件不存在", IsADirectoryError: "这是一个文件夹",
                   PermissionError: "没有读取权限"}.get(type(e), "读取失败")
            print(f"无法读取文件 {ns.file}：{why}", file=sys.stderr)
            return 2
        if ns.command == "check":
            from functions.photo.checks.photo import check_photo
            result = check_photo(data, Path(ns.file).name, rules)
            _print({"ok": result["ok"], "findings": result["findings"], "measured": result["measured"]})
            return 0
        from functions.photo.checks.fix import fix_photo
        out, result, warnings = fix_photo(data, Path(ns.file).name, rules)
        written = None
        if out != data:
            Path(ns.out).write_bytes(out)
            written = ns.out
        _print({"ok": result["ok"], "findings": result["findings"], "warnings": warnings, "written": written,
                "measured": result["measured"]})
        return 0
    except UsageError as e:
        print(str(e), file=sys.stderr)
        return 1
    except ValueError as e:                 # unknown province, or a malformed profile naming the key
        print(f"省份配置有误：{e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"无法写入输出文件：{e.strerror or e}", file=sys.stderr)
        return 1
    except Exception as e:                  # a bug, but the candidate-facing tool still answers in one line
        print(f"照片检查出错：{type(e).__name__}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
