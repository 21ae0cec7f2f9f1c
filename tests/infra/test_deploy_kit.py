"""The deploy kit (issue 16 item 6): a SAM configuration per province and stage that `make deploy` refuses while a
value is still to fill in, the template's rule refusing a China stack without an ICP-filed domain, the site release
with hashed asset names, and `make deploy`'s steps (deploy, build, upload with cache headers and --delete,
invalidate)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from infra.deploy import config
from infra.deploy.release import release
from infra.local import template as tpl

ROOT = Path(__file__).resolve().parents[2]
PROVINCES = ("hubei", "anhui", "chongqing", "shanxi")


@pytest.mark.parametrize("province", PROVINCES)
def test_each_province_has_a_configuration_per_stage_refused_until_filled_in(province, tmp_path, monkeypatch):
    for stage in ("prod", "test"):
        parameters = config.deploy_parameters(province, stage)
        assert parameters["stack_name"] == f"biye-{province}-{stage}" and parameters["region"] in config.CHINA_REGIONS
        assert any("CHANGE-ME" in p for p in config.problems(province, stage))
    (tmp_path / province).mkdir()
    text = config.config_file(province).read_text(encoding="utf-8")
    filled = text.replace("https://CHANGE-ME", "https://grad.zk.cn")
    filled = filled.replace("SiteDomain=CHANGE-ME", "SiteDomain=grad.zk.cn")
    filled = filled.replace("CertificateId=CHANGE-ME", "CertificateId=ASCAEXAMPLE")
    (tmp_path / province / "samconfig.toml").write_text(filled, encoding="utf-8")
    monkeypatch.setattr(config, "HERE", tmp_path)
    left = config.problems(province, "prod")
    charges = province in ("chongqing", "shanxi")      # their profiles have a fee: a payment provider is needed
    assert left == (["该省收取费用：须设置 WechatPayParameter 或 AlipayParameter（存放商户密钥的 SSM 参数名）"]
                    if charges else [])
    (tmp_path / province / "samconfig.toml").write_text(filled.replace("SiteDomain=grad.zk.cn", "SiteDomain="),
                                                         encoding="utf-8")
    assert "中国区部署必须填写已备案的 SiteDomain" in config.problems(province, "prod")


def _evaluate(node, values: dict):
    if isinstance(node, dict) and "Ref" in node:
        return values[node["Ref"]]
    if isinstance(node, dict) and "Fn::Equals" in node:
        a, b = node["Fn::Equals"]
        return _evaluate(a, values) == _evaluate(b, values)
    if isinstance(node, dict) and "Fn::Not" in node:
        return not _evaluate(node["Fn::Not"][0], values)
    if isinstance(node, dict) and "Fn::Or" in node:
        return any(_evaluate(n, values) for n in node["Fn::Or"])
    return node


@pytest.mark.parametrize("region, domain, certificate, refused", [
    ("cn-north-1", "", "", True), ("cn-northwest-1", "grad.zk.cn", "", True),
    ("cn-north-1", "grad.zk.cn", "ASCAEXAMPLE", False), ("us-east-1", "", "", False)])
def test_a_china_stack_without_a_filed_domain_is_refused_by_the_template(region, domain, certificate, refused):
    rule = tpl.read_sam()["Rules"]["ChinaNeedsAFiledDomain"]
    values = {"AWS::Region": region, "SiteDomain": domain, "CertificateId": certificate}
    applies = _evaluate(rule["RuleCondition"], values)
    failing = [a for a in rule["Assertions"] if not _evaluate(a["Assert"], values)]
    assert (applies and bool(failing)) == refused


def test_the_release_hashes_css_and_js_and_every_page_points_at_them(tmp_path):
    sys.path.insert(0, str(ROOT / "site"))
    from build import build
    build("chongqing", tmp_path / "built", "prod")
    renamed = release(tmp_path / "built", tmp_path / "out")
    assert "/static/js/core.js" in renamed and "/static/biye.css" in renamed
    assert not [p for p in (tmp_path / "out").rglob("*") if p.suffix in (".js", ".css") and p.stem.count(".") != 1]
    core = tmp_path / "out" / renamed["/static/js/core.js"].lstrip("/")
    assert core.read_bytes() == (tmp_path / "built" / "static" / "js" / "core.js").read_bytes()
    for page in (tmp_path / "out").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not [asset for asset in renamed if asset in text], page        # every asset by its hashed name
        # core.js itself, or joined with the page's script where a page keeps a weight budget (page_data.BUNDLES)
        assert renamed["/static/js/core.js"] in text or renamed["/static/js/staff-application-bundle.js"] in text, page


def test_make_deploy_deploys_builds_uploads_and_invalidates():
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    plan = subprocess.run(["make", "-n", "deploy", "PROVINCE=hubei", "STAGE=test"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60).stdout
    steps = ["infra.deploy.config check hubei test",
             "sam deploy --template-file template.yaml --config-file infra/deploy/hubei/samconfig.toml "
             "--config-env test",
             "site/build.py --province hubei --stage test", "infra.deploy.release",
             "--exclude \"*.html\" --cache-control \"public, max-age=31536000, immutable\"",
             "--delete --exclude \"*\" --include \"*.html\"", "create-invalidation --distribution-id"]
    positions = [plan.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions), plan
