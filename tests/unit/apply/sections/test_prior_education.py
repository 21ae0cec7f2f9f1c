"""Prior education (前置学历): the 学信网 sandbox, the verdicts, the manual path, with the four real profiles."""
from __future__ import annotations

import json
from datetime import date

import pytest
from support.rule_checks import profile, refused

from functions.apply.sections.prior_rules import (
    BELOW_LEVEL,
    MANUAL_PENDING,
    MISMATCH,
    NOT_FOUND,
    TOO_LATE,
    UNAVAILABLE,
    VERIFIED,
    PriorEducation,
    Verification,
    certificate_problem,
    check_certificate_no,
    submit_manual,
    submit_problem,
    verify,
)
from functions.apply.sections.xuexin import SANDBOX_TABLE, SandboxXuexin
from functions.common.ids import id_number_problem

CUTOFF = date(2025, 6, 30)          # 安徽: 上半年不得晚于当年 6 月 30 日（含）
LI = {"name": "李明", "id_number": "420106199503150012"}         # 专科 2017, certificate 123451201706000101
WANG = {"name": "王芳", "id_number": "34010419980808202X"}       # 专科 graduated 2025-06-30
LIU = {"name": "刘洋", "id_number": "140105199607120033"}        # 自考专科, certificate 123486202006000404
ZHOU = {"name": "周敏", "id_number": "500106199901010058"}       # certificate on record ends in 0000: outage
RENAMED = {"name": "张炜", "id_number": "420111199211300067"}    # on record as 张伟
NOBODY = {"name": "赵六", "id_number": "500103199702210030"}
CLAIM = {"school": "重庆示例职业技术学院", "certificate_no": "123491202106000123", "graduated_on": "2021-06-30"}


def check(code: str, person: dict, certificate_no: str | None = None, cutoff: date = CUTOFF) -> PriorEducation:
    return verify(profile(code), SandboxXuexin(), **person, certificate_no=certificate_no, cutoff=cutoff)


# The sandbox table and its rules.
def test_the_sandbox_table_is_well_formed():
    records = json.loads(SANDBOX_TABLE.read_text(encoding="utf-8"))["records"]
    assert len(records) >= 5
    for record in records:
        assert id_number_problem(record["id_number"]) is None, record
        assert certificate_problem(record["certificate_no"]) is None, record
        assert record["certificate_no"][6:10] == record["graduated_on"][:4]


@pytest.mark.parametrize("person, number, status", [
    (LI, None, VERIFIED), (LI, "123451201706000101", VERIFIED),
    ({**LI, "id_number": LI["id_number"].lower()}, None, VERIFIED),
    (NOBODY, None, NOT_FOUND), (NOBODY, "123451201706000199", NOT_FOUND),
    (LI, "123451201706000199", MISMATCH),       # a number the table does not know, for a person it does
    (LI, "123471201905000303", MISMATCH),       # someone else's certificate
    (RENAMED, None, MISMATCH),                  # 姓名变更: the record has the old name
    (LI, "123451201706000000", UNAVAILABLE),    # any number asked about ending in 0000
    (ZHOU, None, UNAVAILABLE),                  # the record's own number ends in 0000
])
def test_sandbox_answers(person, number, status):
    assert SandboxXuexin().verify(person["name"], person["id_number"], number).status == status


def test_a_verified_answer_carries_the_diploma_and_the_others_nothing():
    assert SandboxXuexin().verify("李明", LI["id_number"], None) == Verification(
        VERIFIED, "湖北示例职业技术学院", "专科", date(2017, 6, 30), "123451201706000101")
    assert SandboxXuexin().verify("张炜", RENAMED["id_number"], None) == Verification(MISMATCH)


def test_the_latest_diploma_answers_without_a_number():
    sandbox = SandboxXuexin([
        {**LI, "school": "甲校", "level": "专科", "graduated_on": "2017-06-30",
         "certificate_no": "123451201706000101"},
        {**LI, "school": "乙校", "level": "本科", "graduated_on": "2020-06-30",
         "certificate_no": "123451202005000102"}])
    assert sandbox.verify("李明", LI["id_number"], None).school == "乙校"
    assert sandbox.verify("李明", LI["id_number"], "123451201706000101").school == "甲校"


# Verdicts per profile.
@pytest.mark.parametrize("code", ["anhui", "chongqing"])
def test_xuexin_provinces_verify_by_name_and_id_number(code):
    found = check(code, LI)
    assert (found.method, found.status, found.school, found.level, found.graduated_on, found.certificate_no) == (
        "xuexin", VERIFIED, "湖北示例职业技术学院", "专科", date(2017, 6, 30), "123451201706000101")
    assert found.message == "前置学历已通过学信网核验"


@pytest.mark.parametrize("person, status, words", [
    (NOBODY, NOT_FOUND, "学信网未查到您的前置学历"), (RENAMED, MISMATCH, "不一致"),
    (ZHOU, UNAVAILABLE, "暂时无法核验")])
def test_a_failed_check_points_to_the_manual_path(person, status, words):
    found = check("chongqing", person)
    assert found.status == status and words in found.message and "由工作人员人工核查" in found.message
    assert submit_problem(profile("chongqing"), found, {}) == found.message


def test_the_graduation_date_may_be_the_cutoff_but_not_later():
    assert check("anhui", WANG, cutoff=date(2025, 6, 30)).status == VERIFIED
    late = check("anhui", WANG, cutoff=date(2025, 6, 29))
    assert late.status == TOO_LATE and late.school == "安徽示例职业学院"
    assert late.message == ("前置学历毕业时间 2025-06-30 晚于本次毕业申请要求的 2025-06-29（以证书落款日期为准），"
                            "本次不能申请本科毕业")


def test_a_level_below_zhuanke_does_not_qualify():
    class Stub:
        def verify(self, name, id_number, certificate_no):
            return Verification(VERIFIED, "某中专学校", "中专", date(2015, 6, 30), None)

    found = verify(profile("anhui"), Stub(), **LI, cutoff=CUTOFF)
    assert found.status == BELOW_LEVEL and "专科或以上" in found.message


def test_shanxi_needs_the_certificate_number():
    assert check("shanxi", LIU, "123486202006000404").status == VERIFIED
    assert check("shanxi", LIU, " 1234 8620 2006 0004 04 ").status == VERIFIED      # spaces typed in are dropped
    assert check("shanxi", LIU, "１２３４８６２０２００６０００４０４").status == VERIFIED  # full-width digits
    err = refused(check, "shanxi", LIU)
    assert err.field == "prior_education.certificate_no" and "请填写" in err.message
    assert check("shanxi", LIU, "123486202006000405").status == MISMATCH


def test_hubei_files_instead_of_verifying():
    err = refused(check, "hubei", LI)
    assert err.field == "prior_education" and "前置学历管理" in err.message


# Certificate numbers.
@pytest.mark.parametrize("number, words", [
    ("12345120170600010", "应为 18 位数字"), ("1234512017060001011", "现为 19 位"), ("12345120170600010X", "18 位数字"),
    ("123452201706000101", "第 6 位是办学类型，应为 1、5、6 或 7，现为 2"),
    ("123451199906000101", "第 7–10 位是毕业年份，现为 1999"),
    ("123451201703000101", "第 11–12 位是培养层次，应为 01、02、04、05 或 06，现为 03"),
])
def test_certificate_numbers_of_the_wrong_shape_say_what_the_shape_is(number, words):
    err = refused(check_certificate_no, number)
    assert err.field == "prior_education.certificate_no" and words in err.message
    assert "学校代码 5 位 + 办学类型 1 位 + 毕业年份 4 位 + 培养层次 2 位 + 顺序号 6 位" in err.message


def test_good_certificate_numbers():
    for number in ("104861201905001234", "123456202006000404", "104875201006700001", "100017202302000001"):
        assert certificate_problem(number) is None


# The manual path.
def manual(code: str, claim: dict | None = None, uploads: dict | None = None, previous=None, cutoff=CUTOFF):
    docs = profile(code)["application"]["prior_education"]["fallback_documents"]
    return submit_manual(profile(code), CLAIM if claim is None else claim,
                         uploads={k: "ok" for k in docs} if uploads is None else uploads, cutoff=cutoff,
                         previous=previous)


@pytest.mark.parametrize("code, failed", [("anhui", NOT_FOUND), ("chongqing", UNAVAILABLE), ("shanxi", MISMATCH)])
def test_after_a_failed_check_the_manual_path_makes_it_pending(code, failed):
    record = manual(code, previous={"method": "x", "status": failed, "message": "…"})
    assert (record.status, record.school, record.level, record.graduated_on, record.certificate_no) == (
        MANUAL_PENDING, "重庆示例职业技术学院", "专科", date(2021, 6, 30), "123491202106000123")
    assert record.documents == tuple(profile(code)["application"]["prior_education"]["fallback_documents"])
    assert submit_problem(profile(code), record.as_dict(), {k: "ok" for k in record.documents}) is None


def test_hubei_files_straight_to_pending():
    record = manual("hubei")
    assert record.method == "filing" and record.status == MANUAL_PENDING
    assert record.documents == ("diploma", "filing_form")


@pytest.mark.parametrize("previous", [None, {"method": "xuexin", "status": VERIFIED, "message": "…"},
                                      {"method": "xuexin", "status": TOO_LATE, "message": "…"}])
def test_the_manual_path_is_closed_before_a_failed_check(previous):
    err = refused(manual, "chongqing", previous=previous)
    assert err.field == "prior_education" and "请先完成学信网前置学历核验" in err.message


@pytest.mark.parametrize("code, kind, name", [("chongqing", "diploma", "前置学历毕业证书"),
                                              ("chongqing", "filing_form", "教育部学历证书电子注册备案表"),
                                              ("anhui", "filing_form", "教育部学历证书电子注册备案表"),
                                              ("shanxi", "diploma", "前置学历毕业证书"),
                                              ("hubei", "filing_form", "教育部学历证书电子注册备案表")])
def test_every_fallback_document_is_needed(code, kind, name):
    docs = profile(code)["application"]["prior_education"]["fallback_documents"]
    for uploads in ({k: "ok" for k in docs if k != kind}, {**{k: "ok" for k in docs}, kind: "rejected"}):
        err = refused(manual, code, uploads=uploads, previous={"method": "x", "status": NOT_FOUND, "message": ""})
        assert err.field == f"prior_education.{kind}" and err.message == f"请上传{name}：前置学历人工核查需要它"


@pytest.mark.parametrize("change, field, words", [
    ({"school": " "}, "school", "请填写前置学历的毕业学校"),
    ({"school": "校" * 51}, "school", "不超过 50 字"),
    ({"certificate_no": "12349120210600012"}, "certificate_no", "应为 18 位数字"),
    ({"certificate_no": None}, "certificate_no", "请填写"),
    ({"graduated_on": "2021/06/30"}, "graduated_on", "应为“年-月-日”"),
    ({"graduated_on": None}, "graduated_on", "请填写前置学历毕业时间"),
    ({"graduated_on": "1949-06-30"}, "graduated_on", "不合理"),
    ({"graduated_on": "2025-07-01"}, "graduated_on", "晚于本次毕业申请要求的 2025-06-30"),
])
def test_manual_claim_rules(change, field, words):
    err = refused(manual, "hubei", {**CLAIM, **change})
    assert err.field == f"prior_education.{field}" and words in err.message


def test_the_graduation_date_may_be_the_cutoff_itself_and_a_date_object():
    record = manual("hubei", {**CLAIM, "graduated_on": date(2025, 6, 30)})
    assert record.graduated_on == CUTOFF
    assert manual("hubei", {**CLAIM, "certificate_no": "123491202105000123"}).level == "本科"


def test_the_record_round_trips_through_storage():
    record = manual("hubei")
    stored = json.loads(json.dumps(record.as_dict(), ensure_ascii=False))
    assert stored["graduated_on"] == "2021-06-30" and stored["documents"] == ["diploma", "filing_form"]
    assert PriorEducation.from_dict(stored) == record


@pytest.mark.parametrize("code", ["hubei", "anhui", "chongqing", "shanxi"])
def test_submission_waits_for_prior_education(code):
    assert "专科或以上学历" in submit_problem(profile(code), None, {})
    assert submit_problem(profile(code), {"method": "x", "status": VERIFIED, "message": ""}, {}) is None


@pytest.mark.parametrize("typed, kept", [("ab12 cd34 ef56 gh78", "AB12CD34EF56GH78"),
                                         ("ＡＢ１２ＣＤ３４ＥＦ５６", "AB12CD34EF56"), ("", None), (None, None)])
def test_the_online_code_of_the_filing_form_is_kept_for_staff_to_open_on_xuexin(typed, kept):
    record = manual("hubei", {**CLAIM, "online_code": typed})
    assert record.online_code == kept and record.status == MANUAL_PENDING
    assert ("学信网核对" in record.message) == bool(kept)
    assert PriorEducation.from_dict(json.loads(json.dumps(record.as_dict(), ensure_ascii=False))) == record


@pytest.mark.parametrize("typed", ["ABC123", "AB12CD34EF56GH78IJ", "AB12CD34EF5*", 123456789012])
def test_a_malformed_online_code_is_refused_naming_the_field(typed):
    err = refused(manual, "hubei", {**CLAIM, "online_code": typed})
    assert err.field == "prior_education.online_code" and "12–16 位字母和数字" in err.message
