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

ROOT = Path(__file__).resolve().parents[3]
ENV = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
       "AWS_SECRET_ACCESS_KEY": "testing", "BIYE_STAGE": "local", "PYTHONPATH": str(ROOT)}


def fresh(code: str) -> list:
    """Run `code` in a new interpreter, as a new Lambda environment would; its last line of output, as JSON."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=ENV,
                            check=True, timeout=120)
    return json.loads(result.stdout.strip().splitlines()[-1])


def declared():
    """(function, feature) for every lazily included feature of every function."""
    code = ("import json, functions.apply.app as a\n"
            "print(json.dumps([['apply', f.router, f.prefixes] for f in a.app.state.features.declared]))")
    return [tuple(row) for row in fresh(code)]


FEATURES = declared()


def api_routes(router) -> list[APIRoute]:
    return [r for r in router.routes if isinstance(r, APIRoute)]


@pytest.mark.parametrize(("function", "router", "prefixes"), FEATURES, ids=[f[1] for f in FEATURES])
def test_every_route_lies_under_a_prefix_of_its_feature(function, router, prefixes):
    from functions.common.features import Feature
    feature = Feature(router, tuple(prefixes))
    routes = api_routes(feature.load())
    assert routes
    # The literal part before the first {parameter} is what every request to the route starts with.
    assert [r.path for r in routes if not feature.serves(r.path.split("{")[0])] == []


def test_openapi_lists_every_route_of_every_feature_though_none_was_requested():
    code = ("import json, sys, functions.apply.handler as h\n"
            "from infra.local.lambda_event import build_event\n"
            "loaded = sorted(m for m in sys.modules if m.endswith('routes') and m.startswith('functions.apply'))\n"
            "event = build_event('GET', '/api/apply/openapi.json', b'', [], b'', 'ANY /api/apply/{proxy+}',\n"
            "                    '127.0.0.1', '127.0.0.1:8000', None)\n"
            "answer = h.handler(event, None)\n"
            "paths = json.loads(answer['body'])['paths']\n"
            "print(json.dumps([loaded, sorted(f'{m.upper()} {p}' for p, ops in paths.items() for m in ops)]))")
    loaded_at_start, listed = fresh(code)
    assert loaded_at_start == []
    from functions.common.features import Feature
    expected = {f"{method} {route.path}" for _, router, prefixes in FEATURES
                for route in api_routes(Feature(router, tuple(prefixes)).load()) if route.include_in_schema
                for method in route.methods}
    assert set(listed) == expected


def test_a_first_request_is_answered_by_its_route_and_loads_only_its_features():
    """The staff's claims of one application, the first request of a new environment: its route answers (401, not
    signed in), and the candidates' features stay out."""
    code = ("import json, sys, functions.apply.handler as h\n"
            "from infra.local.lambda_event import build_event\n"
            "event = build_event('GET', '/api/apply/staff/applications/420100000001/claims', b'', [], b'',\n"
            "                    'ANY /api/apply/{proxy+}', '127.0.0.1', '127.0.0.1:8000', None)\n"
            "answer = h.handler(event, None)\n"
            "loaded = sorted(m for m in sys.modules if m.endswith('routes') and m.startswith('functions.apply'))\n"
            "print(json.dumps([answer['statusCode'], json.loads(answer['body'])['error']['code'], loaded]))")
    status, code_, loaded = fresh(code)
    assert (status, code_) == (401, "NOT_SIGNED_IN")
    assert "functions.apply.claims.routes" in loaded
    assert "functions.apply.sections.routes" not in loaded and "functions.apply.accounts.routes" not in loaded
