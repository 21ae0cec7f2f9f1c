"""Demo candidates with another 准考证 (issue 18: 湖北 准考证管理, 安徽 其他准考证号): each is an eligible demo
record whose last two courses were passed under a second 准考证 of the same person (same name and ID number, no
account of its own; one of the two a sitting, the other a 转考), so the record alone is short of them until the
office confirms the merge. Only where the profile offers application.other_exam_numbers; kept apart from
generate(), so adding them changes none of the other demo people."""
from __future__ import annotations

import json
import random

from functions.profiles.loader import load_profile

from .people import person
from .transcripts import courses_to_complete, sittings

CASE, OTHER_CASE = "other_exam_number", "other_exam_number_record"
COUNT = 10               # issue 18: at least 10 demo candidates per path
FIRST_SERIAL = 910_001   # exam numbers apart from generate()'s (1..count) and chosen.py's (900_001..)
OTHER_SERIAL = 920_001   # their other 准考证
PLAN = "JS-530601-2024R"   # a 专科 plan: no prior education to check
MOVED = 2                # courses passed under the other 准考证


def other_exam_number_demo(province: str, offices: list[str], reference) -> list[dict]:
    """COUNT candidates and their other 准考证 (none where the profile offers no merge); `reference` is the
    reference data folder."""
    profile = load_profile(province)
    if not profile.data["application"].get("other_exam_numbers"):
        return []
    plan = json.loads((reference / "plans" / f"{PLAN}.json").read_text(encoding="utf-8"))
    rng = random.Random(f"biye-demo-merge-{profile.code}")
    kind = profile.data["application"]["candidate_types"][0]
    made = []
    for i in range(COUNT):
        office = offices[i % len(offices)]
        who = person(rng, office, FIRST_SERIAL + i)
        flags = {"takes_foreign_language": True}
        passes = sittings(courses_to_complete(plan["requirements"], flags, rng), rng)
        last = list(dict.fromkeys(a["code"] for a in reversed(passes)))[:MOVED]   # courses, not sittings
        moved, transferred = set(last), last[0]
        common = {"office": office, "candidate_type": kind, "flags": flags, "majors": [PLAN],
                  "registered_on": "2021-03-01", "prior_education": [], "exemptions": [], "transfers": []}
        other = person(rng, office, OTHER_SERIAL + i)["exam_no"]
        made.append({**who, **common, "demo_case": CASE, "thesis": _thesis(plan, rng),
                     "attempts": [a for a in passes if a["code"] not in moved]})
        # the other 准考证 holds one of them as a 转考 (transferred in from another province, as generate()'s
        # transfer case), so a merge brings a 转考 row as well as sittings
        made.append({**who, **common, "exam_no": other, "demo_case": OTHER_CASE, "registered_on": "2016-09-01",
                     "attempts": [a for a in passes if a["code"] in moved - {transferred}],
                     "transfers": [{"code": transferred, "accepted": True, "from_province": "河南"}]})
    return made


def _thesis(plan: dict, rng: random.Random) -> dict | None:
    if not (plan.get("thesis") and plan["thesis"].get("code")):
        return None
    return {"code": plan["thesis"]["code"], "grade": rng.choice(["优秀", "良好", "中等", "合格"]),
            "host_university": (plan.get("host_universities") or [""])[0]}
