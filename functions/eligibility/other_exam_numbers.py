"""Another 准考证's record merged into the candidate's (湖北 准考证管理, 安徽 其他准考证号). Pure.

Only a merge the office confirmed counts: until then the other 准考证 is 未生效 (seed 000), and its courses read as
missing. What it brings is all its record holds of passes, each kind as the candidate's own (CARRIED): sittings,
免考 and 转考, so the audit counts them exactly as it counts the candidate's own. Each keeps the 准考证号 it was
recorded under, so the transcript can show where each pass came from.
"""
from __future__ import annotations

PENDING, VERIFIED, REFUSED = "pending", "verified", "refused"

# The other 准考证's entry key -> the record's list it joins (the entry's "sittings" are the record's "attempts").
CARRIED = {"sittings": "attempts", "exemptions": "exemptions", "transfers": "transfers"}


def carried(record: dict) -> dict:
    """What an other 准考证 brings, read from its record when the candidate adds it: its sittings, 免考 and 转考."""
    return {key: list(record.get(kind) or ()) for key, kind in CARRIED.items()}


def merged(record: dict, others: list[dict]) -> dict:
    """`record` with the sittings, 免考 and 转考 of each confirmed other 准考证 added, each tagged with its
    `exam_no`."""
    confirmed = [other for other in others if other.get("status") == VERIFIED]
    added = {kind: [{**item, "exam_no": other["exam_no"]} for other in confirmed for item in other.get(key) or ()]
             for key, kind in CARRIED.items()}
    if not any(added.values()):
        return record
    return {**record, **{kind: [*(record.get(kind) or ()), *items] for kind, items in added.items() if items}}
