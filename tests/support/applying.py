"""Walking an application through the running portal as candidates and staff do: fresh candidates cloned from
the demo's eligible ones, the sections each province asks for, real uploads through the photo function (presigned
POST into moto's S3, the real detector), staff of each review role, and the forms read back with pdftotext.
"""
from __future__ import annotations

import io
import itertools
import json
import secrets
import subprocess
import time

import httpx
from PIL import Image

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.dynamo import keys
from functions.common.dynamo.store import candidate_item
from functions.common.ids import id_check_digit
from functions.profiles.loader import load_profile
from infra.demo.generate import generate
from support.pictures import pictures
from support.portal_client import PASSWORD, signed_in

ELIGIBLE = [c for c in generate("hubei") if c["demo_case"] == "eligible"]
NO_PRIOR = next(c for c in generate("hubei") if c["demo_case"] == "no_prior_education")   # a 本科 plan
# An eligible record whose plan has 13000 英语（专升本）, its 13000 passes taken away: 安徽's 免考 claim (CET) is
# open to it whichever candidate the serial would have picked.
_WITH_13000 = next(c for c in ELIGIBLE if any(a["code"] == "13000" for a in c["attempts"]))
WITHOUT_13000 = {**_WITH_13000, "attempts": [a for a in _WITH_13000["attempts"] if a["code"] != "13000"]}
# An office of each province, and host universities of the eligible candidates' majors, for walks and journeys.
OFFICES = {"hubei": "420100", "anhui": "340100", "chongqing": "500103", "shanxi": "140105"}
HOSTS = ("南京航空航天大学", "南京财经大学", "南京师范大学", "南京农业大学", "南京大学", "东南大学")
_SERIAL = itertools.count(1)
SELF_ASSESSMENT = ("本人自参加高等教育自学考试以来，坚持工作与学习两不误，按照考试计划循序渐进地学完了全部课程。"
                   "学习中注重理论联系实际，把所学知识用于工作，提高了分析问题和解决问题的能力。思想上遵纪守法，"
                   "诚实守信，团结同事，乐于助人。") * 4
RESUME = [{"from": "2013-09", "to": "2016-06", "unit": "武汉市第二中学", "role": "学生"},
          {"from": "2016-07", "to": "至今", "unit": "武汉光谷软件有限公司", "role": "职员"}]


def small_jpeg(size=(300, 200), colour=(240, 240, 235)) -> bytes:
    """A plain JPEG under 重庆's 50 KB document limit (an ID-card side or a signature)."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=80)
    return out.getvalue()


def large_card_photo() -> bytes:
    """A phone's picture of a card (2400 × 1600, some 700 KB): light, with dark strokes of print and a little sensor
    noise; over 重庆's 50 KB, and legible when made to fit it."""
    import numpy as np
    pixels = np.full((1600, 2400, 3), 235, np.uint8)
    for y in range(200, 1400, 120):
        for x in range(200, 2200, 40):
            pixels[y:y + 50, x:x + 6] = 30
    noise = np.random.default_rng(1).normal(0, 4, pixels.shape)
    out = io.BytesIO()
    Image.fromarray((pixels + noise).clip(0, 255).astype(np.uint8)).save(out, "JPEG", quality=92)
    return out.getvalue()


def candidate(portal, table, office: str, like: dict | None = None, province: str = "hubei",
              **changes) -> httpx.Client:
    """A new candidate in `office`, with an eligible demo candidate's results (or `like`'s), signed in the way
    `province`'s candidates sign in (`.who` is the record; `changes` override it, e.g. name and id_number)."""
    n = next(_SERIAL)
    source = like or ELIGIBLE[n % len(ELIGIBLE)]
    first17 = f"{office}{1985 + n % 15}0{1 + n % 9}1{n % 10}{n % 1000:03d}"
    record = {**source, "exam_no": f"{office[:4]}98{n:06d}", "office": office, "phone": f"139{n:08d}",
              "id_number": first17 + id_check_digit(first17), **changes}
    table.put_item(Item=candidate_item({k: v for k, v in record.items() if k != "demo_case"}))
    email = f"walk{record['exam_no']}@test.biye.cn"
    account_id = create_account(table, NewAccount(kind="candidate", display_name=record["name"],
                                     logins={"email": email, "exam_no": record["exam_no"]}, password=PASSWORD,
                                     exam_no=record["exam_no"]), int(time.time()), max_per_record=3)
    by_email = "email" in load_profile(province).data["login"]["identifiers"]
    me = signed_in(portal, "email" if by_email else "exam_no", email if by_email else record["exam_no"])
    me.who, me.account_id = record, account_id
    return me


def another_exam_no(table, me: httpx.Client, attempts=(), **changes) -> str:
    """Another 准考证 of `me`'s (same name and ID number, no account: 湖北's 准考证管理) holding `attempts`; `changes`
    override it (another person's name). Answers its 准考证号."""
    exam_no = f"{me.who['office'][:4]}97{next(_SERIAL):06d}"
    table.put_item(Item=candidate_item({"exam_no": exam_no, "name": me.who["name"], "id_number": me.who["id_number"],
                                        "office": me.who["office"], "majors": me.who["majors"],
                                        "attempts": list(attempts), **changes}))
    return exam_no


def staff(portal, table, login: str, role: str, offices=(), universities=()) -> httpx.Client:
    """A new staff account (`login` plus a serial: a fixture may be set up again in the same stack), signed in."""
    login = f"{login}-{next(_SERIAL)}"
    create_account(table, NewAccount(kind="staff", display_name=login, logins={"staff": login}, password=PASSWORD,
                                     role=role, offices=tuple(offices), universities=tuple(universities)),
                   int(time.time()))
    return signed_in(portal, "staff", login)


def host_agrees(portal, table, exam_no: str, stage: str = "joint_review") -> None:
    """安徽's 会审: the application's 主考院校 (one of HOSTS) records 同意, so the province may then pass it."""
    university = staff(portal, table, "host-agrees", "university", universities=HOSTS)
    ok(university.post(f"/api/apply/staff/applications/{exam_no}/decision",
                       json={"stage": stage, "decision": "approve"}))


def checked(me: httpx.Client, data: bytes, kind: str = "photo", filename: str | None = None) -> dict:
    """Presigned POST straight to S3 as the browser does, then the check; answers the check, whatever it says."""
    filename = filename or f"{kind}.jpg"
    answer = me.post("/api/photo/uploads", json={"kind": kind, "filename": filename, "size": len(data)})
    assert answer.status_code == 200, answer.text
    post = answer.json()
    sent = httpx.post(post["url"], data=post["fields"], files={"file": (filename, data, "image/jpeg")})
    assert sent.status_code in (200, 201, 204), sent.text
    check = me.post(f"/api/photo/uploads/{post['upload_id']}/check")
    assert check.status_code == 200, check.text
    return check.json()


def upload(me: httpx.Client, data: bytes, kind: str, filename: str | None = None) -> dict:
    """An upload (as `checked`) that passes its check; answers the check."""
    answer = checked(me, data, kind, filename)
    assert answer["status"] == "ok", answer
    return answer


def without_photo_window(table, batch: str) -> None:
    """The batch's photo window (安徽's application.photo_window) taken away again, which no route does: the stack is
    shared, and later tests' photos in 安徽 are then held to no photo deadline."""
    item = table.get_item(Key=keys.batch_settings(batch), ConsistentRead=True).get("Item")
    if item:
        doc = {k: v for k, v in json.loads(item["doc"]).items() if k != "photo_window"}
        table.put_item(Item={**item, "doc": json.dumps(doc, ensure_ascii=False), "version": int(item["version"]) + 1})


def ok(answer: httpx.Response) -> dict:
    assert answer.status_code == 200, answer.text
    return answer.json()


def fill_in(me: httpx.Client, province: str, reviewer: httpx.Client | None = None) -> None:
    """Everything `province` asks before a submit, the way its candidates do it (photo approved by `reviewer`)."""
    fill_sections(me, province)
    upload_files(me, province)
    app = load_profile(province).data["application"]
    if app["photo_review"] and not app["photo_after_submit"]:      # 山西: its automatic check passed the photo
        ok(reviewer.post(f"/api/photo/staff/queue/{me.who['exam_no']}", json={"decision": "approve"}))


def fill_sections(me: httpx.Client, province: str) -> None:
    """The sections `province` asks for: contact, and its resume and self-assessment where it has them."""
    app = load_profile(province).data["application"]
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "某市某区某路1号"}))
    if app["resume"]:
        ok(me.put("/api/apply/application/resume", json={"entries": RESUME}))
    if app["self_assessment"]:
        ok(me.put("/api/apply/application/self-assessment", json={"text": SELF_ASSESSMENT[:400]}))


def upload_files(me: httpx.Client, province: str) -> None:
    """The files `province` asks for before a submit: signature, ID card sides, the photo (which staff then review
    where the profile says so)."""
    data = load_profile(province).data
    app = data["application"]
    if app["signature"]:
        upload(me, small_jpeg((400, 120), (255, 255, 255)), "signature")
    for kind in ("id_front", "id_back"):
        if kind in data["documents"] and data["login"]["identity_check"] != "photos":
            upload(me, small_jpeg(), kind)
    if data["photo"] is not None:
        portraits = pictures("portraits")
        upload(me, portraits.compliant_jpeg(), "photo")


def verify_identity(me: httpx.Client) -> None:
    """山西: the ID card's portrait side and a holding-ID photo printing the record's name and number, through the
    real detector, text reader and face comparison."""
    cards = pictures("id_cards")
    own = {**cards.ASTRONAUT, "name": me.who["name"], "id_number": me.who["id_number"]}
    upload(me, cards.jpeg(cards.card_photo(who=own)), "id_front")
    upload(me, cards.jpeg(cards.holding(card_of=own)), "id_holding")
    assert ok(me.post("/api/photo/identity/check"))["status"] == "verified"


def prior_by_hand(me: httpx.Client, online_code: str) -> None:
    """A 本科 candidate unknown to 学信网 (the sandbox) takes the manual 前置学历 path with an 在线验证码 (the uploads
    are 重庆's: 毕业证书 and 备案表)."""
    assert ok(me.post("/api/apply/application/prior-education/verify", json={}))["status"] == "not_found"
    upload(me, small_jpeg(), "diploma")
    upload(me, small_jpeg(), "filing_form")
    claim = {"school": "重庆某职业学院", "certificate_no": "128341201906001234", "graduated_on": "2019-06-30",
             "online_code": online_code}
    assert ok(me.put("/api/apply/application/prior-education/manual", json=claim))["status"] == "manual_pending"


def prior_pending(me: httpx.Client) -> None:
    """山西: a 本科 candidate whose 前置学历证书编号 学信网 (the sandbox) does not know claims it by hand with the
    毕业证书: the audit keeps a finding until the county records the 学信网 check (not clean: the county reviews)."""
    number = "128341201906001234"
    assert ok(me.post("/api/apply/application/prior-education/verify",
                      json={"certificate_no": number}))["status"] == "not_found"
    upload(me, small_jpeg(), "diploma")
    claim = {"school": "山西某职业学院", "certificate_no": number, "graduated_on": "2019-06-30"}
    assert ok(me.put("/api/apply/application/prior-education/manual", json=claim))["status"] == "manual_pending"


def refused(answer: httpx.Response, status: int, field: str | None = None) -> dict:
    """The refusal a page shows: this status, the field it names, a Chinese message, nothing of the machinery."""
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    if field:
        assert error["field"] == field, error
    assert any("\u4e00" <= c <= "\u9fff" for c in error["message"]), error
    assert "Traceback" not in answer.text and "pydantic" not in answer.text
    return error


def submit(me: httpx.Client, key: str | None = None) -> httpx.Response:
    version = ok(me.get("/api/apply/application"))["application"]["version"]
    return me.post("/api/apply/application/submit", json={"version": version},
                   headers={"Idempotency-Key": key or secrets.token_urlsafe(16)})


def at_the_fee(portal, table, university: httpx.Client, office: str = "500103") -> httpx.Client:
    """A 重庆 candidate whose application the host university approved: the fee is due."""
    me = candidate(portal, table, office, province="chongqing")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, "chongqing")
    ok(submit(me))
    ok(university.post(f"/api/apply/staff/applications/{me.who['exam_no']}/decision",
                       json={"stage": "university_review", "decision": "approve"}))
    return me


def pay(me: httpx.Client, outcome: str = "paid") -> dict:
    """The sandbox pay page's button for the order due now."""
    order = ok(me.get("/api/apply/application/payment"))
    return ok(me.post("/api/apply/payments/sandbox/pay", json={"order_id": order["order_id"], "outcome": outcome}))


def pdf_text(me: httpx.Client, form_id: str, path: str = "/api/apply/application/forms/") -> str:
    """Download a form through its presigned link and read it back as text (poppler's pdftotext)."""
    link = ok(me.get(path + form_id))
    pdf = me.get(link["url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf.text[:200]
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True,
                          check=True).stdout.decode("utf-8")


def short_of_one_course(portal, table, office: str = OFFICES["hubei"]) -> tuple[httpx.Client, str, str]:
    """(a candidate with an application, its plan, the one course that keeps them from graduating): an eligible
    demo record with one course's passes removed (the first course whose removal leaves exactly that gap)."""
    source = ELIGIBLE[0]
    for attempt in source["attempts"]:
        trial = {**source, "attempts": [a for a in source["attempts"] if a["code"] != attempt["code"]]}
        me = candidate(portal, table, office, like=trial)
        plan = me.who["majors"][0]
        ok(me.put("/api/apply/application/major", json={"plan_id": plan}))
        audit = ok(me.get(f"/api/eligibility/audits/{plan}"))
        missing = [f["subject"] for f in audit["findings"] if f["code"] == "COURSE_MISSING"]
        if audit["verdict"] == "NOT_ELIGIBLE" and missing == [attempt["code"]]:
            return me, plan, attempt["code"]
    raise AssertionError("no course whose passes alone keep the demo candidate from graduating")


def onsite_photo(office: httpx.Client, exam_no: str, data: bytes, filename: str = "现场.jpg") -> httpx.Response:
    """湖北's 现场确认: the office sends the photo it took (presigned POST straight to S3, then the check), as the staff
    page does; answers the check (or the refused start)."""
    slot = office.post(f"/api/photo/staff/onsite/{exam_no}", json={"filename": filename, "size": len(data)})
    if slot.status_code != 200:
        return slot
    post = slot.json()
    sent = httpx.post(post["url"], data=post["fields"], files={"file": (filename, data, "image/jpeg")})
    assert sent.status_code in (200, 201, 204), sent.text
    return office.post(f"/api/photo/staff/onsite/{exam_no}/{post['upload_id']}/check")
