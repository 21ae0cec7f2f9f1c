"""Province profiles: every difference between provinces, as data checked when loaded.

A profile is one YAML file in infra/provinces/. A wrong one stops start-up with one line naming the file, the key
and what was expected (ConfigError).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .checked import ConfigError
from .schema import check_profile
from .sms_templates import SmsTemplates

PROFILE_DIR = Path(os.environ.get("BIYE_PROFILE_DIR", Path(__file__).resolve().parents[2] / "infra" / "provinces"))


@dataclass(frozen=True)
class Profile:
    code: str
    data: dict

    @property
    def name(self) -> str:
        return self.data["province"]

    @property
    def stages(self) -> list[dict]:
        return self.data["review"]["stages"]

    @property
    def fee(self) -> dict | None:
        return self.data["fee"]

    @property
    def sms(self) -> SmsTemplates:
        return SmsTemplates.from_profile(self.data["sms"])

    def office(self, code: str) -> dict | None:
        return next((o for o in self.data["offices"] if o["code"] == code), None)


def parse_profile(text_: str, file: str) -> Profile:
    try:
        raw = yaml.safe_load(text_)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else "(文件)"
        raise ConfigError(file, where, "合法的 YAML") from None
    data = check_profile(raw, file)
    return Profile(code=data["code"], data=data)


NAMES = {"湖北": "hubei", "安徽": "anhui", "重庆": "chongqing", "山西": "shanxi"}


def profile_code(name: str) -> str:
    """Accept 湖北 or hubei (any case); the answer names a file in PROFILE_DIR."""
    code = NAMES.get(name.strip(), name.strip().lower())
    if not code.isascii() or not code.isalpha():
        raise ConfigError(str(PROFILE_DIR), "PROVINCE", "省份名 (如 hubei、湖北)", name)
    return code


@cache
def load_profile(name: str, directory: Path = PROFILE_DIR) -> Profile:
    code = profile_code(name)
    path = Path(directory) / f"{code}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in Path(directory).glob("*.yaml")))
        raise ConfigError(str(path), "PROVINCE", f"已有的省份配置之一: {known}", name)
    profile = parse_profile(path.read_text(encoding="utf-8"), str(path))
    if profile.code != code:
        raise ConfigError(str(path), "code", f"与文件名一致的 {code}", profile.code)
    return profile


def all_profiles(directory: Path = PROFILE_DIR) -> list[Profile]:
    return [load_profile(p.stem, directory) for p in sorted(Path(directory).glob("*.yaml"))]
