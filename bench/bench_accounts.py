"""Accounts benchmarks: the cost of a password hash, drawing a captcha, and a whole sign-in (captcha + Argon2id +
session) through the apply function's real Lambda handler on the embedded stack, against a bare moto GetItem.

    .venv/bin/python -m bench accounts
"""
from __future__ import annotations

import json
import random

from bench import lambda_calls
from bench.timing import median_ms

ROUNDS = 11


def hashing() -> list[tuple[str, float, str]]:
    from functions.apply.accounts.captcha import draw
    from functions.apply.accounts.passwords import hash_secret, secret_matches
    stored = hash_secret("Bench-pass-2026")
    rng = random.Random(1)
    return [("Argon2id hash (t=3, 64 MiB)", median_ms(lambda: hash_secret("Bench-pass-2026"), ROUNDS), "ms median"),
            ("Argon2id verify", median_ms(lambda: secret_matches(stored, "Bench-pass-2026"), ROUNDS), "ms median"),
            ("captcha image (Pillow)", median_ms(lambda: draw("K7QX", rng), ROUNDS), "ms median")]


def sign_in() -> list[tuple[str, float, str]]:
    from functions.common.aws import dynamodb_table
    from functions.common.dynamo import keys
    from functions.common.settings import Settings
    from infra.local import stack as local_stack
    from infra.local.run import prepare_data

    stack = local_stack.start("hubei", "http://127.0.0.1:8000")
    try:
        login = prepare_data("hubei")[0]
        from functions.apply.handler import handler
        table = dynamodb_table(Settings.from_env().table)

        def call(method: str, path: str, body: dict | None = None) -> dict:
            return lambda_calls.call(handler, method, path, body)

        def one_sign_in():
            captcha_id = json.loads(call("GET", "/api/apply/captcha")["body"])["captcha_id"]
            answer = table.get_item(Key=keys.captcha(captcha_id))["Item"]["answer"]   # the person reading it
            result = call("POST", "/api/apply/session", {"kind": "email", "identifier": login["login"],
                                                          "password": login["password"], "captcha_id": captcha_id,
                                                          "captcha": answer})
            assert result["statusCode"] == 200, result["body"]

        full = median_ms(one_sign_in, ROUNDS)
        bare = median_ms(lambda: table.get_item(Key=keys.reference_index()), 51)
    finally:
        stack.stop()
    return [("sign-in with captcha, handler on embedded stack", full, "ms median"),
            ("bare moto GetItem (baseline, same run)", bare, "ms median"),
            ("sign-in / GetItem", full / bare, "× baseline")]


def run() -> list[tuple[str, float, str]]:
    return hashing() + sign_in()
