"""Demo candidates for one province: at least 200 records on the real plans, covering every situation the
engine must judge. Deterministic (seeded by the province), so `make run` shows the same people every time.

    python -m infra.demo.generate --province hubei --out build/demo/hubei
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

from functions.eligibility.plan_source import of_another_province
from functions.profiles.loader import load_profile

from .chosen import chosen_substitution_demo
from .directions import direction_demo
from .hosts import as_demo_plan
from .merges import other_exam_number_demo
from .pairs import associate_demo
from .people import person
from .transcripts import courses_to_complete, sittings

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "data" / "reference"
# The batch open now (2026 下半年); prior education must be dated on or before the cut-off. It names no province:
# a stack holds only its own province's plans, and the demo plans are Jiangsu's (the complete ones we have).
BATCH = {"graduation_date": "2026-12-30", "prior_edu_cutoff": "2026-12-30"}
DEMO_WINDOW = {"opens": "2026-11-01T00:00:00+08:00", "closes": "2027-01-15T17:00:00+08:00"}


def demo_batch(province: str) -> dict:
    profile = load_profile(province)
    batch = {"id": f"{profile.code.upper()}-2026H2", "name": f"{profile.name}2026年下半年毕业申请", **BATCH,
             # one window for every type of candidate the province names (staff change them on the review page)
             "windows": {kind: dict(DEMO_WINDOW) for kind in profile.data["application"]["candidate_types"]}}
    if profile.data["application"]["prior_education"].get("fresh_graduate_proof"):
        batch["prior_edu_verify_by"] = "2027-01-01"  # 安徽: 应届 candidates verified by the start of next half
    return batch


def write_demo(province: str, out: Path, count: int = 240, own_hosts: bool = True) -> list[dict]:
    """candidates/demo.json and batches/current.json under out, ready for `biye import`; with `own_hosts`, also the
    other provinces' plans offering this province's own host universities (hosts.py), each candidate's thesis from
    one of them."""
    candidates = demo_candidates(province, count)
    files = [("candidates", "demo.json", {"candidates": candidates}), ("batches", "current.json", demo_batch(province))]
    # the plans an earlier write left (make run's, with this province's hosts) must not be imported by a write
    # without them (the tests' stack in the same checkout read 湖北's hosts on Jiangsu's plans and failed)
    shutil.rmtree(out / "plans", ignore_errors=True)
    if own_hosts:
        profile = load_profile(province)
        # every plan the pages say is another province's (the demo's, and the older versions a candidate may see)
        found = [_load(path) for path in sorted((REFERENCE / "plans").glob("*.json"))]
        plans = {p["plan_id"]: as_demo_plan(p, profile.code) for p in found
                 if p.get("host_universities") and of_another_province(p, profile.data["province"])}
        candidates = [_thesis_at(c, plans) for c in candidates]
        files = [("candidates", "demo.json", {"candidates": candidates}), files[1],
                 *(("plans", f"{plan_id}.json", plan) for plan_id, plan in plans.items())]
    for folder, name, doc in files:
        (out / folder).mkdir(parents=True, exist_ok=True)
        (out / folder / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return candidates


def _thesis_at(candidate: dict, plans: dict[str, dict]) -> dict:
    """The candidate's thesis graded by the host their demo plan offers (the engine checks the thesis's host)."""
    plan = plans.get(candidate["majors"][0])
    if not plan or not candidate.get("thesis"):
        return candidate
    return {**candidate, "thesis": {**candidate["thesis"], "host_university": plan["host_universities"][0]}}
# Complete plans only: a demo verdict on a partial reconstruction would mislead.
DEMO_PLANS = ["JS-080901-2024R", "JS-120203K-2024R", "JS-050101-2024R", "JS-530601-2024R"]
CASES = ["eligible", "missing_courses", "substitution", "exemption", "transfer", "no_prior_education",
         "prior_education_after_cutoff", "discipline_ban", "already_graduated"]
# Eligible and missing-course candidates are the common ones in any real batch.
WEIGHTS = [6, 6, 2, 2, 2, 1, 1, 1, 1]


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _prior_education(level: str, rng: random.Random, graduation_date: str | None = None) -> list[dict]:
    if level == "专科":
        return []
    year = rng.randrange(2012, 2025)
    return [{"level": "专科", "major": rng.choice(["计算机应用技术", "会计", "文秘", "电子商务", "市场营销"]),
             "category": rng.choice(["电子电工信息类", "财经商贸类", "文化艺术类"]),
             "graduation_date": graduation_date or f"{year}-06-30", "status": "verified",
             "evidence": "学信网 authorization"}]


def _substitution_rules(plan: dict, rulesets: list[dict]) -> list[dict]:
    codes = {c for c in _codes(plan["requirements"])}
    found = []
    for ruleset in rulesets:
        for rule in ruleset.get("rules", []):
            targets = rule.get("replaces", {}).get("courses") or []
            sources = rule.get("from", {}).get("courses") or []
            applies = rule.get("plans")
            if (targets and sources and set(targets) <= codes and not set(sources) & codes
                    and (not applies or plan["plan_id"] in applies)):
                found.append(rule)
    return found


def course_nodes(node: dict):
    """Every course node of a plan's requirement tree, depth first (items, then, else)."""
    if node["type"] == "course":
        yield node
    for child in node.get("items") or ():
        yield from course_nodes(child)
    for key in ("then", "else"):
        if node.get(key):
            yield from course_nodes(node[key])


def _codes(node: dict):
    return (course["code"] for course in course_nodes(node))


def plan_courses(*plan_ids: str, limit: int | None = None, reference: Path = REFERENCE) -> list[dict]:
    """The course nodes of the plans, each code once, in plan order (sample data for forms tests and benches)."""
    found: dict[str, dict] = {}
    for plan_id in plan_ids:
        for course in course_nodes(_load(reference / "plans" / f"{plan_id}.json")["requirements"]):
            found.setdefault(course["code"], course)
    return list(found.values())[:limit]


def _fits(case: str, plan: dict, rulesets: list[dict], exemptions: list[dict]) -> bool:
    """Whether the case can happen on this plan (a 专科 plan has no prior-education check, ...)."""
    if case in ("no_prior_education", "prior_education_after_cutoff"):
        return plan["level"] != "专科"
    if case == "substitution":
        return bool(_substitution_rules(plan, rulesets))
    if case == "exemption":
        codes = set(_codes(plan["requirements"]))
        return any(isinstance(r.get("exempts"), list) and r["exempts"] and set(r["exempts"]) <= codes
                   for r in exemptions)
    return True


def candidate_record(case: str, plan: dict, rulesets: list[dict], exemptions: list[dict], rng: random.Random) -> dict:
    flags = {"takes_foreign_language": True}
    taken = courses_to_complete(plan["requirements"], flags, rng)
    record = {"registered_on": f"{rng.randrange(2020, 2024)}-{rng.choice(['03', '09'])}-01", "flags": flags,
              "majors": [plan["plan_id"]], "prior_education": _prior_education(plan["level"], rng),
              "attempts": [], "exemptions": [], "transfers": []}
    if case == "missing_courses":
        for course in rng.sample(taken, k=min(len(taken), rng.randrange(1, 4))):
            taken.remove(course)
            record["attempts"].append({"code": course["code"], "session": "2026-04", "score": rng.randrange(30, 60)})
    elif case == "substitution":
        rules = _substitution_rules(plan, rulesets)
        if rules:
            rule = rng.choice(rules)
            replaced = set(rule["replaces"]["courses"])
            taken = [c for c in taken if c["code"] not in replaced]
            need = rule["from"].get("min_count", len(rule["from"]["courses"]))
            taken += [{"code": code} for code in rule["from"]["courses"][:need]]
    elif case == "exemption":
        def usable_rules():
            return [r for r in exemptions if isinstance(r.get("exempts"), list) and r["exempts"]
                    and set(r["exempts"]) <= {c["code"] for c in taken}]
        for _ in range(20):  # a choice group may have taken another language than the certificate's
            if usable_rules():
                break
            taken = courses_to_complete(plan["requirements"], flags, rng)
        usable = usable_rules()
        if usable:
            rule = rng.choice(usable)
            taken = [c for c in taken if c["code"] not in rule["exempts"]]
            record["exemptions"] = [{"code": code, "basis": rule["basis"][0], "approved": True,
                                     "certificate_id": f"{rule['rule_id']}-{rng.randrange(10**6)}"}
                                    for code in rule["exempts"]]
    elif case == "transfer":
        moved = rng.choice(taken)
        taken.remove(moved)
        record["transfers"] = [{"code": moved["code"], "accepted": True, "from_province": "河南"}]
    elif case == "no_prior_education" and plan["level"] != "专科":
        record["prior_education"] = []
    elif case == "prior_education_after_cutoff" and plan["level"] != "专科":
        record["prior_education"] = _prior_education(plan["level"], rng, graduation_date="2027-01-15")
    elif case == "discipline_ban":
        record["disciplinary"] = [{"id": f"D{rng.randrange(10**5):05d}", "decided_on": "2025-04-20",
                                   "ban_until": "2027-04-19", "void_sessions": ["2025-04"]}]
    elif case == "already_graduated":
        record["graduations"] = [{"major_code": plan["major_code"], "level": plan["level"]}]
    record["attempts"] += sittings(taken, rng)
    if plan.get("thesis") and plan["thesis"].get("code"):
        record["thesis"] = {"code": plan["thesis"]["code"], "grade": rng.choice(["优秀", "良好", "中等", "合格"]),
                            "host_university": (plan.get("host_universities") or [""])[0]}
    return record


# A province lists every office it has (17 to 117); the demo's candidates live in the first few, so a reviewer's
# queue in the demo is not one candidate long (each profile lists these first).
DEMO_OFFICES = 10


def demo_candidates(province: str, count: int = 240) -> list[dict]:
    """What `make run` imports: generate()'s candidates, then those of the province's chosen-顶替 path (chosen.py),
    of its other-准考证 path (merges.py), of its 专业方向 path (directions.py) and of its 本、专科专业一并申请 path
    (pairs.py)."""
    offices = [o["code"] for o in load_profile(province).data["offices"]][:DEMO_OFFICES]
    return (generate(province, count) + chosen_substitution_demo(province, offices)
            + other_exam_number_demo(province, offices, REFERENCE) + direction_demo(province, offices, REFERENCE)
            + associate_demo(province, offices, REFERENCE))


def generate(province: str, count: int = 240, reference: Path = REFERENCE) -> list[dict]:
    profile = load_profile(province)
    rng = random.Random(f"biye-demo-{profile.code}")
    plans = [_load(reference / "plans" / f"{plan_id}.json") for plan_id in DEMO_PLANS]
    rulesets = [_load(p) for p in sorted((reference / "rules").glob("*.json"))]
    exemptions = next((r["rules"] for r in rulesets if r["ruleset_id"] == "EXEMPTIONS"), [])
    offices = [o["code"] for o in profile.data["offices"]][:DEMO_OFFICES]
    candidates = []
    for serial in range(count):
        case = CASES[serial] if serial < len(CASES) else rng.choices(CASES, WEIGHTS)[0]
        fitting = [p for p in plans if _fits(case, p, rulesets, exemptions)]
        plan = fitting[serial % len(fitting)]
        office = offices[serial % len(offices)]
        who = person(rng, office, serial + 1)
        record = candidate_record(case, plan, rulesets, exemptions, rng)
        candidates.append({**who, "office": office, "candidate_type": profile.data["application"]["candidate_types"][0],
                           "demo_case": case, **record})
    return candidates


def demo_arguments(prog: str) -> argparse.ArgumentParser:
    """What every demo command takes: the province, how many candidates, and where to write them."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--province", default="hubei")
    parser.add_argument("--count", type=int, default=240)
    parser.add_argument("--out", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = demo_arguments("python -m infra.demo.generate").parse_args(argv)
    candidates = write_demo(args.province, Path(args.out), args.count)
    print(f"demo: {len(candidates)} candidates and a batch → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
