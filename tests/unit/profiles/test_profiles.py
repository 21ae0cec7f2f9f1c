"""Province profiles: the four load; a wrong one is refused in one line naming the file, the key, the expectation."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from functions.profiles.checked import ConfigError
from functions.profiles.loader import PROFILE_DIR, all_profiles, load_profile, parse_profile, profile_code

HUBEI = (PROFILE_DIR / "hubei.yaml").read_text(encoding="utf-8")


def test_the_four_provinces_load_with_their_own_order_of_review():
    profiles = {p.code: p for p in all_profiles()}
    assert set(profiles) >= {"hubei", "anhui", "chongqing", "shanxi"}
    order = {code: [s["id"] for s in p.stages] for code, p in profiles.items()}
    assert order["hubei"] == ["city_review", "university_review", "province_review"]
    assert order["chongqing"] == ["university_review", "fee", "city_review"]
    assert order["shanxi"] == ["county_review", "fee", "registration_form", "county_final"]
    assert profiles["chongqing"].fee["refund_when"] == "round_end"      # 须知 9: 在当次毕业办理结束后退回
    assert profiles["shanxi"].fee["refund_when"] == "never"
    assert profiles["hubei"].data["application"]["onsite_confirmation"] is True
    assert profiles["shanxi"].data["application"]["resubmission_limit"] == 1
    assert profiles["shanxi"].data["application"]["host_universities_max"] == 2
    assert profiles["anhui"].data["photo"]["width"] == 480
    assert "name" not in profiles["hubei"].data["application"]["editable_fields"]


@pytest.mark.parametrize("name,code",
                         [("湖北", "hubei"), ("hubei", "hubei"), ("Anhui", "anhui"), ("重庆", "chongqing")])
def test_province_names_in_either_script(name, code):
    assert profile_code(name) == code
    assert load_profile(name).code == code


def _mutated(change) -> str:
    data = yaml.safe_load(HUBEI)
    change(data)
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.mark.parametrize("change,path", [
    (lambda d: d["review"]["stages"][0].update(role="mayor"), "review.stages[0].role"),
    (lambda d: d["application"].pop("onsite_confirmation"), "application.onsite_confirmation"),
    (lambda d: d["login"].update(identifiers=["wechat"]), "login.identifiers[0]"),
    (lambda d: d["login"].update(max_accounts_per_exam_no="three"), "login.max_accounts_per_exam_no"),
    (lambda d: d.update(fee={"amount_yuan": 50, "name": "费", "after_stage": "nowhere", "refund_when": "never"}),
     "fee.after_stage"),
    (lambda d: d.update(fee={"amount_yuan": 50, "name": "费", "after_stage": "city_review", "refund_when": "later"}),
     "fee.refund_when"),
    (lambda d: d["offices"].append({"code": "42", "name": "短"}), "offices[17].code"),   # after 湖北 17 市州
    (lambda d: d.update(colour="blue"), "colour"),
    (lambda d: d.update(photo={"formats": ["gif"]}), "photo"),
    (lambda d: d["login"].update(identity_check="photos"), "documents.id_front"),
    (lambda d: d["documents"].pop("filing_form"), "documents.filing_form"),
    (lambda d: d["application"].update(signature=True), "documents.signature"),
    # the photo's own window: said explicitly, and only where staff review photos (湖北 does not)
    (lambda d: d["application"].pop("photo_window"), "application.photo_window"),
    (lambda d: d["application"].update(photo_window=True), "application.photo_window"),
    # the import column map: tables and fields the importer knows, a header naming one field, an encoding
    (lambda d: d["records_import"]["headers"].update(grades={"score": ["分"]}), "records_import"),
    (lambda d: d["records_import"]["headers"].update(sittings={"mark": ["分"]}), "records_import"),
    (lambda d: d["records_import"]["headers"].update(sittings={"score": ["考期"]}), "records_import"),
    (lambda d: d["records_import"].update(csv_encoding="gb-what"), "records_import"),
    # 系统审核通过: true or false, on a review stage, and never before 现场确认 (湖北's first stage)
    (lambda d: d["review"]["stages"][1].update(system_approval="yes"), "review.stages[1].system_approval"),
    (lambda d: d["review"]["stages"][0].update(system_approval=True), "review.stages[0].system_approval"),
    # a form filled in after submitting: known sections, and a form_return stage that waits for it (湖北 has none)
    (lambda d: d["forms"][0].update(fill=["statement"]), "forms[0].fill"),
    (lambda d: d["forms"][0].update(fill=["resume"]), "forms[0].fill"),
    # the photo after submitting: said true or false, and only where a photo is taken and an office reviews it by hand
    (lambda d: d["application"].pop("photo_after_submit"), "application.photo_after_submit"),
    (lambda d: d["application"].update(photo_after_submit=True), "application.photo_after_submit"),
    # the word a waiting status begins with (安徽: 已受理): words, or not said
    (lambda d: d["review"]["stages"][1].update(received_as=""), "review.stages[1].received_as"),
    (lambda d: d["review"]["stages"][1].update(received_as=["已受理"]), "review.stages[1].received_as"),
])
def test_a_wrong_profile_is_refused_in_one_line_naming_file_and_key(change, path):
    with pytest.raises(ConfigError) as caught:
        parse_profile(_mutated(change), "infra/provinces/hubei.yaml")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("infra/provinces/hubei.yaml: ")
    assert caught.value.path == path
    assert "应为" in message


def test_invalid_yaml_names_the_line():
    with pytest.raises(ConfigError) as caught:
        parse_profile("province: 湖北\n  bad: [", "x.yaml")
    assert "行" in caught.value.path


def test_an_unknown_province_lists_the_known_ones(tmp_path: Path):
    with pytest.raises(ConfigError) as caught:
        load_profile("guangdong")
    assert "hubei" in str(caught.value)


# Every office of each province at its review level (GB/T 2260 codes): 湖北 17 市州 (with the 省直管 仙桃, 潜江, 天门,
# 神农架), 安徽 16 市, 重庆 38 区县, 山西 117 县(市、区).
@pytest.mark.parametrize("province, count, prefix", [("hubei", 17, "42"), ("anhui", 16, "34"),
                                                      ("chongqing", 38, "50"), ("shanxi", 117, "14")])
def test_each_profile_lists_every_office_of_its_province_once(province, count, prefix):
    from functions.profiles.loader import load_profile
    offices = load_profile(province).data["offices"]
    assert len(offices) == count
    assert len({o["code"] for o in offices}) == count and len({o["name"] for o in offices}) == count
    assert all(o["code"].startswith(prefix) for o in offices)


def test_the_demo_uses_a_few_real_offices():
    from functions.profiles.loader import load_profile
    from infra.demo.generate import DEMO_OFFICES, generate
    used = {c["office"] for c in generate("chongqing", count=40)}
    codes = [o["code"] for o in load_profile("chongqing").data["offices"]]
    assert used == set(codes[:DEMO_OFFICES]) and len(codes) > DEMO_OFFICES


def test_only_shanxi_lets_the_system_pass_a_stage_and_a_stage_without_the_key_does_not():
    """山西 seed 004 step 5 (系统审核通过或招办全部审批通过后才可进行支付): its county review only; the other three
    say false on every review stage, and a stage that leaves the key out is read as false."""
    passed = {p.code: [s["id"] for s in p.stages if s["system_approval"]] for p in all_profiles()}
    assert passed == {"hubei": [], "anhui": [], "chongqing": [], "shanxi": ["county_review"]}
    data = yaml.safe_load(HUBEI)
    data["review"]["stages"][1].pop("system_approval")
    profile = parse_profile(yaml.safe_dump(data, allow_unicode=True), "infra/provinces/hubei.yaml")
    assert profile.stages[1]["system_approval"] is False


def test_only_anhui_has_a_photo_window_of_its_own():
    """安徽 seed 002 (相片上传截止时间早于毕业申请提交时间): the province sets the photo's window; elsewhere the photo
    is uploaded within the application's."""
    assert {p.code: p.data["application"]["photo_window"] for p in all_profiles()} == \
        {"hubei": False, "anhui": True, "chongqing": False, "shanxi": False}


def test_only_shanxi_takes_the_photo_after_submitting():
    """山西 seed 004 step 4 (毕业照片 after 提交); the other three say false."""
    after = {p.code: p.data["application"]["photo_after_submit"] for p in all_profiles()}
    assert after == {"hubei": False, "anhui": False, "chongqing": False, "shanxi": True}
