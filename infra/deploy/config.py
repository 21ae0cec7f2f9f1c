"""Reads a province's SAM configuration for `make deploy` (infra/deploy/<province>/samconfig.toml).

    python -m infra.deploy.config check PROVINCE STAGE    # refuses a missing stage or a value still to fill in
    python -m infra.deploy.config shell PROVINCE STAGE    # STACK=… REGION=… for the Makefile's shell
"""
from __future__ import annotations

import shlex
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
TO_FILL = "CHANGE-ME"
CHINA_REGIONS = ("cn-north-1", "cn-northwest-1")


def config_file(province: str) -> Path:
    return HERE / province / "samconfig.toml"


def deploy_parameters(province: str, stage: str) -> dict:
    path = config_file(province)
    if not path.is_file():
        raise SystemExit(f"没有 {path.relative_to(HERE.parents[1])}：请先为 {province} 写好部署配置")
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    if stage not in config or "deploy" not in config[stage]:
        raise SystemExit(f"{path.name} 中没有 [{stage}.deploy.parameters]：STAGE 应为 {', '.join(config)} 之一")
    return config[stage]["deploy"]["parameters"]


def overrides(parameters: dict) -> dict[str, str]:
    pairs = parameters.get("parameter_overrides", "")
    words = pairs if isinstance(pairs, list) else shlex.split(pairs)
    return dict(word.split("=", 1) for word in words)


def problems(province: str, stage: str) -> list[str]:
    parameters = deploy_parameters(province, stage)
    given = overrides(parameters)
    found = [f"{key} 仍是 {TO_FILL}，请填写" for key, value in given.items() if TO_FILL in value]
    if given.get("Province") != province:
        found.append(f"Province 应为 {province}")
    if given.get("Stage") != stage:
        found.append(f"Stage 应为 {stage}")
    if parameters.get("region") in CHINA_REGIONS and not given.get("SiteDomain"):
        found.append("中国区部署必须填写已备案的 SiteDomain")
    from functions.profiles.loader import load_profile
    if load_profile(province).data["fee"] is not None and not (given.get("WechatPayParameter")
                                                                or given.get("AlipayParameter")):
        found.append("该省收取费用：须设置 WechatPayParameter 或 AlipayParameter（存放商户密钥的 SSM 参数名）")
    return found


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 3 or args[0] not in ("check", "shell"):
        print("用法：python -m infra.deploy.config check|shell 省份 阶段", file=sys.stderr)
        return 2
    command, province, stage = args
    if command == "check":
        found = problems(province, stage)
        for line in found:
            print(f"{config_file(province).relative_to(HERE.parents[1])} [{stage}]：{line}", file=sys.stderr)
        return 2 if found else 0
    parameters = deploy_parameters(province, stage)
    print(f"STACK={shlex.quote(parameters['stack_name'])} REGION={shlex.quote(parameters['region'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
