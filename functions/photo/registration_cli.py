"""`biye import-photos DIR [--table T] [--bucket B] [--dry-run]`: the offices' 报名照片 (registration_photos.py).

Every file in DIR is judged first; with any problem, each is printed on its own line (file: what is wrong) and
nothing is stored (exit 2). Otherwise every photo is stored and the count printed (exit 0).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import registration_photos as photos

USAGE = "用法：biye import-photos 照片文件夹 [--table 表名] [--bucket 存储桶] [--dry-run]"


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(USAGE)


def _read(folder: Path) -> list[tuple[str, bytes]]:
    if not folder.is_dir():
        raise UsageError(f"找不到照片文件夹：{folder}")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise UsageError(f"照片文件夹是空的：{folder}")
    return [(p.name, p.read_bytes()) for p in files]


def judge_all(files: list[tuple[str, bytes]], known: set[str]) -> tuple[list[photos.Photo], list[str]]:
    """The photos, and every problem as "file: what is wrong" (an unknown 准考证号, a second file for one)."""
    found, problems, seen = [], [], set()
    for name, data in files:
        photo, problem = photos.judged(name, data)
        if photo and photo.exam_no not in known:
            problem = "没有这个准考证号的考籍记录（请先导入考生记录）"
        elif photo and photo.exam_no in seen:
            problem = "同一准考证号有两张照片"
        if problem:
            problems.append(f"{name}：{problem}")
        elif photo:
            seen.add(photo.exam_no)
            found.append(photo)
    return found, problems


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["import-photos"]:
        args = args[1:]
    try:
        parser = _Parser(prog="biye import-photos", add_help=False)
        parser.add_argument("folder")
        parser.add_argument("--table", default=None)
        parser.add_argument("--bucket", default=None)
        parser.add_argument("--dry-run", action="store_true")
        ns = parser.parse_args(args)
        files = _read(Path(ns.folder))
    except UsageError as err:
        print(str(err), file=sys.stderr)
        return 2
    from functions.common.aws import dynamodb_table, s3_client
    from functions.common.dynamo import keys
    from functions.common.dynamo.store import Store
    from functions.common.settings import Settings
    settings = Settings.from_env()
    table = dynamodb_table(ns.table or settings.table)
    named = {m.group(1) for name, _ in files if (m := photos.EXAM_NO_FILE.fullmatch(name))}
    known = {pk.split("#", 1)[1] for pk, _ in Store(table).digests([keys.candidate(n) for n in sorted(named)])}
    found, problems = judge_all(files, known)
    if problems:
        print("\n".join(problems) + f"\n共 {len(problems)} 个文件有问题，未导入任何照片。", file=sys.stderr)
        return 2
    if ns.dry_run:
        print(f"核对通过：{len(found)} 张报名照片可以导入（--dry-run，未写入）")
        return 0
    now, s3 = int(time.time()), s3_client()
    for photo in found:
        photos.store(table, s3, ns.bucket or settings.uploads_bucket, photo, now)
    print(f"已导入 {len(found)} 张报名照片")
    return 0


if __name__ == "__main__":
    sys.exit(main())
