"""Only CloudFront reaches the API (issue 15 item 14): a request without the origin secret CloudFront adds (a direct
call to the execute-api endpoint) or with a wrong one is refused in Chinese; through the router, which adds it as
CloudFront does, everything works. The viewer's address for throttling is the one CloudFront appended, not what the
viewer put in X-Forwarded-For."""
from __future__ import annotations

import importlib
import json
import os
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from functions.common.aws import ssm_client
from functions.common.origin import NOT_VIA_SITE, ORIGIN_HEADER, viewer_address
from infra.local.lambda_event import EDGE_ADDRESS, build_event
from infra.local.router import init_worker

HANDLERS = ("functions.apply.handler", "functions.eligibility.handler", "functions.photo.handler")
PATHS = {"functions.apply.handler": "/api/apply/captcha", "functions.eligibility.handler": "/api/eligibility/plans",
         "functions.photo.handler": "/api/photo/uploads"}


class Context:
    def get_remaining_time_in_millis(self) -> int:
        return 10_000


def secret() -> str:
    name = os.environ["BIYE_ORIGIN_SECRET_PARAMETER"]
    return ssm_client().get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]


def direct(module: str, origin: tuple[str, str] | None) -> dict:
    """What a Lambda gets when the execute-api endpoint is called straight, without CloudFront in front."""
    path = PATHS[module]
    event = build_event("GET", path, b"", [(b"host", b"abc.execute-api.cn-north-1.amazonaws.com.cn")], b"",
                        "ANY /api/{proxy+}", "203.0.113.9", "abc.execute-api.cn-north-1.amazonaws.com.cn", origin)
    handler = importlib.import_module(module).handler
    # On a thread with its own event loop, as the Lambda runtime and the local router call it: this test's thread
    # may already run a loop (a browser test's Playwright, earlier in the same worker), inside which Mangum cannot
    # run its own.
    with ThreadPoolExecutor(max_workers=1, initializer=init_worker) as thread:
        return thread.submit(handler, event, Context()).result()


@pytest.mark.parametrize("module", HANDLERS)
def test_a_direct_call_without_the_origin_secret_is_refused(portal, module):
    for origin in (None, (ORIGIN_HEADER, "guessed"), (ORIGIN_HEADER, secret()[:-1])):
        answer = direct(module, origin)
        assert answer["statusCode"] == 403
        assert json.loads(answer["body"])["error"]["message"] == NOT_VIA_SITE
        assert answer["headers"]["cache-control"] == "no-store"


def test_through_cloudfront_the_same_call_is_answered(portal):
    assert direct("functions.apply.handler", (ORIGIN_HEADER, secret()))["statusCode"] == 200
    assert httpx.get(portal.url + "/api/apply/captcha").status_code == 200     # the router adds it, as CloudFront
    spoofed = httpx.get(portal.url + "/api/apply/captcha", headers={ORIGIN_HEADER: "guessed"})
    assert spoofed.status_code == 200                                            # CloudFront's value wins


def test_the_viewer_address_is_what_cloudfront_appended():
    event = build_event("GET", "/api/apply/captcha", b"", [(b"x-forwarded-for", b"10.9.8.7, 1.2.3.4")], b"",
                        "ANY /api/apply/{proxy+}", "203.0.113.9", "grad.example.cn")
    assert event["requestContext"]["http"]["sourceIp"] == EDGE_ADDRESS
    assert viewer_address(event["headers"]["x-forwarded-for"], EDGE_ADDRESS) == "203.0.113.9"
    # Whether or not API Gateway appends the edge, the viewer's own entries never count.
    assert viewer_address("1.2.3.4, 203.0.113.9", EDGE_ADDRESS) == "203.0.113.9"
    assert viewer_address("203.0.113.9", EDGE_ADDRESS) == "203.0.113.9"
    assert viewer_address(None, EDGE_ADDRESS) == EDGE_ADDRESS
