"""Hostile input on every route that takes a body (read from the apps, see tests/support/routes.py), through the running
portal as the route's own caller: bodies that are too big, too deep, not UTF-8, not JSON, of the wrong shape; every
field given a value of the wrong type or a NoSQL operator; every string field given SQL, NoSQL and template
injection, path traversal and control characters; every path parameter given traversal and injection. Refusals are
4xx with a Chinese message and leave the table as it was; accepted text is stored as sent, never evaluated.
Files: hostile names, kinds and sizes are in test_photo_api, the photo corpus through the checks in tests/unit/photo.
"""
from __future__ import annotations

import json
import re
import time

import httpx
import pytest
from support.applying import candidate, ok, small_jpeg, upload
from support.portal_client import client, fresh_address
from support.routes import BODIES as VALID
from support.routes import every_route

from functions.common.session import COOKIE, CSRF_HEADER, Identity, new_session_item

CHINESE = re.compile(r"[\u4e00-\u9fff]")
INJECTIONS = ["' OR '1'='1' --", "\"; DROP TABLE candidates; --", "{{7*7}}", "${7*7}", "<%= 7*7 %>",
              "<script>alert(1)</script>", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "A\u0000B",
              "\u202eexe.jpg", "\ud800"]
WRONG_TYPES = [{"$ne": None}, {"$gt": ""}, ["a", "b"], 10 ** 30, True]
PATH_VALUES = ["..%2F..%2Fetc%2Fpasswd", "' OR 1=1 --", "%7B%7B7*7%7D%7D", "%00", "a" * 300]
# Items a refusal may write: throttle counters (failures count), the caller's session (last seen), captchas.
VOLATILE = ("THROTTLE#", "SESSION#", "CAPTCHA#", "DEVICE#")


@pytest.fixture(scope="module")
def callers(portal, table):
    """A candidate with an upload, and the provincial office, each on a loopback address of its own (refusals
    count against the address they come from); nobody, on another; the values for every path parameter."""
    me = candidate(portal, table, "420100")
    photo = upload(me, small_jpeg(), "diploma")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    staff = Identity("hostile-staff", "staff", "测试", role="province")
    people = {"candidate": session(portal, table, Identity(me.account_id, "candidate", me.who["name"],
                                                          exam_no=me.who["exam_no"])),
              "staff": session(portal, table, staff), "public": client(portal, fresh_address())}
    people["signed_in"] = people["candidate"]
    values = {"exam_no": me.who["exam_no"], "plan_id": me.who["majors"][0], "rule_id": "r-1",
              "upload_id": photo["upload_id"], "form_id": "application_form", "account_id": me.account_id,
              "batch_id": "2027-1", "candidate_type": "在籍考生", "provider": "sandbox",
              "claim_id": "0123456789abcdef", "entry_id": "0123456789abcdef", "request_id": "0123456789abcdef",
              # a university's notice, not the province's: what the province may not write is refused whole (403),
              # so the walk leaves no notice behind for later tests' candidates (test_notices_api writes them)
              "scope": "university", "key": "某大学", "office": "420100", "kind": "diploma"}
    return {"people": people, "values": values, "me": me}


def session(portal, table, who: Identity) -> httpx.Client:
    token, item = new_session_item(who, int(time.time()))
    table.put_item(Item=item)
    http = client(portal, fresh_address())
    http.cookies.set(COOKIE, token)
    http.headers[CSRF_HEADER] = item["csrf"]
    return http


def lasting(table) -> list[dict]:
    """The table without what a refusal may legitimately touch. Scanned by a client of its own that waits a minute
    for a page: the worker's whole table outlasted the functions' 10 s read timeout on a loaded machine."""
    import boto3
    from botocore.config import Config
    patient = boto3.resource("dynamodb", config=Config(read_timeout=60, retries={"max_attempts": 4}))
    table = patient.Table(table.name)
    items, page = [], {}
    while True:
        answer = table.scan(**page)
        items += [i for i in answer["Items"] if not i["PK"].startswith(VOLATILE)]
        if "LastEvaluatedKey" not in answer:
            return sorted(items, key=lambda i: (i["PK"], i["SK"]))
        page = {"ExclusiveStartKey": answer["LastEvaluatedKey"]}


def clear_4xx(answer: httpx.Response) -> bool:
    if not 400 <= answer.status_code < 500 or "Traceback" in answer.text:
        return False
    return bool(CHINESE.search(answer.json()["error"]["message"]))


def malformed(valid: dict) -> list[tuple[str, bytes, str]]:
    """Whole bodies that are wrong: (what, bytes, content type)."""
    deep = b"[" * 5000 + b"]" * 5000
    return [("too big", json.dumps({**valid, "x": "字" * 100_000}).encode(), "application/json"),
            ("too deep", deep, "application/json"),
            ("deep object", b'{"a":' * 200 + b"1" + b"}" * 200, "application/json"),
            ("not UTF-8", json.dumps(valid).encode()[:-1] + b', "z": "\xff\xfe\xc0\xaf"}', "application/json"),
            ("not JSON", b"{'kind': 1,", "application/json"),
            ("empty", b"", "application/json"),
            ("a list", b"[1, 2, 3]", "application/json"),
            ("null", b"null", "application/json"),
            ("form-encoded", b"kind=photo&size=1", "application/x-www-form-urlencoded"),
            ("text", json.dumps(valid).encode(), "text/plain")]


def wrong_fields(valid: dict) -> list[tuple[str, dict]]:
    return [(f"{field}={value!r}", {**valid, field: value}) for field in valid for value in WRONG_TYPES
            if not (isinstance(valid[field], bool) and value is True)]


def body_routes(routes):
    return [r for r in routes if r.method in ("POST", "PUT") and r.path in VALID]


def test_every_route_that_takes_a_body_has_a_valid_one_here(portal):
    assert {r.path for r in every_route() if r.takes_body} == set(VALID)


def test_malformed_bodies_and_wrong_types_are_refused_and_store_nothing(callers, table):
    people, values = callers["people"], callers["values"]
    before, wrong = lasting(table), []
    for route in body_routes(every_route()):
        http, url = people[route.caller], route.url(values)
        for what, content, kind in malformed(VALID[route.path]):
            answer = http.request(route.method, url, content=content, headers={"content-type": kind})
            if not clear_4xx(answer):
                wrong.append(f"{route} {what}: {answer.status_code} {answer.text[:120]}")
        for what, body in wrong_fields(VALID[route.path]):
            answer = http.request(route.method, url, json=body)
            if not clear_4xx(answer):
                wrong.append(f"{route} {what}: {answer.status_code} {answer.text[:120]}")
    assert wrong == [], "\n".join(wrong)
    assert lasting(table) == before


def test_injection_strings_in_every_field_are_refused_or_kept_as_plain_text(callers):
    people, values = callers["people"], callers["values"]
    wrong = []
    for route in body_routes(every_route()):
        valid, http = VALID[route.path], people[route.caller]
        for field in [f for f, v in valid.items() if isinstance(v, str)]:
            for text in INJECTIONS:
                body = json.dumps({**valid, field: text}).encode()     # \ud800 escaped: valid JSON, no character
                answer = http.request(route.method, route.url(values), content=body,
                                      headers={"content-type": "application/json"})
                if answer.status_code >= 500 or (answer.status_code >= 400 and not clear_4xx(answer)):
                    wrong.append(f"{route} {field}={text!r}: {answer.status_code} {answer.text[:120]}")
    assert wrong == [], "\n".join(wrong)


def test_text_a_candidate_writes_comes_back_as_written(callers):
    me = callers["people"]["candidate"]
    for text in ("{{7*7}} ${7*7} <%= 7*7 %>", "<script>alert(1)</script>", "' OR '1'='1' --; {\"$ne\": null}"):
        assert ok(me.put("/api/apply/application/statement", json={"text": text}))["details"]["statement"] == text


def test_hostile_path_parameters_are_refused(callers):
    people = callers["people"]
    wrong = []
    for route in [r for r in every_route() if r.parameters and r.caller != "public"]:
        for value in PATH_VALUES:
            url = route.path.format(**{p: value for p in route.parameters})
            answer = people[route.caller].request(route.method, url, json=VALID.get(route.path))
            if not clear_4xx(answer):
                wrong.append(f"{route} {value}: {answer.status_code} {answer.text[:120]}")
    assert wrong == [], "\n".join(wrong)
