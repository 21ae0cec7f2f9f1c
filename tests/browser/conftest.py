"""Debian's Chromium driven by Playwright (its own browser download does not work here)."""
from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it as root (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot():
    """Key pages are kept as test artefacts (test-artifacts/screenshots/)."""
    def take(page, name: str) -> None:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
    return take


@pytest.fixture
def fill_captcha(table):
    """Type the captcha's answer, read from the table (what a person reads from the image)."""
    from playwright.sync_api import expect

    from functions.common import keys

    def fill(page) -> None:
        hidden = page.locator("input[name=captcha_id]")
        expect(hidden).not_to_have_value("")   # (wait_for_function would need eval, which the CSP forbids)
        captcha_id = hidden.input_value()
        page.get_by_label("验证码", exact=True).fill(table.get_item(Key=keys.captcha(captcha_id))["Item"]["answer"])
    return fill
