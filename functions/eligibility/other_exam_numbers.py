"""Another 准考证's sittings in the candidate's record (湖北 准考证管理, 安徽 其他准考证号). Pure.

Only a merge the office confirmed counts: until then the other 准考证 is 未生效 (seed 000), and its courses read as
missing. Each sitting brought over keeps the 准考证号 it was taken under, so the transcript can show where each
pass came from.
"""
from __future__ import annotations

PENDING, VERIFIED, REFUSED = "pending", "verified", "refused"


def merged(record: dict, others: list[dict]) -> dict:
    """`record` with the sittings of each confirmed other 准考证 added, each tagged with its `exam_no`."""
    brought = [{**sitting, "exam_no": other["exam_no"]}
               for other in others if other.get("status") == VERIFIED for sitting in other.get("sittings") or ()]
    if not brought:
        return record
    return {**record, "attempts": [*(record.get("attempts") or ()), *brought]}
