"""Debian's Chromium driven by Playwright (its own browser download does not work here), the site of each province
served by the real local router, and candidates signed in without typing a password every time."""
from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import pytest
from support import applying
from support.applying import HOSTS, OFFICES
from support.portal_client import serving

from functions.profiles.loader import load_profile

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = ROOT / "test-artifacts" / "screenshots"
PROVINCES = ("hubei", "anhui", "chongqing", "shanxi")
# Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--lang=zh-CN"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


# An expectation waits for what a person waits for (an answer from the API, a page drawn) and ends as soon as it
# holds; Playwright's default of 5 s is shorter than an answer takes on a loaded 2-core CI machine running two
# workers with their browsers, so a slow answer failed a test about what the page says.
EXPECT_TIMEOUT_MS = 20_000


@pytest.fixture(scope="session")
def browser():
    """Chromium, whose contexts are lent from a pool and given back clean when a test closes them (pool.py)."""
    from pool import PooledBrowser
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it as root (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        from playwright.sync_api import expect
        expect.set_options(timeout=EXPECT_TIMEOUT_MS)
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield PooledBrowser(chromium)
        chromium.close()


def watch(context) -> list[str]:
    """The script errors and CSP refusals of every page of the context, as they happen."""
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    context.on("console",
               lambda m: errors.append(m.text) if m.type == "error" and "Content Security" in m.text else None)
    return errors


@pytest.fixture
def context(browser):
    """A fresh browser profile on a 360 px phone; a script error or CSP refusal in any of its pages fails the test."""
    made = browser.new_context(locale="zh-CN", viewport=PHONE)
    errors = watch(made)
    yield made
    made.close()
    assert not errors, f"页面脚本出错或违反 CSP: {errors}"


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def screenshot():
    """Key pages are kept as test artefacts (test-artifacts/screenshots/), at phone width and on a desktop."""
    def take(page, name: str, desktop: bool = True) -> None:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"{name}-phone.png"), full_page=True)
        if desktop:
            size = page.viewport_size
            page.set_viewport_size(DESKTOP)
            page.screenshot(path=str(ARTEFACTS / f"{name}-desktop.png"), full_page=True)
            page.set_viewport_size(size)
    return take


@pytest.fixture
def table_captcha(table):
    """The answer to the captcha the page shows, read from the table (what a person reads from the image)."""
    from playwright.sync_api import expect

    from functions.common.dynamo import keys

    def read(page) -> str:
        hidden = page.locator("input[name=captcha_id]")
        expect(hidden).not_to_have_value("")   # (wait_for_function would need eval, which the CSP forbids)
        return table.get_item(Key=keys.captcha(hidden.input_value()))["Item"]["answer"]
    return read


@pytest.fixture
def fill_captcha(table_captcha):
    """Type the captcha's answer into the page."""
    def fill(page) -> None:
        page.get_by_label("验证码", exact=True).fill(table_captcha(page))
    return fill


def settled(page) -> None:
    """Wait until the page has its answers from the API (core.js sets <html data-loading> while it waits).
    First the document must be parsed: a click on a link returns once the new page is committed, before its
    deferred scripts have run and asked for anything, when <html> has no data-loading yet."""
    page.wait_for_load_state("domcontentloaded")
    page.locator("html:not([data-loading])").wait_for(state="attached")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """The site as site/build.py pre-renders it for each province; 湖北's also holds the component gallery."""
    sys.path.insert(0, str(ROOT / "site"))
    from jinja2 import ChoiceLoader, FileSystemLoader

    from functions.profiles.loader import load_profile

    from build import build, environment
    out = {}
    for province in PROVINCES:
        out[province] = tmp_path_factory.mktemp(f"site-{province}")
        build(province, out[province])
    env = environment(load_profile("hubei"))
    env.loader = ChoiceLoader([env.loader, FileSystemLoader(Path(__file__).parent)])
    (out["hubei"] / "gallery.html").write_text(env.get_template("gallery.html").render(), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def site(portal, built):
    """site(province) → the URL of that province's pre-rendered site behind the local router (the same stack and
    functions as the portal; the test serves the province's rules with `as_province`)."""
    from infra.local.router import LocalRouter
    servers = {}
    with contextlib.ExitStack() as stack:
        def url(province: str) -> str:
            if province not in servers:
                servers[province] = stack.enter_context(type(portal)(LocalRouter(built[province])))
            return servers[province].url
        yield url


@contextlib.contextmanager
def as_province(province: str):
    """The functions that read the profile serve the province's rules for the length of the block (eligibility
    reads none: its rules are the imported plans)."""
    with serving("apply", province), serving("photo", province):
        yield


@pytest.fixture
def sign_in(table):
    """sign_in(context, url, identity): a session for the identity, its cookie in the browser (as the sign-in
    answer sets it); the page reads its CSRF token from GET /api/apply/session as after any reload."""
    from functions.common.session import COOKIE, new_session_item

    def make(context, url: str, identity) -> None:
        token, item = new_session_item(identity, int(time.time()))
        table.put_item(Item=item)
        context.add_cookies([{"name": COOKIE, "value": token, "url": url, "httpOnly": True, "sameSite": "Strict"}])
    return make


@pytest.fixture(scope="session")
def teams(portal, table):
    """Staff of every review role for each province (API clients: journeys copy their sessions into browsers)."""
    made = {}

    def team(province: str) -> dict:
        if province not in made:
            office = OFFICES[province]
            made[province] = {role: applying.staff(portal, table, f"site-{province}-{role}", role, offices=(office,))
                              for role in ("county", "city")}
            made[province]["university"] = applying.staff(portal, table, f"site-{province}-university", "university",
                                                          universities=HOSTS)
            made[province]["province"] = applying.staff(portal, table, f"site-{province}-province", "province")
        return made[province]
    return team


class StaffPages(dict):
    """Staff pages by role, each made on first use by `make(role, the role's API client)`."""

    def __init__(self, team: dict, make):
        super().__init__()
        self.team, self.make = team, make

    def __missing__(self, role: str):
        self[role] = self.make(role, self.team[role])
        return self[role]


@pytest.fixture
def people(browser, site, portal, table, teams):
    """people(province, **record changes) → (candidate API client, candidate page, staff pages by role, site URL),
    a new candidate with an eligible demo candidate's results; closes them all at the end. Script errors or CSP
    refusals on any page fail the test. (`people.options`: browser context options, e.g. bypass_csp for axe.)
    A staff member's browser profile and page are made when the test first asks for that role: most tests use
    one role or none, and each unused profile with its page cost Chromium ~0.3 s of CPU."""
    import journey  # (it imports this module)
    opened = []

    def make(province: str, options: dict | None = None, **changes):
        url = site(province)
        me = applying.candidate(portal, table, OFFICES[province], province=province, **changes)
        if load_profile(province).data["login"]["identity_check"] == "photos":
            applying.verify_identity(me)

        def page_for(who: str, client):
            context = journey.browser_for(browser, url, client, phone=who == "candidate", **(options or {}))
            opened.append((context, watch(context)))
            return context.new_page()
        return me, page_for("candidate", me), StaffPages(teams(province), page_for), url
    yield make
    errors = [e for context, found in opened for e in found]
    for context, _ in opened:
        context.close()
    assert not errors, f"页面脚本出错或违反 CSP: {errors}"
