"""Issue 17 item 7: staff read names, not codes. In each province, staff of each role walk every staff page with
data on it (the start page, the queue, the application with its claims and SMS, the photo and identity queues,
the accounts pages, the approvals, the batches with their counts) and nothing on them is a code: no office code
alone (420100), no plan id (JS-080901-2024R), no ALL_CAPS finding code or verdict, no enum value (in_review, city,
city_review, pending), no English key, no internal id (a 24-hex account id), no UTC stamp. Logins and e-mail
addresses are what people type, so they stay. The text read is the page's text, hidden parts included (screen
readers and the next state read them)."""
from __future__ import annotations

import re

import journey
import photos
import pytest
from conftest import PROVINCES, as_province, settled
from playwright.sync_api import expect
from support import applying
from support.applying import OFFICES, ok

from functions.profiles.loader import load_profile

CAPS = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{4,}\b")       # PRIOR_EDU_…, ELIGIBLE
PLAN = re.compile(r"\b[A-Z]{2}-\d{6}-[\w-]+")
WORD = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\b")                     # in_review, city, login
HEX = re.compile(r"\b(?=[0-9]*[a-f])[0-9a-f]{12,}\b")                 # an account id, not a 准考证号
UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
EMAIL = re.compile(r"[\w.+*-]+@[\w.-]+")
ALLOWED = {"JPEG"}                # a file format named to people


def codes(text: str, offices: set[str], typed: list[str]) -> list[str]:
    """The code-looking tokens of `text`, leaving out what people type: e-mail addresses, and the staff's logins
    and names (the tests' staff are named by their logins, such as site-hubei-city-3)."""
    text = EMAIL.sub(" ", text)
    for login in sorted(typed, key=len, reverse=True):
        text = text.replace(login, " ")
    found = [t for t in CAPS.findall(text) if t not in ALLOWED] + PLAN.findall(text) + UTC.findall(text)
    found += [t for t in re.findall(r"(?<!\d)\d{6}(?!\d)", text) if t in offices]
    found += WORD.findall(text) + HEX.findall(text)
    return found


@pytest.mark.parametrize("province", PROVINCES)
def test_every_staff_page_names_what_it_shows(province, browser, site, portal, table, teams):
    with as_province(province):
        url, team, data = site(province), teams(province), load_profile(province).data
        offices = {o["code"] for o in data["offices"]}
        first = next(s for s in data["review"]["stages"] if s["kind"] != "payment")
        reviewer = team[first["role"]]
        me = submitted(portal, table, team, province)
        admin, second_admin = (applying.staff(portal, table, f"names-{province}-admin", "admin") for _ in range(2))
        asked = admin.post("/api/apply/staff/accounts", json={"login": f"names-{province}-boss", "name": "张主任",
                                                              "role": "admin", "offices": [], "universities": []})
        assert asked.status_code == 202, asked.text               # waits for the second admin
        waiting_for_review(portal, table, team, province)
        accounts = ok(admin.get("/api/apply/staff/accounts"))["accounts"]
        typed = [t for a in accounts for t in (a["login"], a["name"])] + [
            f"names-{p}-boss" for p in PROVINCES]          # (earlier provinces' requests wait for approval too)

        walks = [(reviewer, "/staff/home.html", None), (reviewer, "/staff/queue.html", None),
                 (reviewer, "/staff/application.html?exam_no=" + me.who["exam_no"], read_and_messages),
                 (team["city"], "/staff/candidate-accounts.html", look_up(me.who["exam_no"])),
                 (admin, "/staff/accounts.html", None), (second_admin, "/staff/approvals.html", None),
                 (team["province"], "/staff/batches.html", count)]
        if data["application"]["photo_review"]:
            walks.append((team[data["application"]["photo_review"]], "/staff/photos.html", queued))
        if data["login"]["identity_check"] == "photos":
            walks.append((team["county"], "/staff/identity.html", None))
        shown = {}
        for who, path, then in walks:
            context = journey.browser_for(browser, url, who, phone=False)
            try:
                page = context.new_page()
                page.goto(url + path)
                settled(page)
                if then:
                    then(page)
                    settled(page)
                assert "正在读取" not in page.locator("main").inner_text(), path
                found = codes(page.locator("main").text_content() or "", offices, typed)
                if found:
                    shown[path] = sorted(set(found))
            finally:
                context.close()
        assert not shown, f"页面上出现了代码而不是名称: {shown}"


def submitted(portal, table, team, province: str):
    """A submitted application (安徽: with a pending 免考 claim; the SMS its changes sent are in its outbox)."""
    from test_staff_application import submitted as made
    if province != "anhui":
        return made(portal, table, team, province)
    me = applying.candidate(portal, table, OFFICES[province], like=applying.WITHOUT_13000, province=province)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    applying.upload(me, applying.small_jpeg(), "certificate")
    course = next(o for o in ok(me.get("/api/apply/application/claims"))["options"] if o["certificates"])
    ok(me.post("/api/apply/application/claims", json={"kind": "exemption", "course": course["course"],
                                                      "certificate": course["certificates"][0]["id"]}))
    applying.fill_in(me, province, reviewer=team["city"])
    ok(applying.submit(me))
    return me


def waiting_for_review(portal, table, team, province: str) -> None:
    """A photo waiting in the photo queue, and (山西) an identity check waiting in the county's queue."""
    data = load_profile(province).data
    # 山西: a photo passing its check waits for no one; a failed one sent to 人工审核 after submitting does
    if data["application"]["photo_after_submit"]:
        me = applying.candidate(portal, table, OFFICES[province], province=province)
        applying.verify_identity(me)
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        applying.fill_sections(me, province)
        ok(applying.submit(me))
        failed = applying.checked(me, applying.small_jpeg())               # no face: the check fails it
        ok(me.post(f"/api/photo/uploads/{failed['upload_id']}/manual-review"))
    elif data["application"]["photo_review"]:
        me = applying.candidate(portal, table, OFFICES[province], province=province)
        if data["login"]["identity_check"] == "photos":
            applying.verify_identity(me)
        applying.upload(me, photos.compliant_photo(), "photo")
    if data["login"]["identity_check"] == "photos":
        me = applying.candidate(portal, table, OFFICES[province], province=province)
        applying.upload(me, photos.id_card_front(me.who), "id_front")
        applying.upload(me, photos.holding_id_card(with_card=False, record=me.who), "id_holding")
        ok(me.post("/api/photo/identity/check"))
        ok(me.post("/api/photo/identity/manual"))


def queued(page) -> None:
    """The photo queue has a photo in it (waiting_for_review's), so its words are read, not an empty list's."""
    expect(page.locator("[data-queue] > li").first).to_be_visible()


def read_and_messages(page) -> None:
    """Issue 15 item 7: opening the application is in its history at once, in words (with the older lines: reads
    never push a decision out of the newest ones). Then its claims, exceptions and SMS, which load when asked
    for, are opened so that their words are read too."""
    history = page.locator("[data-rows=history]")
    page.get_by_role("button", name="更早的记录和查阅记录").click()
    expect(history).to_contain_text("查看了申请（完整身份证号、照片、材料）")
    assert "其他办理" not in (history.text_content() or ""), history.text_content()
    for section, button in (("claims", "查看并审核免考申请"), ("exceptions", "查看或提出特殊处理")):
        if page.get_by_role("button", name=button).count():
            page.get_by_role("button", name=button).click()
            page.locator(f"[data-list={section}] > li, section#{section}[hidden]").first.wait_for(state="attached")
    open_messages(page)


def open_messages(page) -> None:
    page.get_by_role("button", name="查看发给考生的短信及送达情况").click()
    page.locator("[data-rows=messages] > li, [data-none]:not([hidden])").first.wait_for()


def look_up(exam_no: str):
    def then(page) -> None:
        page.get_by_label("准考证号").fill(exam_no)
        page.get_by_role("button", name="查找").click()
        page.locator("[data-bound]:not([hidden])").wait_for()
    return then


def count(page) -> None:
    page.get_by_role("button", name="统计各阶段人数").click()
    page.locator("[data-list=counts] > li").last.wait_for()
