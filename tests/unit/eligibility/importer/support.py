"""Small import directories written by hand, read as `biye import` reads them (nothing stored)."""
from __future__ import annotations

import json
from pathlib import Path

from functions.eligibility.importer import read_directory
from functions.profiles.loader import load_profile
from functions.profiles.record_columns import RecordColumns

HUBEI_PROFILE = load_profile("hubei")
HUBEI_OFFICES = {o["code"]: o["name"] for o in HUBEI_PROFILE.data["offices"]}
HUBEI_COLUMNS = RecordColumns.from_profile(HUBEI_PROFILE.data["records_import"])
# A valid identity: 武汉市, ID number with a correct check digit.
EXAM_NO, ID_NUMBER = "420120000001", "420102199001011236"
CANDIDATE_HEADER = "准考证号,姓名,身份证号,考办代码,注册日期"
CANDIDATE_ROW = f"{EXAM_NO},张三,{ID_NUMBER},420100,2024-09-01"


def write(root: Path, files: dict[str, str | bytes], encoding: str = "utf-8") -> Path:
    """files: name under candidates/ -> text (or bytes, written as they are)."""
    folder = root / "candidates"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
    return root


def records(root: Path, offices=HUBEI_OFFICES, columns=HUBEI_COLUMNS) -> dict[str, dict]:
    """准考证号 -> the record as it would be stored (identity and canonical record)."""
    found = {}
    with read_directory(root, offices, columns=columns) as (_, _, chunks):
        for items in chunks():
            for item in items:
                found[item["exam_no"]] = {"name": item["name"], "id_number": item["id_number"],
                                          "office": item["office"], **json.loads(item["doc"])}
    return found


def only(root: Path, **kw) -> dict:
    found = records(root, **kw)
    assert len(found) == 1
    return next(iter(found.values()))
