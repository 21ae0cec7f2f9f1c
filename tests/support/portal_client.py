"""Talking to the running portal as a browser would: captcha, sign-in, the CSRF header.

A test reads a captcha's answer from the table (the one thing a person does with their eyes). Tests that count
failures use their own loopback address (127.0.0.x), since throttling is per client address.
"""
from __future__ import annotations

import contextlib
import importlib
import itertools
from concurrent.futures import ThreadPoolExecutor

import httpx

from functions.common.aws import dynamodb_table
from functions.common.dynamo import keys
from functions.common.settings import Settings
from functions.profiles.loader import Profile, load_profile

PASSWORD = "Biye-demo-2026"
_ADDRESSES = (f"127.0.{n // 250}.{n % 250 + 2}" for n in itertools.count())


def fresh_address() -> str:
    """A loopback address no other test has used, so throttles counted for it start at zero."""
    return next(_ADDRESSES)


def client(portal, address: str | None = None) -> httpx.Client:
    """A client from `address`, or from a loopback address of its own: throttles count per client address (300
    captchas in 15 minutes), and a worker's tests, one after another from one address, passed that once sign-in
    had become fast (the tests' password hashing cost)."""
    return httpx.Client(base_url=portal.url, timeout=60,
                        transport=httpx.HTTPTransport(local_address=address or fresh_address()))


def one_wins(path: str, *posts: tuple[httpx.Client, dict]) -> tuple[httpx.Response, dict]:
    """The same POST by two clients (each with its body) at the same moment: one is answered 200 and the other 409.
    The refused answer, and the winner's body."""
    with ThreadPoolExecutor(len(posts)) as pool:
        answers = list(pool.map(lambda post: post[0].post(path, json=post[1]), posts))
    assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]
    loser = next(a for a in answers if a.status_code == 409)
    return loser, next(a for a in answers if a.status_code == 200).json()


def solved_captcha(http: httpx.Client) -> dict:
    answer = http.get("/api/apply/captcha")
    assert answer.status_code == 200, answer.text
    captcha_id = answer.json()["captcha_id"]
    item = dynamodb_table(Settings.from_env().table).get_item(Key=keys.captcha(captcha_id))["Item"]
    return {"captcha_id": captcha_id, "captcha": item["answer"]}


def sign_in_answer(http: httpx.Client, kind: str, identifier: str, password: str = PASSWORD) -> httpx.Response:
    return http.post("/api/apply/session", json={"kind": kind, "identifier": identifier, "password": password,
                                                 **solved_captcha(http)})


def signed_in(portal, kind: str, identifier: str, password: str = PASSWORD, address: str | None = None) -> httpx.Client:
    """A client with the session cookie and the CSRF header, as the site's script sends them."""
    http = client(portal, address)
    answer = sign_in_answer(http, kind, identifier, password)
    assert answer.status_code == 200, answer.text
    token = answer.cookies["biye_session"]
    http.cookies.clear()   # one plain cookie, whether or not the jar kept the Secure one for http://127.0.0.1
    http.cookies.set("biye_session", token)
    http.headers["X-CSRF-Token"] = answer.json()["csrf"]
    return http


@contextlib.contextmanager
def serving(function: str, profile: Profile | str):
    """Let one function's app serve another province's rules (each app reads `app.state.profile` per request),
    and put the deployed profile back afterwards."""
    app = importlib.import_module(f"functions.{function}.app").app   # imported late: the stack sets the environment
    before = app.state.profile
    app.state.profile = load_profile(profile) if isinstance(profile, str) else profile
    try:
        yield app
    finally:
        app.state.profile = before
