"""Pages work on CloudFront and S3 (issue 16 item 5): every link, form action and page script's navigation of every
page of a deployed build names an object that exists, served the way S3 behind an origin access identity serves it
(the local router: "/" is the default root object, anything else must be the object's own key; no folder index, no
rewriting, as China has no CloudFront Functions); a path that is no object answers the Chinese error page."""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from starlette.testclient import TestClient

from infra.local.router import LocalRouter

ROOT = Path(__file__).resolve().parents[2]
PROVINCES = ("hubei", "anhui", "chongqing", "shanxi")
# A page path in a script ("/staff/index.html", "/me.html", "/"): not a prefix test (indexOf("/staff/")), not a
# piece of a longer address ("/forms/" + id), not the API.
SCRIPT_PATH = re.compile(r"""(?<!indexOf\()(?<!\+ )["'](/(?!api/)(?:[a-z0-9-]+/)*(?:[a-z0-9-]+\.html)?)"""
                         r"""(?:\?[^"']*)?["'](?!\s*\+)""")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in ("href", "src", "action") or (name.startswith("data-") and value.startswith("/"))):
                self.found.append(value)


def local(url: str) -> str | None:
    """The path a link asks the site for; None for other hosts, in-page anchors, data: and the API."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or not parts.path.startswith("/"):
        return None
    return None if parts.path.startswith("/api/") else parts.path


@pytest.fixture(scope="module", params=PROVINCES)
def site(request, tmp_path_factory):
    sys.path.insert(0, str(ROOT / "site"))
    from build import build
    out = tmp_path_factory.mktemp(f"s3-{request.param}")
    build(request.param, out, "prod")
    return out, TestClient(LocalRouter(out, workers=1))


def test_every_link_of_every_page_names_an_object(site):
    out, s3 = site
    answers: dict[str, int] = {}
    broken = []
    for page in sorted(out.rglob("*.html")):
        here = "/" + page.relative_to(out).as_posix()
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.found:
            path = local(urljoin(here, link))
            if path is None:
                continue
            if path not in answers:
                answers[path] = s3.get(path).status_code
            if answers[path] != 200:
                broken.append(f"{here} → {link} ({answers[path]})")
    assert not broken, "\n".join(broken)
    assert len(answers) > 20


def test_scripts_send_people_only_to_objects(site):
    out, s3 = site
    folders = []
    for script in sorted((out / "static" / "js").glob("*.js")):
        for path in SCRIPT_PATH.findall(script.read_text(encoding="utf-8")):
            if path != "/" and path.endswith("/"):
                folders.append(f"{script.name}: {path}")
    assert not folders, "a script sends someone to a folder, which S3 answers 403:\n" + "\n".join(folders)
    assert s3.get("/staff/index.html").status_code == 200 and s3.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/staff/", "/staff", "/eligibility/", "/reset/", "/no-such-page.html"])
def test_a_path_that_is_no_object_answers_the_chinese_error_page(site, path):
    _, s3 = site
    answer = s3.get(path)
    assert answer.status_code == 404
    assert "找不到该页面" in answer.text and "<h1>" in answer.text and 'href="/staff/index.html"' in answer.text
