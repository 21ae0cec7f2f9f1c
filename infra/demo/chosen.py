"""Demo candidates who walk a chosen 课程顶替 (issue 18): the 240 demo candidates are on Jiangsu's complete plans,
whose rules the authority applies by itself, so none of them has a rule to choose. Where the profile lets the
candidate choose (application.substitution), these are on the province's own plan with its rule table: 湖北's
seed rules (step 11) on HB-OLDPLAN-FRAGMENT, 山西's 英语(二) credit pool on SX-BK-FRAGMENT, 安徽's 替代课程 list
(未通过课程处理) on AH-BK-FRAGMENT. Kept apart from generate(), so adding them changes none of the other demo people."""
from __future__ import annotations

import random

from functions.profiles.loader import load_profile

from .people import person

CASE = "chosen_substitution"
COUNT = 10        # issue 18: at least 10 demo candidates per path
FIRST_SERIAL = 900_001   # exam numbers apart from generate()'s serials (1..count)


def _sitting(code: str, session: str, score: int, credits: int | None = None) -> dict:
    return {"code": code, "session": session, "score": score, **({"credits": credits} if credits else {})}


# By the profile's application.substitution: the plan, and passed courses that leave a rule usable and unused.
PATHS = {
    # 00021 passed; 00004 missing (03708 + 03709 replace it: HB-R1), 00077 missing (09092 replaces it: HB-R4)
    "candidate_rules": ("HB-OLDPLAN-FRAGMENT", [("00021", 72), ("03708", 70), ("03709", 66), ("09092", 81)]),
    # 英语(二) missing; 00054 + 00321 + 27108 (16 credits ≥ 14) may replace it (SX-EN2)
    "credit_pool": ("SX-BK-FRAGMENT", [("03708", 70), ("00054", 65, 6), ("00321", 72, 5), ("27108", 61, 5)]),
    # 00023 高等数学(工本) failed; 00020 高等数学(一), on the plan's 替代课程 list for it, passed (AH-T1); 00022, the
    # list's other course, not taken (the page says to take it first)
    "per_course": ("AH-BK-FRAGMENT", [("03708", 70), ("02324", 66), ("00020", 75), ("00023", 45)]),
}
# What the path is called where the candidate meets it (make run's sign-in says it): 安徽's 未通过课程处理
# calls it 替代课程.
NAMES = {"per_course": "替代课程"}


def path_name(profile) -> str:
    return NAMES.get(profile.data["application"]["substitution"], "课程顶替")


def chosen_substitution_demo(province: str, offices: list[str]) -> list[dict]:
    """COUNT candidates for the province's chosen-顶替 path (none where the profile offers none)."""
    profile = load_profile(province)
    path = PATHS.get(profile.data["application"]["substitution"])
    if path is None:
        return []
    plan_id, passed = path
    rng = random.Random(f"biye-demo-chosen-{profile.code}")
    made = []
    for i in range(COUNT):
        office = offices[i % len(offices)]
        made.append({**person(rng, office, FIRST_SERIAL + i), "office": office,
                     "candidate_type": profile.data["application"]["candidate_types"][0], "demo_case": CASE,
                     "registered_on": "2019-03-01", "flags": {}, "majors": [plan_id], "prior_education": [],
                     "attempts": [_sitting(c[0], "2024-10", c[1], *c[2:]) for c in passed],
                     "exemptions": [], "transfers": []})
    return made
