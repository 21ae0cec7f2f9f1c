"""A function's routes are imported on the first request to their feature's paths (functions/common/features.py):
every route must lie under a prefix of its feature, or its first request would find nothing (404), and the OpenAPI
document must still list every route, whatever was requested before."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from functions.common.features import Feature

ROOT = Path(__file__).resolve().parents[3]
ENV = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
       "AWS_SECRET_ACCESS_KEY": "testing", "BIYE_STAGE": "local", "PYTHONPATH": str(ROOT)}
FUNCTIONS = ("apply", "photo")


def fresh(code: str) -> list:
    """Run `code` in a new interpreter, as a new Lambda environment would; its last line of output, as JSON."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=ENV,
                            check=True, timeout=120)
    return json.loads(result.stdout.strip().splitlines()[-1])


def first_request(function: str, path: str) -> str:
    """Code that imports the function's handler, answers one GET to `path`, and prints
    [the feature route modules loaded before it, its status, its body, those loaded after it]."""
    return (f"import json, sys, functions.{function}.handler as h\n"
            "from infra.local.lambda_event import build_event\n"
            f"def loaded(): return sorted(m for m in sys.modules if m.startswith('functions.{function}.')\n"
            "                             and m.endswith('routes'))\n"
            "before = loaded()\n"
            f"event = build_event('GET', {path!r}, b'', [], b'', 'ANY /api/{function}/{{proxy+}}', '127.0.0.1',\n"
            "                    '127.0.0.1:8000', None)\n"
            "answer = h.handler(event, None)\n"
            "print(json.dumps([before, answer['statusCode'], json.loads(answer['body']), loaded()]))")


def declared() -> list[tuple[str, str, tuple[str, ...]]]:
    """(function, router, prefixes) of every feature of every function that includes its routes on first request."""
    imports = ", ".join(f"functions.{f}.app" for f in FUNCTIONS)
    code = (f"import json, {imports}\n"
            f"print(json.dumps([[f, feature.router, feature.prefixes] for f in {FUNCTIONS!r}\n"
            "                  for feature in sys.modules[f'functions.{f}.app'].app.state.features.declared]))")
    return [(function, router, tuple(prefixes)) for function, router, prefixes in fresh("import sys\n" + code)]


FEATURES = declared()


def api_routes(feature: Feature) -> list[APIRoute]:
    return [r for r in feature.load().routes if isinstance(r, APIRoute)]


@pytest.mark.parametrize(("function", "router", "prefixes"), FEATURES, ids=[f[1] for f in FEATURES])
def test_every_route_lies_under_a_prefix_of_its_feature(function, router, prefixes):
    feature = Feature(router, prefixes)
    routes = api_routes(feature)
    assert routes
    # The literal part before the first {parameter} is what every request to the route starts with.
    assert [r.path for r in routes if not feature.serves(r.path.split("{")[0])] == []


@pytest.mark.parametrize("function", FUNCTIONS)
def test_openapi_lists_every_route_of_every_feature_though_none_was_requested(function):
    loaded_at_start, status, document, _ = fresh(first_request(function, f"/api/{function}/openapi.json"))
    assert loaded_at_start == [] and status == 200
    listed = {f"{method.upper()} {path}" for path, operations in document["paths"].items() for method in operations}
    expected = {f"{method} {route.path}" for of, router, prefixes in FEATURES if of == function
                for route in api_routes(Feature(router, prefixes)) if route.include_in_schema
                for method in route.methods}
    assert listed == expected


def test_a_first_request_is_answered_by_its_route_and_loads_only_its_features():
    """The staff's claims of one application, the first request of a new environment: its route answers (401, not
    signed in), and the candidates' features stay out."""
    _, status, body, loaded = fresh(first_request("apply", "/api/apply/staff/applications/420100000001/claims"))
    assert (status, body["error"]["code"]) == (401, "NOT_SIGNED_IN")
    assert "functions.apply.claims.routes" in loaded
    assert "functions.apply.sections.routes" not in loaded and "functions.apply.accounts.routes" not in loaded
