"""`make run`'s demo world holds applications already submitted (infra/demo/submitted.py, called by
infra/local/run.prepare): in each province, the staff of the profile's first review stage find them in their queue
and can open one, instead of an empty queue until someone applies as a candidate first.

The tests' stack serves each province's profile in turn (`serving`), with demo records of that province beyond the
240 the portal imports (and beyond review_world's extras), so no other test module touches them."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from support.applying import HOSTS
from support.portal_client import serving
from support.review_world import staff, walk

from functions.apply.accounts.store.accounts import AccountStore, identity_of
from functions.common.dynamo.store import Store
from functions.eligibility.importer import import_directory
from functions.profiles.loader import load_profile
from infra.demo.generate import generate
from infra.demo.submitted import submit_demo_applications

LIST = "/api/apply/staff/applications"
PROVINCES = ("anhui", "chongqing", "hubei", "shanxi")
# Demo serials no other module imports (review_world's extras end at 424), among which the office of the first
# eligible one (the office whose staff the seeding serves, as in `make run`) has 3 or more submittable in each province.
FIRST, COUNT = 430, 80


def imported_records(table, code: str) -> list[dict]:
    """The province's demo records FIRST … FIRST+COUNT-1, imported as `biye import` imports candidates (the tests'
    stack keeps its plans and its batch, 湖北's: whose windows open to 湖北's candidate types)."""
    opened = load_profile("hubei").data["application"]["candidate_types"][0]
    records = [{**r, "candidate_type": opened} for r in generate(code, FIRST + COUNT)[FIRST:]]
    offices = {o["code"] for o in load_profile(code).data["offices"]}
    with tempfile.TemporaryDirectory() as directory:
        (Path(directory) / "candidates").mkdir()
        (Path(directory) / "candidates" / "demo.json").write_text(
            json.dumps({"candidates": [{k: v for k, v in r.items() if k != "demo_case"} for r in records]},
                       ensure_ascii=False), encoding="utf-8")
        import_directory(Store(table), Path(directory), offices)
    return records


@pytest.mark.parametrize("code", PROVINCES)
def test_the_first_stage_staff_find_the_demo_applications_in_their_queue_and_open_one(portal, table, code):
    profile = load_profile(code)
    first = profile.stages[0]
    with serving("apply", code), serving("photo", code):
        records = imported_records(table, code)
        office = next(r for r in records if r["demo_case"] == "eligible")["office"]
        # the province's staff as its demo logins are made: offices for the offices' roles, hosts for universities
        logins = {role: f"seeded-{code}-{role}" for role in {first["role"], profile.data["application"]["photo_review"]}
                  if role}
        team = {role: staff(portal, table, login, role, offices=(office,) if role in ("county", "city") else (),
                            universities=HOSTS if role == "university" else ()) for role, login in logins.items()}
        accounts = AccountStore(table)
        applied = submit_demo_applications(
            table, profile, records,
            staff_of=lambda role: identity_of(accounts.require(accounts.account_id_for("staff", logins[role]))))

        assert len(applied) >= 2
        reviewer = team[first["role"]]
        queue = {row["exam_no"]: row for row in walk(reviewer, LIST, stage=first["id"])}
        assert {a["exam_no"] for a in applied} <= set(queue), (applied, first)
        assert all(queue[a["exam_no"]]["status"] == "in_review" for a in applied)
        opened = reviewer.get(f"{LIST}/{applied[0]['exam_no']}")
        assert opened.status_code == 200, opened.text
        assert applied[0]["name"] in opened.text
