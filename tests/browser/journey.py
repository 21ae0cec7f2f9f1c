"""The application journey on pages, step by step, shared by the journey tests and the accessibility checks of
their states: a candidate fills each section on its page, checks the answers and submits; staff decide on the
staff pages; the candidate pays on the sandbox pay page and downloads the forms. Files (photo, signature, ID card
sides) go through the API (tests/support/applying.py): their pages have their own tests (test_uploads.py)."""
from __future__ import annotations

import re

import httpx
from conftest import DESKTOP, PHONE, settled
from playwright.sync_api import expect
from support import applying
from support.applying import RESUME, SELF_ASSESSMENT

from functions.common.session import COOKIE
from functions.profiles.loader import load_profile


def browser_for(browser, url: str, client: httpx.Client, phone: bool = True, **options):
    """A browser profile signed in with the session of an API client (candidate or staff), as after a sign-in."""
    context = browser.new_context(locale="zh-CN", viewport=PHONE if phone else DESKTOP, **options)
    context.add_cookies([{"name": COOKIE, "value": client.cookies[COOKIE], "url": url, "httpOnly": True,
                          "sameSite": "Strict"}])
    return context


def task(page, name: str):
    """Open a task from the start page's task list."""
    page.goto(re.sub(r"(//[^/]+)/.*", r"\1/me.html", page.url))
    settled(page)
    page.locator("#tasks").get_by_role("link", name=name).click()
    settled(page)


def save(page, button: str = "保存并继续") -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r"/(me|apply/check|apply/hosts)\.html"))
    settled(page)


def choose_major(page, plan_id: str, direction: str | None = None) -> None:
    """`direction`: the 专业毕业方向 to choose, by its name, where the major has several."""
    task(page, "选择申请专业")
    page.locator(f"input[name=plan_id][value='{plan_id}']").check()
    if direction:
        page.get_by_label(direction, exact=True).check()
    save(page)
    if page.url.endswith("/apply/hosts.html"):
        page.locator("input[name=host_universities]").first.check()
        save(page)


def fill_sections(page, province: str, phone: str) -> None:
    """Basic information confirmed, contact, resume and self-assessment where the province asks them."""
    app = load_profile(province).data["application"]
    task(page, "核对基本信息")
    save(page, "确认并继续")
    task(page, "填写联系方式")
    page.get_by_label("手机号").fill(phone)
    save(page)
    if app["resume"]:
        task(page, "填写简历")
        for i, entry in enumerate(RESUME):
            for key in ("from", "to", "unit", "role"):
                page.locator(f"[name='resume[{i}].{key}']").fill(entry[key])
        save(page)
    if app["self_assessment"]:
        task(page, "填写自我鉴定")
        page.get_by_label("自我鉴定").fill(SELF_ASSESSMENT[:400])
        save(page)


def submit(page) -> str:
    """Check answers and submit (a double click, as a hurried person does); answers the reference number."""
    task(page, "核对并提交")
    expect(page.locator("#error-summary")).to_be_hidden()
    sent = []
    page.on("request", lambda r: sent.append(r) if r.url.endswith("/application/submit") else None)
    page.get_by_role("button", name="确认并提交申请").dblclick()
    page.wait_for_url("**/apply/submitted.html")
    settled(page)
    assert len(sent) == 1, f"双击提交发出了 {len(sent)} 个请求"
    reference = page.locator("[data-fill=reference]")
    expect(reference).not_to_be_empty()
    return reference.inner_text()


def decide(staff_page, url: str, exam_no: str, stage: dict, approve: bool = True, reason: str | None = None) -> None:
    """A decision at a stage on the staff application page; waits for the page to say what happened."""
    staff_page.goto(f"{url}/staff/application.html?exam_no={exam_no}")
    settled(staff_page)
    staff_page.get_by_label("审核阶段").select_option(stage["id"])
    staff_page.get_by_role("radio", name="通过" if approve else "退回（不通过）", exact=True).check()
    if reason:
        staff_page.get_by_label("退回原因", exact=True).select_option(reason)
    staff_page.get_by_role("button", name="提交审核决定").click()
    expect(staff_page.locator("#decided")).to_be_focused()
    settled(staff_page)


def opinion(staff_page, url: str, exam_no: str, agree: bool = True, reason: str | None = None) -> None:
    """The joint office's 会审意见 (profile joint_with, 安徽's 主考院校) on the staff application page."""
    staff_page.goto(f"{url}/staff/application.html?exam_no={exam_no}")
    settled(staff_page)
    staff_page.get_by_role("radio", name="同意" if agree else "不同意", exact=True).check()
    if reason:
        staff_page.get_by_label("不同意的原因", exact=True).select_option(reason)
    staff_page.get_by_role("button", name="提交会审意见").click()
    expect(staff_page.locator("#decided")).to_be_focused()
    settled(staff_page)


def onsite(staff_page, url: str, exam_no: str) -> None:
    staff_page.goto(f"{url}/staff/application.html?exam_no={exam_no}")
    settled(staff_page)
    staff_page.get_by_role("button", name="记录现场确认").click()
    expect(staff_page.locator("#decided")).to_contain_text("已记录现场确认")


def pay(page, url: str, button: str = "支付成功") -> None:
    """From the status page through the pay page to the sandbox pay page and back, with the sandbox's `button`
    (支付成功, or 支付失败 for a payment that did not go through)."""
    page.goto(url + "/apply/status.html")
    settled(page)
    page.get_by_role("button", name="去缴费").click()
    page.wait_for_url("**/pay/index.html")
    settled(page)
    page.get_by_role("button", name="去付款").click()
    page.wait_for_url("**/pay/sandbox.html?*")
    settled(page)
    expect(page.locator("[data-fill=amount]")).to_contain_text("元")
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/apply/status.html**")
    settled(page)


def download(page, name: str) -> bytes:
    """Click a form's download button; the link it shows answers the PDF."""
    page.get_by_role("button", name=f"下载《{name}》").click()
    link = page.get_by_role("link", name=re.compile(f"打开《{name}》"))
    expect(link).to_be_focused()
    pdf = httpx.get(link.evaluate("a => a.href"))      # the link as the browser resolves it
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf.text[:200]
    return pdf.content


def ready_to_submit(province: str, me, page, staff: dict, url: str, direction: str | None = None) -> dict:
    """Major, sections and files done; the photo approved on the staff photo page where staff review photos."""
    data = load_profile(province).data
    page.goto(url + "/me.html")
    settled(page)
    expect(page.locator("[data-tag=major]")).to_have_text("未开始")
    # Before starting, the candidate is told when the window opens and closes (the tests' batch: the demo's).
    expect(page.locator("#window-dates")).to_have_text(
        "本次毕业申请时间：2026-11-01 00:00 至 2027-01-15 17:00（北京时间）")
    choose_major(page, me.who["majors"][0], direction)
    fill_sections(page, province, me.who["phone"])
    applying.upload_files(me, province)
    reviewer = data["application"]["photo_review"]
    if reviewer and not data["application"]["photo_after_submit"]:     # 山西: the automatic check passed it
        photos = staff[reviewer]
        photos.goto(url + "/staff/photos.html")
        settled(photos)
        photos.get_by_role("button", name=re.compile(f"^通过.*{me.who['exam_no']}")).click()
        expect(photos.locator("#decided")).to_contain_text("已通过")
    return data
