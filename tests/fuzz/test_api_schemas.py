"""Schemathesis against every function's OpenAPI schema, through the running portal (router and Lambda
handlers), signed in as a candidate and as staff, with data that fits the schema and data that does not: no
server error, and every answer of a documented status, shape and content type. Each example gets a fresh session,
so a generated sign-out or password change cannot end the run's.
"""
from __future__ import annotations

import time

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from requests.adapters import HTTPAdapter
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from support.applying import candidate
from support.portal_client import fresh_address

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.session import COOKIE, CSRF_HEADER, Identity, new_session_item

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
EXAMPLES = 10       # per operation, role and kind of data: ~90 operations × 2 roles × 2 kinds


@pytest.fixture(scope="module")
def people(portal, table):
    """A candidate with an exam record, and a member of the provincial office (who sees the whole province)."""
    me = candidate(portal, table, "420100")
    staff_id = create_account(table, NewAccount(kind="staff", display_name="模糊测试",
                                                logins={"staff": "fuzz-province"}, password="Fuzz-pass-2026",
                                                role="province"), int(time.time()))
    return {"candidate": Identity(me.account_id, "candidate", me.who["name"], exam_no=me.who["exam_no"]),
            "staff": Identity(staff_id, "staff", "模糊测试", role="province")}


class FromOwnAddress(HTTPAdapter):
    """Requests from a loopback address of the fuzzer's own: the sign-ins it fails use up that address's failure
    budget (30 in 15 minutes, counted per client address), not the one every later test signs in from."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def session_headers(table, who: Identity) -> dict:
    token, item = new_session_item(who, int(time.time()))
    table.put_item(Item=item)
    return {"Cookie": f"{COOKIE}={token}", CSRF_HEADER: item["csrf"]}


@pytest.mark.parametrize("role", ["candidate", "staff"])
@pytest.mark.parametrize("function", ["eligibility", "photo", "apply"])
def test_no_server_error_and_every_answer_as_documented(function, role, people, table, portal):
    schema = schemathesis.openapi.from_url(f"{portal.url}/api/{function}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations
    http = requests.Session()
    http.mount("http://", FromOwnAddress(fresh_address()))
    for operation in operations:
        cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                          operation.as_strategy(GenerationMode.NEGATIVE))

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=cases)
        def fuzz(case):
            case.call_and_validate(base_url=portal.url, session=http, headers=session_headers(table, people[role]),
                                   checks=CHECKS)
        try:
            fuzz()
        except Exception as failure:
            raise AssertionError(f"{operation.label} as {role}: {failure}") from failure
