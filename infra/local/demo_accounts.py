"""Demo sign-ins for `make run`: one candidate and one staff member per review role of the profile."""
from __future__ import annotations

import json
import time

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.errors import Conflict
from functions.common.jurisdiction import role_names
from functions.profiles.loader import Profile
from infra.demo.chosen import CASE as CHOSEN
from infra.demo.chosen import path_name
from infra.demo.directions import CASE as DIRECTION
from infra.demo.generate import DEMO_PLANS, REFERENCE
from infra.demo.hosts import demo_universities
from infra.demo.merges import CASE as MERGE
from infra.demo.merges import OTHER_CASE as MERGE_OTHER
from infra.demo.pairs import CASE as PAIR

DEMO_PASSWORD = "Biye-demo-2026"


def _candidate_logins(profile: Profile, candidate: dict) -> dict[str, str]:
    values = {"id_number": candidate["id_number"], "exam_no": candidate["exam_no"],
              "email": f"{candidate['exam_no']}@demo.biye.cn"}
    return {kind: values[kind] for kind in profile.data["login"]["identifiers"]}


def create_demo_accounts(table, profile: Profile, candidates: list[dict], own_hosts: bool = True) -> list[dict]:
    """Accounts for the first eligible demo candidate and for staff covering that candidate's path (the university
    account: of the hosts the demo plans offer, the province's own with `own_hosts`)."""
    now = int(time.time())
    candidate = next(c for c in candidates if c["demo_case"] == "eligible")
    made = []
    logins = _candidate_logins(profile, candidate)
    _create(table, NewAccount(kind="candidate", display_name=candidate["name"], logins=logins,
                              password=DEMO_PASSWORD, exam_no=candidate["exam_no"]), now,
            profile.data["login"]["max_accounts_per_exam_no"])
    first_kind = profile.data["login"]["identifiers"][0]
    made.append({"who": f"考生 {candidate['name']}", "login": logins[first_kind], "password": DEMO_PASSWORD})
    # One sign-in per path the province offers, in the eligible candidate's office (its demo staff decide).
    chooser = next((c for c in candidates if c["demo_case"] == CHOSEN and c["office"] == candidate["office"]), None)
    merger = next((c for c in candidates if c["demo_case"] == MERGE and c["office"] == candidate["office"]), None)
    director = next((c for c in candidates if c["demo_case"] == DIRECTION and c["office"] == candidate["office"]), None)
    pair = next((c for c in candidates if c["demo_case"] == PAIR and c["office"] == candidate["office"]), None)
    # the demo person's other 准考证, to type on 其他准考证 (a real candidate reads it from their old 准考证)
    other = next((c["exam_no"] for c in candidates if merger and c["demo_case"] == MERGE_OTHER
                  and c["id_number"] == merger["id_number"]), "")
    for path, who in (("免考申请", _claimant(profile, candidates, candidate["office"])), (path_name(profile), chooser),
                      (f"多个准考证，另一个是 {other}", merger), ("专业方向", director), ("本专科一并申请", pair)):
        if who is None:
            continue
        logins = _candidate_logins(profile, who)
        _create(table, NewAccount(kind="candidate", display_name=who["name"], logins=logins,
                                  password=DEMO_PASSWORD, exam_no=who["exam_no"]), now,
                profile.data["login"]["max_accounts_per_exam_no"])
        made.append({"who": f"考生 {who['name']}（{path}）", "login": logins[first_kind], "password": DEMO_PASSWORD})
    roles = sorted({r for s in profile.stages for r in (s.get("role"), s.get("joint_with")) if r} | {"admin"})
    for role in roles:
        login = f"{role}-demo"
        offices = (candidate["office"],) if role in ("county", "city") else ()
        universities = () if role != "university" else \
            demo_universities(profile.code) if own_hosts else _demo_host_universities()
        name = role_names(profile.data["province_office"])[role]
        _create(table, NewAccount(kind="staff", display_name=f"{name}演示", logins={"staff": login},
                                  password=DEMO_PASSWORD, role=role, offices=offices, universities=universities), now)
        made.append({"who": f"工作人员（{name}）", "login": login, "password": DEMO_PASSWORD})
    return made


def _claimant(profile: Profile, candidates: list[dict], office: str) -> dict | None:
    """Where the profile offers 免考 claims: a demo candidate of the eligible candidate's office who has not passed
    13000 英语（专升本） in a plan that has it (安徽 exempts it with a CET certificate), to walk the 免考 path (in
    that office, so the demo city account decides the claim)."""
    if not profile.data["application"]["claims"]:
        return None
    with_13000 = {plan_id for plan_id in DEMO_PLANS
                  if '"13000"' in (REFERENCE / "plans" / f"{plan_id}.json").read_text(encoding="utf-8")}
    for c in candidates:
        passed = {a["code"] for a in c["attempts"] if isinstance(a.get("score"), int | float) and a["score"] >= 60}
        if c["office"] == office and c["demo_case"] == "missing_courses" and c["majors"][0] in with_13000 \
                and "13000" not in passed:
            return c
    return None


def _demo_host_universities() -> tuple[str, ...]:
    """The host universities of the demo plans as published: the university account sees the demo candidates."""
    hosts = []
    for plan_id in DEMO_PLANS:
        plan = json.loads((REFERENCE / "plans" / f"{plan_id}.json").read_text(encoding="utf-8"))
        hosts += [h for h in plan.get("host_universities") or () if h not in hosts]
    return tuple(hosts)


def _create(table, account: NewAccount, now: int, max_per_record: int = 1) -> None:
    try:
        create_account(table, account, now, max_per_record=max_per_record, actor="demo")
    except Conflict:
        pass  # already there from an earlier start against the same tables
