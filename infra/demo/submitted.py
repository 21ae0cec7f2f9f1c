"""Applications already submitted in the demo (`make run`), so a member of staff walking the portal finds some in the
queue of the province's first review stage instead of an empty one.

Each is made as a candidate makes it, through the functions' own handlers (the HTTP API event the local router
builds, a session of the candidate's): the steps the province's profile asks before a submit (identity check by
photos, major, contact, resume, self-assessment, signature, ID card sides, 前置学历, the photo and its review),
then the submit. Where a step is a person's at the office (a photo's review, the identity check's manual
fallback), the demo staff login of that role does it through the staff routes.
"""
from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx

from functions.apply.accounts.store.accounts import AccountStore, identity_of
from functions.common.session import COOKIE, Identity, new_session_item
from functions.profiles.loader import Profile
from functions.profiles.vocabulary import is_bachelor
from infra.local.lambda_event import invoke, origin_header
from infra.local.router import init_worker

from .photos import outline_jpeg, portrait_jpeg

# A few per province: enough for a queue with more than one line, few enough to keep `make run` starting fast.
HOW_MANY = 3
# The demo cases whose applications go through: the audit finds nothing missing.
SUBMITTABLE = ("eligible", "exemption", "transfer")
ADDRESS = "某市某区某路1号"
SELF_ASSESSMENT = ("本人自参加高等教育自学考试以来，坚持工作与学习两不误，按照考试计划循序渐进地学完了全部课程。"
                   "学习中注重理论联系实际，把所学知识用于工作，提高了分析问题和解决问题的能力。思想上遵纪守法，"
                   "诚实守信，团结同事，乐于助人。今后将继续努力学习，不断提高自己的业务水平和综合素质，"
                   "以更加饱满的热情投入到工作中去，为社会作出自己应有的贡献。")   # repeated up to the length asked


def resume(id_number: str) -> list[dict]:
    """High school from 15, then work up to now: a 简历 that starts after 14 (the resume's rule) and has no gap."""
    school = int(id_number[6:10]) + 15
    return [{"from": f"{school}-09", "to": f"{school + 3}-06", "unit": "某市第二中学", "role": "学生"},
            {"from": f"{school + 3}-07", "to": "至今", "unit": "某市某有限公司", "role": "职员"}]


class SeedRefused(RuntimeError):
    """A step the portal refused: the demo's data no longer fits the profile (start-up reports it in one line)."""


def said(body: str) -> str:
    """The message of the portal's refusal, as the page would show it."""
    try:
        return str(json.loads(body)["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return body[:200]


@dataclass
class Caller:
    """One signed-in person calling the functions' handlers in-process, with the event the local router builds."""
    cookie: str
    csrf: str
    world: World

    def call(self, method: str, path: str, body: dict | None = None, headers: dict | None = None) -> dict:
        """The answer's JSON; anything but a 200 stops the seeding with what the portal said."""
        from functions.apply.handler import handler as apply
        from functions.photo.handler import handler as photo
        path, _, query = path.partition("?")
        handler = {"apply": apply, "photo": photo}[path.split("/")[2]]
        answer = invoke(handler, method, path, body, {"cookie": f"{COOKIE}={self.cookie}", "x-csrf-token": self.csrf,
                                                      **(headers or {})}, query, self.world.origin)
        text = answer.get("body") or "{}"
        if answer["statusCode"] != 200:
            raise SeedRefused(f"演示考生的毕业申请未能提交：{said(text)}")
        return json.loads(text)

    def upload(self, data: bytes, kind: str) -> dict:
        """The browser's upload: a slot, the file straight into S3 with the presigned POST, then the check."""
        slot = self.call("POST", "/api/photo/uploads", {"kind": kind, "filename": f"{kind}.jpg", "size": len(data)})
        sent = self.world.s3.post(slot["url"], data=slot["fields"],
                                  files={"file": (f"{kind}.jpg", data, "image/jpeg")})
        if sent.status_code not in (200, 201, 204):
            raise SeedRefused(f"演示考生的毕业申请未能提交：文件未能存入（{sent.status_code}）")
        return self.call("POST", f"/api/photo/uploads/{slot['upload_id']}/check")


@dataclass
class World:
    """What every call of one seeding shares."""
    table: Any
    s3: httpx.Client            # one for every upload: a client each would read the TLS certificates each time
    origin: tuple[str, str] | None
    now: int
    staff_of: Callable[[str], Identity] | None = None   # who does a role's part, if not its demo staff login

    def signed_in(self, identity: Identity) -> Caller:
        """A session as signing in stores it (checking a password is the sign-in's business, not the seeding's)."""
        token, item = new_session_item(identity, self.now)
        self.table.put_item(Item=item)
        return Caller(token, item["csrf"], self)

    def staff(self, role: str) -> Caller:
        """The demo staff login of `role` (infra/local/demo_accounts.py made it): what it does here is in the
        history under that login, as when a walker signs in with it."""
        if self.staff_of:
            return self.signed_in(self.staff_of(role))
        accounts = AccountStore(self.table)
        account_id = accounts.account_id_for("staff", f"{role}-demo")
        if account_id is None:
            raise SeedRefused(f"演示考生的毕业申请未能提交：没有演示工作人员账号 {role}-demo")
        return self.signed_in(identity_of(accounts.require(account_id)))


def chosen(table, candidates: list[dict], office: str) -> list[dict]:
    """The first few submittable demo candidates of the demo staff's office, none with an account (a walker signing
    in as a demo candidate starts from a draft)."""
    accounts = AccountStore(table)
    return [c for c in candidates if c["office"] == office and c["demo_case"] in SUBMITTABLE
            and not accounts.binding(c["exam_no"]).get("count")][:HOW_MANY]


def submit_one(world: World, profile: Profile, record: dict) -> dict:
    """One candidate's application, from the major to the submit, each step where the profile asks for it; answers
    the submitted application."""
    data, app = profile.data, profile.data["application"]
    me = world.signed_in(Identity(f"demo-{record['exam_no']}", "candidate", record["name"], exam_no=record["exam_no"]))
    if data["login"]["identity_check"] == "photos":
        verified_by_office(me, world.staff(app["photo_review"] or profile.stages[0]["role"]), record["exam_no"])
    draft = me.call("PUT", "/api/apply/application/major", {"plan_id": record["majors"][0]})
    me.call("PUT", "/api/apply/application/contact", {"phone": record.get("phone") or "13900000000",
                                                      "address": ADDRESS})
    if app["resume"]:
        me.call("PUT", "/api/apply/application/resume", {"entries": resume(record["id_number"])})
    if app["self_assessment"]:
        me.call("PUT", "/api/apply/application/self-assessment",
                {"text": (SELF_ASSESSMENT * 4)[:app["self_assessment"]["max_chars"]]})
    if app["signature"]:
        me.upload(outline_jpeg((400, 120)), "signature")
    for kind in ("id_front", "id_back"):
        if kind in data["documents"] and data["login"]["identity_check"] != "photos":
            me.upload(outline_jpeg((600, 380)), kind)
    missing = {m.get("field") for m in me.call("GET", "/api/apply/application/check")["missing"]}
    if "prior_education" in missing and is_bachelor(draft.get("level")):   # 学信网 (the sandbox) knows the demo's
        me.call("POST", "/api/apply/application/prior-education/verify", {})
    if data["photo"] is not None and not app["photo_after_submit"]:
        photo = me.upload(portrait_jpeg(data["photo"]), "photo")
        if app["photo_review"] and photo["status"] != "ok":
            raise SeedRefused("演示考生的毕业申请未能提交：演示照片未通过照片检查："
                              + "；".join(f.get("message", "") for f in photo.get("findings") or ()))
        if app["photo_review"]:
            world.staff(app["photo_review"]).call("POST", f"/api/photo/staff/queue/{record['exam_no']}",
                                                  {"decision": "approve"})
    version = me.call("GET", "/api/apply/application")["application"]["version"]
    submitted = me.call("POST", "/api/apply/application/submit", {"version": version},
                        headers={"idempotency-key": secrets.token_urlsafe(16)})["application"]
    if data["photo"] is not None and app["photo_after_submit"]:
        # 山西: the photo comes after the submit. The drawn outline fails its automatic check and goes to the
        # office's 人工审核, so the application waits for a person there (a passing photo would let the system
        # pass a clean application straight past the office's queue).
        photo = me.upload(outline_jpeg(), "photo")
        me.call("POST", f"/api/photo/uploads/{photo['upload_id']}/manual-review")
    return submitted


def verified_by_office(me: Caller, office: Caller, exam_no: str) -> None:
    """The identity check by photos through its manual fallback: the drawn outline fails the automatic check (it is
    plainly not a person), the candidate asks the office, and the office's demo staff approves."""
    me.upload(outline_jpeg(), "id_front")
    me.upload(outline_jpeg(), "id_holding")
    me.call("POST", "/api/photo/identity/check")
    me.call("POST", "/api/photo/identity/manual")
    office.call("POST", f"/api/photo/staff/identity/{exam_no}", {"decision": "approve"})


def submit_demo_applications(table, profile: Profile, candidates: list[dict],
                             staff_of: Callable[[str], Identity] | None = None) -> list[dict]:
    """Submit a few demo candidates' applications in the office of the demo staff logins (that of the first eligible
    demo candidate); each {"exam_no", "name", "status_text"}. `staff_of`: the member of staff doing a role's part
    (a photo's review, a manual identity check), where not the role's demo login."""
    office = next(c for c in candidates if c["demo_case"] == "eligible")["office"]

    def submit_all() -> list[dict]:
        with httpx.Client(timeout=60) as s3:
            world = World(table, s3, origin_header(), int(time.time()), staff_of)
            return [{"exam_no": record["exam_no"], "name": record["name"],
                     "status_text": submit_one(world, profile, record)["status_text"]}
                    for record in chosen(table, candidates, office)]
    # Mangum drives the app with the thread's own event loop; a caller's may be running already (a test worker with
    # a browser open: "This event loop is already running"), so the handlers run in a thread of their own, as the
    # local router runs them.
    with ThreadPoolExecutor(1, initializer=init_worker) as lambda_thread:
        return lambda_thread.submit(submit_all).result()


def applied_line(applied: list[dict]) -> str:
    """`make run`'s line naming them, by status: 已提交申请的演示考生: 准考证号 …、…（待市级审核）."""
    by_status: dict[str, list[str]] = {}
    for one in applied:
        by_status.setdefault(one["status_text"], []).append(one["exam_no"])
    named = (f"{'、'.join(nos)}（{status}）" for status, nos in by_status.items())
    return "已提交申请的演示考生: 准考证号 " + "；".join(named)
