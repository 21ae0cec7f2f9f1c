"""Demo candidates who apply for a 专科 and a 本科 in one batch (issue 18: 安徽 本、专科专业一并申请, seed 002): each
has passed every course of a 专科 plan and of a 本科 plan (the 本科's thesis too) and holds no diploma, so the 本科
rests on the 专科 applied for beside it (application/associate.py). Only where the profile offers the pairing
(application.prior_education.concurrent_associate); kept apart from generate(), so adding them changes none of the
other demo people."""
from __future__ import annotations

import json
import random
from pathlib import Path

from functions.apply.application.associate import bundles
from functions.profiles.loader import load_profile

from .people import person
from .transcripts import courses_to_complete, sittings

CASE = "associate_and_bachelor"
COUNT = 10               # issue 18: at least 10 demo candidates per path
FIRST_SERIAL = 940_001   # exam numbers apart from generate()'s and those of chosen.py, merges.py and directions.py
# The 本科 first: the demo's thesis is graded by the host of a candidate's first plan (generate._thesis_at).
BACHELOR, ASSOCIATE = "JS-050101-2024R", "JS-530601-2024R"      # 汉语言文学 (专升本), 工商企业管理 (专科)


def associate_demo(province: str, offices: list[str], reference: Path) -> list[dict]:
    """COUNT candidates with a 专科 and a 本科 to apply for together (none where the profile has no pairing)."""
    profile = load_profile(province)
    if not bundles(profile.data):
        return []
    plans = [json.loads((reference / "plans" / f"{p}.json").read_text(encoding="utf-8")) for p in (BACHELOR, ASSOCIATE)]
    rng = random.Random(f"biye-demo-pair-{profile.code}")
    made = []
    for i in range(COUNT):
        office, flags = offices[i % len(offices)], {"takes_foreign_language": True}
        codes: dict[str, dict] = {}       # a course both plans have is taken once
        for plan in plans:
            codes.update((c["code"], c) for c in courses_to_complete(plan["requirements"], flags, rng))
        thesis = plans[0]["thesis"]
        made.append({**person(rng, office, FIRST_SERIAL + i), "office": office, "demo_case": CASE,
                     "candidate_type": profile.data["application"]["candidate_types"][0], "flags": flags,
                     "registered_on": "2020-03-01", "majors": [BACHELOR, ASSOCIATE], "prior_education": [],
                     "attempts": sittings(list(codes.values()), rng), "exemptions": [], "transfers": [],
                     "thesis": {"code": thesis["code"], "grade": "合格",
                                "host_university": plans[0]["host_universities"][0]}})
    return made
