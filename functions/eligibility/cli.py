"""`biye audit CASE.json [--data DIR]` and `biye audit --what-if CASE.json`.

Prints the audit as JSON on stdout and exits 0 whatever the verdict. Input it cannot read
gets one Chinese line on stderr naming the file and the field, and exit 2, never a traceback.
"""

import json
import sys
from pathlib import Path

from .engine import EngineInputError, audit, load_reference, what_if

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data" / "reference"
USAGE = "用法：biye audit CASE.json [--data 目录] 或 biye audit --what-if CASE.json [--data 目录]"
EXIT_INPUT = 2


class UsageError(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        case_path, data_dir, whatif = _parse(argv)
        reference = load_reference(data_dir)
        case = _read_case(case_path)
        output = _run(case, case_path, reference, whatif)
    except UsageError as exc:
        return _fail(f"{exc}。{USAGE}")
    except EngineInputError as exc:
        return _fail(str(exc))
    except Exception as exc:  # a bug: still one line, never a traceback on a candidate's screen
        print(f"内部错误：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    _write(json.dumps(output, ensure_ascii=False, indent=2) + "\n")
    return 0


def _parse(argv):
    if argv and argv[0] == "audit":
        argv = argv[1:]
    data_dir, whatif, positional = DEFAULT_DATA, False, []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--what-if":
            whatif = True
        elif arg == "--data":
            if i + 1 >= len(argv):
                raise UsageError("--data 后缺少参考数据目录")
            data_dir, i = Path(argv[i + 1]), i + 1
        elif arg.startswith("--data="):
            data_dir = Path(arg.split("=", 1)[1])
        elif arg.startswith("-"):
            raise UsageError(f"不认识的选项 {arg}")
        else:
            positional.append(arg)
        i += 1
    if len(positional) != 1:
        raise UsageError("须给出且只给出一个案例文件")
    return positional[0], data_dir, whatif


def _read_case(path):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EngineInputError(path, "$", "存在的案例文件（找不到该文件）") from None
    except (OSError, UnicodeDecodeError):
        raise EngineInputError(path, "$", "可读取的 UTF-8 文本文件") from None
    try:
        case = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EngineInputError(path, f"第{exc.lineno}行第{exc.colno}列", "合法的 JSON") from None
    if not isinstance(case, dict):
        raise EngineInputError(path, "$", "JSON 对象 {batch, graduate_under | plan_inline, candidate}")
    for key in ("batch", "candidate"):
        if not isinstance(case.get(key), dict):
            raise EngineInputError(path, key, "JSON 对象")
    return case


def _run(case, path, reference, whatif):
    try:
        if whatif:
            ranked = what_if(case["candidate"], case["batch"], reference)
            return {"batch": case["batch"].get("id"),
                    "plans": [{k: v for k, v in row.items() if k != "result"} for row in ranked]}
        return audit(_plan_of(case, path, reference), case["candidate"], case["batch"], reference)
    except EngineInputError as exc:
        if exc.file in ("candidate", "batch"):
            raise EngineInputError(path, exc.path, exc.expected) from None
        if exc.file == "plan_inline":
            raise EngineInputError(path, f"plan_inline.{exc.path}", exc.expected) from None
        raise


def _plan_of(case, path, reference):
    if isinstance(case.get("plan_inline"), dict):
        return case["plan_inline"]
    plan_id = case.get("graduate_under")
    if not isinstance(plan_id, str) or plan_id not in reference.plans:
        known = "、".join(sorted(reference.plans))
        raise EngineInputError(path, "graduate_under", f"参考数据中的考试计划编号（{known}）或 plan_inline")
    return plan_id


def _fail(message):
    print(message.replace("\n", " "), file=sys.stderr)
    return EXIT_INPUT


def _write(text):
    stream = sys.stdout
    if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
        stream.reconfigure(encoding="utf-8")
    stream.write(text)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
