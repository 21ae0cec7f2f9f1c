"""Demo candidates who choose a 专业方向 (issue 18: 湖北 step 6, 如果此专业下有多个方面，请选择专业毕业方向): on the
province's own plans that have several 方向 (data/reference/plans/*.json with `directions`; none: no such people).
Each has passed the courses every 方向 shares and those of one 方向 (the first five the first, the others the second),
so the audit says ELIGIBLE in that 方向 only. Kept apart from generate(), so adding them changes none of the other
demo people."""
from __future__ import annotations

import json
import random
from pathlib import Path

from functions.eligibility.engine.directions import directions_of
from functions.eligibility.plan_source import of_another_province
from functions.profiles.loader import load_profile

from .people import person

CASE = "direction"
COUNT = 10               # issue 18: at least 10 demo candidates per path
FIRST_SERIAL = 930_001   # exam numbers apart from generate()'s, chosen.py's (900_001..) and merges.py's (910_001..)


def _codes(node: dict) -> list[str]:
    """Every course code under a requirement node."""
    if node["type"] == "course":
        return [node["code"]]
    children = list(node.get("items") or ()) + [node[k] for k in ("then", "else") if node.get(k)]
    return [code for child in children for code in _codes(child)]


def own_direction_plans(province: str, reference: Path) -> list[dict]:
    """The province's own plans (not of another province) that have several 方向."""
    home = load_profile(province).data["province"]
    plans = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((reference / "plans").glob("*.json"))]
    return [p for p in plans if directions_of(p) and p.get("province") and not of_another_province(p, home)]


def direction_demo(province: str, offices: list[str], reference: Path) -> list[dict]:
    """COUNT candidates on the province's first plan with 方向 (none where it has no such plan)."""
    plans = own_direction_plans(province, reference)
    if not plans:
        return []
    profile, plan = load_profile(province), plans[0]
    options = directions_of(plan)
    rng = random.Random(f"biye-demo-direction-{profile.code}")
    made = []
    for i in range(COUNT):
        office, way = offices[i % len(offices)], options[0 if i < COUNT // 2 else 1]
        passed = _codes(plan["requirements"]) + _codes(way["requirements"])
        made.append({**person(rng, office, FIRST_SERIAL + i), "office": office,
                     "candidate_type": profile.data["application"]["candidate_types"][0], "demo_case": CASE,
                     "registered_on": "2020-03-01", "flags": {}, "majors": [plan["plan_id"]], "prior_education": [],
                     "attempts": [{"code": c, "session": "2024-10", "score": 60 + (7 * (i + n)) % 35}
                                  for n, c in enumerate(passed)],
                     "exemptions": [], "transfers": []})
    return made
