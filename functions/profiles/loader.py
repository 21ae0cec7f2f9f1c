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

from .checked import (
    Checked,
    ConfigError,
    boolean,
    custom,
    integer,
    list_of,
    mapping,
    one_of,
    optional,
    text,
)

PROFILE_DIR = Path(os.environ.get("BIYE_PROFILE_DIR", Path(__file__).resolve().parents[2] / "infra" / "provinces"))

ROLES = ("county", "city", "university", "province", "admin")
REVIEW_ROLES = ROLES[:4]
FORMATS = ("jpeg", "png", "pdf", "zip")
DOCUMENT_KINDS = ("id_front", "id_back", "id_holding", "diploma", "filing_form", "signature", "old_course_cards",
                  "appraisal", "other")
DOCUMENT_NAMES = {"id_front": "身份证人像面", "id_back": "身份证国徽面", "id_holding": "手持身份证照", "diploma": "毕业证书",
                  "filing_form": "学历证书电子注册备案表", "signature": "签名图片",
                  "old_course_cards": "旧计划课程（实践课考核卡）扫描件压缩包", "appraisal": "实习鉴定表", "other": "其他材料"}
EDITABLE_FIELDS = ("id_number", "gender", "ethnicity", "political_status", "hukou_type", "hukou_place", "education",
                   "education_type", "studying", "school", "phone", "address", "postcode", "employer")


def _photo_rules(value):
    # The photo function owns the meaning of these keys; a profile is wrong exactly when it would refuse them.
    from .photo_rules import PhotoRules
    return PhotoRules.from_profile({"photo": value, "documents": {}}) and value


def _document_rules(value):
    from .photo_rules import PhotoRules
    return PhotoRules.from_profile({"photo": None, "documents": value}) and value


_stage = mapping({
    "id": text,
    "kind": one_of("review", "payment", "form_return"),
    "name": text,
}, extra=lambda v, p: v)

_SCHEMA = Checked(mapping({
    "province": text,
    "code": text,
    "full_name": text,
    "authority": text,
    "login": mapping({
        "identifiers": list_of(one_of("id_number", "exam_no", "email"), min_items=1),
        "security_question": boolean,
        "max_accounts_per_exam_no": integer(1, 10),
        "identity_check": one_of("none", "photos"),
    }),
    "application": mapping({
        "candidate_types": list_of(text, min_items=1),
        "host_universities_max": integer(1, 3),
        "resubmission_limit": optional(integer(0, 10)),
        "onsite_confirmation": boolean,
        "editable_fields": list_of(one_of(*EDITABLE_FIELDS)),
        "self_assessment": optional(mapping({"min_chars": integer(0, 5000), "max_chars": integer(1, 5000)})),
        "resume": optional(mapping({"max_entries": integer(1, 20), "continuous": boolean})),
        "signature": boolean,
        "prior_education": mapping({
            "method": one_of("xuexin", "filing", "certificate_number"),
            "fallback_documents": list_of(one_of(*DOCUMENT_KINDS)),
        }, extra=lambda v, p: boolean(v, p)),
        "photo_review": optional(one_of(*REVIEW_ROLES)),
        "substitution": one_of("candidate_rules", "per_course", "credit_pool", "none"),
    }),
    "review": mapping({
        "stages": list_of(_stage, min_items=1),
        "reject_reasons": list_of(text, min_items=1),
    }),
    "fee": optional(mapping({
        "amount_yuan": integer(1, 10000),
        "name": text,
        "after_stage": text,
        "refund_on_reject": boolean,
    })),
    "photo": optional(custom(_photo_rules, "照片规则")),
    "documents": custom(_document_rules, "材料规则"),
    "forms": list_of(mapping({"id": text, "name": text, "after": text}, extra=lambda v, p: v)),
    "offices": list_of(mapping({"code": custom(lambda v: _digits(v, 6), "6 位行政区划代码"),
                                "name": text}), min_items=1),
}))


def _digits(value, n):
    if not (isinstance(value, str) and len(value) == n and value.isdigit()):
        raise ValueError(f"{n} 位数字")
    return value


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

    def office(self, code: str) -> dict | None:
        return next((o for o in self.data["offices"] if o["code"] == code), None)


def _check_references(data: dict, file: str) -> None:
    """Cross-key rules a per-key check cannot see."""
    stages = data["review"]["stages"]
    ids = [s["id"] for s in stages]
    for i, stage in enumerate(stages):
        if ids.count(stage["id"]) > 1:
            raise ConfigError(file, f"review.stages[{i}].id", "不重复的阶段编号", stage["id"])
        if stage["kind"] in ("review", "form_return") and stage.get("role") not in REVIEW_ROLES:
            raise ConfigError(file, f"review.stages[{i}].role", "之一: " + ", ".join(REVIEW_ROLES), stage.get("role"))
        if stage["kind"] == "payment" and not data["fee"]:
            raise ConfigError(file, f"review.stages[{i}]", "fee 已设置 (有缴费阶段)")
    if stages[-1]["kind"] != "review":
        raise ConfigError(file, "review.stages", "以审核阶段结束", stages[-1]["kind"])
    if data["fee"]:
        if data["fee"]["after_stage"] not in ids:
            raise ConfigError(file, "fee.after_stage", "review.stages 中的阶段编号", data["fee"]["after_stage"])
        if not any(s["kind"] == "payment" for s in stages):
            raise ConfigError(file, "review.stages", "含一个 kind: payment 阶段 (已设置 fee)")
    allowed_after = {"submitted", "approved", *ids}
    for i, form in enumerate(data["forms"]):
        if form["after"] not in allowed_after:
            raise ConfigError(file, f"forms[{i}].after", "submitted、approved 或阶段编号", form["after"])
    if data["login"]["identity_check"] == "photos":
        for kind in ("id_front", "id_holding"):
            if kind not in data["documents"]:
                raise ConfigError(file, f"documents.{kind}", "已设置 (login.identity_check: photos 需要这两种照片)")
    for kind in data["application"]["prior_education"]["fallback_documents"]:
        if kind not in data["documents"]:
            raise ConfigError(file, f"documents.{kind}", "已设置 (application.prior_education.fallback_documents 需要上传它)")
    if data["application"]["signature"] and "signature" not in data["documents"]:
        raise ConfigError(file, "documents.signature", "已设置 (application.signature: true 需要上传签名图片)")
    sa = data["application"]["self_assessment"]
    if sa and sa["min_chars"] > sa["max_chars"]:
        raise ConfigError(file, "application.self_assessment.min_chars", "不大于 max_chars", sa["min_chars"])


def parse_profile(text_: str, file: str) -> Profile:
    try:
        raw = yaml.safe_load(text_)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else "(文件)"
        raise ConfigError(file, where, "合法的 YAML") from None
    data = _SCHEMA(raw, file)
    _check_references(data, file)
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
