"""What the journeys do on pages, shared by the journey tests and the accessibility checks of their states."""
from __future__ import annotations

import functools

from conftest import ROOT, settled
from playwright.sync_api import expect

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(v =>
  ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now. axe comes in through the DevTools protocol, which the page's
    CSP does not govern (a <script> tag would need the context to bypass it), so the page is judged under its CSP."""
    assert AXE.exists(), "缺少 node_modules/axe-core：请运行 make install"
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate(RUN_AXE)


def summary_items(page) -> list[str]:
    """The error summary's lines, once it has the focus (as it must after a failed submit)."""
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    return summary.locator("li").all_inner_texts()


def confirm_and_agree(page, password: str) -> None:
    """Registration's 确认密码 (the password again) and its 使用协议 box."""
    page.get_by_label("确认密码").fill(password)
    page.get_by_label("我已阅读并同意《使用协议》").check()


def upload(page, kind: str, name: str, data: bytes, mime: str = "image/jpeg"):
    """Choose a file in the upload form of `kind`, send it, and wait for the check's answer (or an error)."""
    form = page.locator(f"#{kind}-upload")
    form.locator("input[type=file]").set_input_files({"name": name, "mimeType": mime, "buffer": data})
    form.get_by_role("button", name="上传并检查").click()
    settled(page)
    return form


def sign_in(page, url: str, identifier: str, password: str, fill_captcha, kind_label: str | None = None,
            staff: bool = False) -> None:
    """Through the sign-in page (choosing the identifier's kind where the province has two), to the start page."""
    page.goto(url + ("/staff/index.html" if staff else "/"))
    if kind_label:
        page.get_by_role("radio", name=kind_label).check()
    page.locator("#identifier").fill(identifier)
    page.get_by_label("密码").fill(password)
    fill_captcha(page)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/staff/home.html" if staff else "**/me.html")
    settled(page)


def open_page(context, url: str) -> object:
    page = context.new_page()
    page.goto(url)
    settled(page)
    return page

