"""Stand-ins exist only on the local stage (issue 16 item 1): a deployed stack's apply function has no sandbox pay
route in its app or OpenAPI, a deployed site build has no sandbox pay page or script, a deployed stack's 学信网 never
answers verified, and a stack that charges a fee without a configured real provider refuses to start with one log
line naming the template parameter to set.

The apply function is imported in a fresh interpreter, as a Lambda container starts it, with the environment the
template gives a deployed stage."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from functions.apply.payments.configured import ProviderMissing, check_configured
from functions.apply.sections.xuexin import NoOnlineXuexin, SandboxXuexin, xuexin_for
from functions.common.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
START = ("import json, logging; logging.basicConfig(format='LOG %(message)s')\n"
         "import functions.apply.app as a\n"
         "print(json.dumps(sorted(a.app.openapi()['paths'])))")


def start_apply(province: str, stage: str, **extra: str) -> subprocess.CompletedProcess:
    # SMS off: a deployed stack with messages on and no SMS provider refuses to start on that first (test_sms_sender
    # tests it); these tests are about payments and stand-ins, and must not depend on whether an earlier test in
    # this process started the embedded stack (whose environment switches it off).
    env = {**os.environ, "BIYE_PROVINCE": province, "BIYE_STAGE": stage, "AWS_DEFAULT_REGION": "cn-north-1",
           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "PYTHONPATH": str(ROOT),
           "BIYE_MESSAGES": "off", **extra}
    return subprocess.run([sys.executable, "-c", START], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_a_deployed_stack_has_no_sandbox_route():
    started = start_apply("hubei", "prod")
    assert started.returncode == 0, started.stderr
    paths = json.loads(started.stdout)
    assert "/api/apply/application/payment" in paths
    assert not [p for p in paths if "sandbox" in p]


def test_the_local_stage_keeps_the_sandbox():
    started = start_apply("chongqing", "local")
    assert started.returncode == 0, started.stderr
    assert "/api/apply/payments/sandbox/pay" in json.loads(started.stdout)


@pytest.mark.parametrize("province", ["chongqing", "shanxi"])
def test_a_fee_without_a_provider_refuses_to_start(province):
    started = start_apply(province, "prod")
    assert started.returncode != 0
    lines = [line for line in started.stderr.splitlines() if line.startswith("LOG ")]
    assert len(lines) == 1, started.stderr
    assert "WechatPayParameter" in lines[0] and "AlipayParameter" in lines[0] and "no payment provider" in lines[0]


def deployed(**parameters: str) -> Settings:
    return Settings("t", "u", "f", "chongqing", "prod", payment_parameters={"wechat": "", "alipay": "", **parameters})


def test_a_configured_provider_is_taken_and_an_unavailable_one_refused():
    fee = {"province": "重庆", "fee": {"amount_yuan": 60}}
    assert check_configured(deployed(alipay="/biye/alipay"), fee, {"alipay": lambda name: None}) == ["alipay"]
    with pytest.raises(ProviderMissing, match="AlipayParameter"):
        check_configured(deployed(alipay="/biye/alipay"), fee, {})
    assert check_configured(deployed(), {"province": "湖北", "fee": None}, {}) == []


def test_a_deployed_xuexin_never_verifies():
    person = SandboxXuexin().records[0]
    assert isinstance(xuexin_for(Settings("t", "u", "f", "hubei", "local")), SandboxXuexin)
    online = xuexin_for(deployed())
    assert isinstance(online, NoOnlineXuexin)
    answer = online.verify(person["name"], person["id_number"], person["certificate_no"])
    assert answer.status == "unavailable" and answer.school is None


def test_a_deployed_site_build_has_no_sandbox_page(tmp_path):
    sys.path.insert(0, str(ROOT / "site"))
    from build import build
    local = {p.relative_to(tmp_path / "local").as_posix() for p in build("chongqing", tmp_path / "local", "local")}
    assert "pay/sandbox.html" in local
    build("chongqing", tmp_path / "prod", "prod")
    files = [p for p in (tmp_path / "prod").rglob("*") if p.is_file()]
    assert not [p for p in files if "sandbox" in p.name]
    assert not [p for p in files if p.suffix in (".html", ".js") and "sandbox" in p.read_text(encoding="utf-8")]
