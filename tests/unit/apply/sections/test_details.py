"""What candidates type into an application, checked against the four real province profiles."""
from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from support.rule_checks import profile, refused

from functions.apply.sections.basic_rules import ETHNICITIES, POLITICAL_STATUSES, check_edits
from functions.apply.sections.resume_rules import check_resume
from functions.apply.sections.rules import (
    check_contact,
    check_self_assessment,
    check_signature,
    check_statement,
    count_chars,
    documents_asked,
    missing_for_submit,
    required_documents,
)
from functions.profiles.vocabulary import EDITABLE_FIELDS

PROVINCES = ("hubei", "anhui", "chongqing", "shanxi")
WITH_RESUME = ("anhui", "chongqing", "shanxi")
TODAY = date(2025, 5, 20)
BORN = date(1995, 3, 15)            # turned 14 in 2009-03
ROOT = Path(__file__).resolve().parents[4]


def edit(code: str, **changes) -> dict:
    return check_edits(profile(code), changes)


def resume(code: str, *entries, today: date = TODAY, born: date = BORN) -> list[dict]:
    rows = [dict(zip(("from", "to", "unit", "role"), e, strict=True)) for e in entries]
    return check_resume(profile(code), rows, today=today, birth_date=born)


SCHOOL = ("2010-09", "2013-08", "武汉市第一中学", "学生")
COLLEGE = ("2013-09", "2016-06", "湖北示例职业技术学院", "学生")
WORK = ("2016-07", "至今", "武汉某科技有限公司", "会计")


# Basic information edits.
@pytest.mark.parametrize("code", PROVINCES)
@pytest.mark.parametrize("field, label", [("name", "姓名"), ("id_number", "身份证号"), ("gender", "性别"),
                                          ("birth_date", "出生日期"), ("exam_no", "准考证号")])
def test_no_identity_field_can_ever_be_edited(code, field, label):
    err = refused(edit, code, **{field: "李四"})
    assert err.field == field and err.message.startswith(f"{label}不能在网上修改") and "考籍更正" in err.message


@pytest.mark.parametrize("code, field, value", [("hubei", "employer", "某公司"), ("anhui", "hukou_type",
                         "城镇"), ("chongqing", "school", "湖北大学"), ("shanxi", "employer", "某公司")])
def test_a_field_outside_editable_fields_is_refused(code, field, value):
    assert field in EDITABLE_FIELDS and field not in profile(code)["application"]["editable_fields"]
    err = refused(edit, code, **{field: value})
    assert err.field == field and err.message.startswith(profile(code)["province"] + "不能在网上修改")


@pytest.mark.parametrize("code", PROVINCES)
@pytest.mark.parametrize("field, label", [("phone", "手机号"), ("address", "通讯地址"), ("postcode", "邮政编码")])
def test_contact_details_are_kept_on_the_contact_page_only(code, field, label):
    """Issue 20 item 5: one contact record; the basic information shows it but keeps no copy of its own."""
    err = refused(edit, code, **{field: "13800138000"})
    assert err.field == field and err.message.startswith(f"{label}请在“填写联系方式”中")


def test_an_unknown_field_is_refused():
    err = refused(edit, "hubei", birthday="1995-03-15")
    assert err.field == "birthday" and "没有这一项" in err.message


@pytest.mark.parametrize("code", PROVINCES)
def test_every_editable_field_of_every_province_takes_a_good_value(code):
    good = {"ethnicity": "回族", "political_status": "群众",
            "hukou_type": "农村", "hukou_place": "湖北省 武汉市", "education": "专科", "education_type": "网络教育",
            "studying": "否", "school": "湖北大学", "employer": "武汉某科技有限公司"}
    allowed = profile(code)["application"]["editable_fields"]
    assert edit(code, **{f: good[f] for f in allowed}) == {f: good[f] for f in allowed}


def test_edits_are_cleaned():
    assert edit("hubei", ethnicity="汉", political_status="党员", hukou_type="非农业", education="大专",
                education_type="普通全日制（统招）", studying=True, hukou_place="  湖北省   武汉市 ") == {
        "ethnicity": "汉族", "political_status": "中共党员", "hukou_type": "城镇", "education": "专科",
        "education_type": "普通全日制(统招)", "studying": "是", "hukou_place": "湖北省 武汉市"}


def test_lists_are_complete():
    assert len(ETHNICITIES) == len(set(ETHNICITIES)) == 56
    assert {"汉族", "壮族", "维吾尔族", "土家族", "基诺族", "高山族"} <= set(ETHNICITIES)
    assert {"群众", "共青团员", "中共党员", "中共预备党员", "无党派人士", "九三学社社员"} <= set(POLITICAL_STATUSES)


@pytest.mark.parametrize("field, value, words", [
    ("ethnicity", "火星族", "56 个民族"),
    ("political_status", "自由党", "政治面貌应为以下之一"),
    ("hukou_type", "城市", "户籍类型应为以下之一：城镇、农村"),
    ("hukou_place", "", "请填写户籍所在地"),
    ("hukou_place", "湖" * 51, "户籍所在地最多 50 字，现有 51 字"),
    ("education", "博士后", "学历应为以下之一"),
    ("education_type", "函授", "学历类型应为以下之一"),
    ("studying", "maybe", "是否在读应为以下之一：是、否"),
    ("school", None, "请填写毕业学校"),
    ("school", 42, "毕业学校应为文字"),
    ("school", "湖北\x07大学", "控制字符"),
])
def test_hubei_field_rules(field, value, words):
    err = refused(edit, "hubei", **{field: value})
    assert err.field == field and words in err.message


@pytest.mark.parametrize("field, value, words", [
    ("employer", "单" * 51, "工作单位最多 50 字，现有 51 字"),
])
def test_anhui_employer_rules(field, value, words):
    err = refused(edit, "anhui", **{field: value})
    assert err.field == field and words in err.message


def test_optional_fields_take_their_longest_and_empty_values():
    assert edit("anhui", employer="单" * 50) == {"employer": "单" * 50}
    assert edit("anhui", employer=None) == {"employer": ""}
    assert check_contact({"phone": "13800138000", "address": "址" * 100})["address"] == "址" * 100


# Contact details.
def test_contact_needs_a_phone_only():
    assert check_contact({"phone": "13800138000"}) == {"phone": "13800138000", "address": "", "postcode": ""}
    assert check_contact({"phone": "13800138000", "address": " 重庆市 渝中区 ", "postcode": "400010"}) == {
        "phone": "13800138000", "address": "重庆市 渝中区", "postcode": "400010"}
    assert refused(check_contact, {"address": "重庆"}).field == "contact.phone"
    assert refused(check_contact, {"phone": "13800138000", "postcode": "4000"}).field == "contact.postcode"
    assert refused(check_contact, None).field == "contact"
    assert check_contact({"phone": "１３８ ００１３-８０００", "postcode": "４３００７１"}) == {
        "phone": "13800138000", "address": "", "postcode": "430071"}
    assert refused(check_contact, {"phone": "12345678901"}).message.startswith("手机号应为 11 位")
    assert "通讯地址最多 100 字，现有 101 字" in refused(check_contact, {"phone": "13800138000",
                                                                 "address": "址" * 101}).message


# Resume.
@pytest.mark.parametrize("code", WITH_RESUME)
def test_a_continuous_resume_up_to_now_is_accepted(code):
    assert resume(code, SCHOOL, COLLEGE, WORK) == [
        {"from": "2010-09", "to": "2013-08", "unit": "武汉市第一中学", "role": "学生"},
        {"from": "2013-09", "to": "2016-06", "unit": "湖北示例职业技术学院", "role": "学生"},
        {"from": "2016-07", "to": "至今", "unit": "武汉某科技有限公司", "role": "会计"}]


def test_continuous_means_the_same_month_or_the_next():
    handover = ("2016-06", "至今", "武汉某科技有限公司", "会计")
    assert resume("chongqing", COLLEGE, handover)[1]["from"] == "2016-06"
    next_month = ("2016-07", "至今", "武汉某科技有限公司", "会计")
    assert resume("chongqing", COLLEGE, next_month)[1]["from"] == "2016-07"


@pytest.mark.parametrize("code", WITH_RESUME)
def test_a_gap_is_refused(code):
    err = refused(resume, code, COLLEGE, ("2016-08", "至今", "武汉某科技有限公司", "会计"))
    assert err.field == "resume[1].from"
    assert err.message == ("第 2 条简历从 2016-08 开始，与第 1 条（至 2016-06）之间有断档："
                           "应从 2016-06 或 2016-07 开始；没有工作的时间可填“待业”")


def test_an_overlap_is_refused():
    err = refused(resume, "anhui", COLLEGE, ("2016-05", "至今", "武汉某科技有限公司", "会计"))
    assert err.field == "resume[1].from" and "时间重叠" in err.message and "应从 2016-06 或 2016-07 开始" in err.message


def test_entries_out_of_order_are_refused():
    err = refused(resume, "anhui", COLLEGE, SCHOOL, WORK)
    assert err.field == "resume[1].from" and "按时间先后" in err.message


def test_gaps_count_only_where_the_profile_wants_continuity():
    data = profile("anhui")
    relaxed = {**data, "application": {**data["application"], "resume": {"max_entries": 5, "continuous": False}}}
    rows = [dict(zip(("from", "to", "unit", "role"), e, strict=True))
            for e in (COLLEGE, ("2017-01", "至今", "某公司", "职员"))]
    assert check_resume(relaxed, rows, today=TODAY, birth_date=BORN)[1]["from"] == "2017-01"


def test_only_the_last_entry_may_say_now():
    err = refused(resume, "chongqing", ("2013-09", "至今", "湖北示例职业技术学院", "学生"), WORK)
    assert err.field == "resume[0].to" and "只有最后一条" in err.message


def test_the_last_entry_reaches_this_month():
    assert resume("shanxi", COLLEGE, ("2016-07", "2025-05", "某公司", "职员"))[1]["to"] == "2025-05"
    err = refused(resume, "shanxi", COLLEGE, ("2016-07", "2025-04", "某公司", "职员"))
    assert err.field == "resume[1].to" and "简历应写到现在：最后一条结束于 2025-04" in err.message


def test_months_after_this_one_are_refused():
    err = refused(resume, "shanxi", COLLEGE, ("2016-07", "2025-06", "某公司", "职员"))
    assert err.field == "resume[1].to" and "晚于本月 2025-05" in err.message


def test_unemployment_is_an_entry_and_needs_no_role():
    rows = resume("anhui", COLLEGE, ("2016-07", "2018-12", "待业", ""), ("2019-01", "至今", "自由职业", None))
    assert [r["unit"] for r in rows] == ["湖北示例职业技术学院", "待业", "自由职业"] and rows[1]["role"] == ""
    err = refused(resume, "anhui", COLLEGE, ("2016-07", "至今", "某公司", ""))
    assert err.field == "resume[1].role" and err.message == "请填写第 2 条简历的职务或身份"


@pytest.mark.parametrize("code", WITH_RESUME)
def test_at_most_max_entries(code):
    limit = profile(code)["application"]["resume"]["max_entries"]
    assert limit == 5
    months = [(f"{2010 + i}-09", f"{2011 + i}-08", f"单位{i + 1}", "职员") for i in range(limit - 1)]
    assert len(resume(code, *months, (f"{2010 + limit - 1}-09", "至今", "末单位", "职员"))) == limit
    months.append((f"{2010 + limit - 1}-09", f"{2011 + limit - 1}-08", "多出", "职员"))
    err = refused(resume, code, *months, (f"{2010 + limit}-09", "至今", "末单位", "职员"))
    assert err.field == "resume" and err.message == "简历最多填写 5 条，现有 6 条：请合并相近的经历"


def test_the_first_entry_starts_at_fourteen():
    assert resume("chongqing", ("2009-03", "2013-08", "中学", "学生"), COLLEGE, WORK)[0]["from"] == "2009-03"
    err = refused(resume, "chongqing", ("2009-02", "2013-08", "中学", "学生"), COLLEGE, WORK)
    assert err.field == "resume[0].from" and "早于您年满 14 周岁的 2009-03" in err.message


@pytest.mark.parametrize("entry, field, words", [
    (("2016-13", "至今", "某公司", "职员"), "resume[1].from", "应为“年-月”，如 2019-06"),
    (("201607", "至今", "某公司", "职员"), "resume[1].from", "第 2 条简历的开始年月应为“年-月”"),
    (("2016-07", None, "某公司", "职员"), "resume[1].to", "第 2 条简历的结束年月应为“年-月”"),
    (("2016-07", "至今", "", "职员"), "resume[1].unit", "请填写第 2 条简历的单位或学校"),
    (("2016-07", "至今", "单" * 51, "职员"), "resume[1].unit", "最多 50 字"),
    (("2016-07", "至今", "某公司", "职" * 21), "resume[1].role", "第 2 条简历的职务或身份最多 20 字"),
])
def test_entry_field_rules(entry, field, words):
    err = refused(resume, "chongqing", COLLEGE, entry)
    assert err.field == field and words in err.message


def test_an_entry_ending_before_it_starts_is_refused():
    err = refused(resume, "chongqing", ("2013-09", "2013-06", "学校", "学生"), WORK)
    assert err.field == "resume[0].to" and "早于开始年月 2013-09" in err.message


def test_a_resume_is_refused_where_the_profile_has_none_and_must_not_be_empty():
    assert refused(resume, "hubei", WORK).message == "湖北的毕业申请不填写简历"
    assert refused(check_resume, profile("anhui"), [], today=TODAY, birth_date=BORN).field == "resume"
    assert refused(check_resume, profile("anhui"), ["2016-07"], today=TODAY, birth_date=BORN).field == "resume[0]"


# Self-assessment and 情况说明.
@pytest.mark.parametrize("n, ok", [(299, False), (300, True), (500, True), (501, False)])
def test_chongqing_self_assessment_is_300_to_500_characters(n, ok):
    text = "我" * n
    if ok:
        assert check_self_assessment(profile("chongqing"), text) == text
    else:
        err = refused(check_self_assessment, profile("chongqing"), text)
        assert err.field == "self_assessment" and f"自我鉴定应为 300–500 字，现有 {n} 字" in err.message


def test_how_characters_are_counted():
    assert count_chars("我爱 Python3，OK!\n\u3000\u3000好") == 14   # 汉字、字母、数字、标点 1 each; spaces none
    padded = "\u3000\u3000" + "我" * 150 + " \t " + "你" * 149 + "\n\n"
    err = refused(check_self_assessment, profile("chongqing"), padded)
    assert "现有 299 字" in err.message


def test_self_assessment_whitespace_is_normalised():
    body = "我" * 150
    text = f"\u3000\u3000{body}  \r\n\r\n   {body}\t\tend \n"
    assert check_self_assessment(profile("chongqing"), text) == f"{body}\n{body} end"
    assert check_self_assessment(profile("chongqing"), "\ufeff" + "我\u200b" * 300) == "我" * 300


def test_self_assessment_refuses_control_characters():
    err = refused(check_self_assessment, profile("chongqing"), "我" * 300 + "\x1b[0m")
    assert err.field == "self_assessment" and "控制字符" in err.message


def test_self_assessment_bounds_of_the_other_provinces():
    assert check_self_assessment(profile("anhui"), "") == ""
    assert check_self_assessment(profile("shanxi"), "好" * 1000) == "好" * 1000
    assert "最多 1000 字，现有 1001 字" in refused(check_self_assessment, profile("shanxi"), "好" * 1001).message
    assert refused(check_self_assessment, profile("chongqing"), "  ").message == "请填写自我鉴定（300–500 字）"
    assert refused(check_self_assessment, profile("hubei"), "好").message == "湖北的毕业申请不填写自我鉴定"


def test_statement_is_optional_and_at_most_500_characters():
    assert check_statement(None) == "" and check_statement("说" * 500) == "说" * 500
    err = refused(check_statement, "说" * 501)
    assert err.field == "statement" and err.message == "情况说明最多 500 字，现有 501 字"


def test_signature_flag_only_where_the_profile_signs():
    assert check_signature(profile("chongqing"), True) is True
    assert refused(check_signature, profile("chongqing"), "yes").field == "signature"
    for code in ("hubei", "anhui", "shanxi"):
        expected = f"{profile(code)['province']}的毕业申请不需要电子签名"
        assert refused(check_signature, profile(code), True).message == expected


# What still stops a submission.
def fields(code: str, application: dict, **kwargs) -> list[str]:
    return [m["field"] for m in missing_for_submit(profile(code), application, **kwargs)]


EMPTY_MISSING = {
    "hubei": ["contact"],
    "anhui": ["contact", "resume", "photo"],
    "chongqing": ["contact", "resume", "self_assessment", "signature", "uploads.id_front", "uploads.id_back"],
    "shanxi": ["contact", "resume"],          # its photo comes after submitting (photo_after_submit)
}


@pytest.mark.parametrize("code", PROVINCES)
def test_an_empty_application_lists_what_each_province_needs(code):
    assert fields(code, {"level": "专科"}) == EMPTY_MISSING[code]
    with_prior = fields(code, {"level": "本科"})
    assert "prior_education" in with_prior and len(with_prior) == len(EMPTY_MISSING[code]) + 1


def complete(code: str, level: str = "专科") -> dict:
    data = profile(code)
    application = {"level": level, "contact": {"phone": "13800138000"}, "uploads": {}}
    if data["application"]["resume"]:
        application["resume"] = [dict(zip(("from", "to", "unit", "role"), e, strict=True)) for e in (COLLEGE, WORK)]
    if data["application"]["self_assessment"]:
        application["self_assessment"] = "好" * max(300, data["application"]["self_assessment"]["min_chars"])
    if data["application"]["signature"]:
        application["signature"] = True
    if data["photo"] is not None:
        application["uploads"]["photo"] = {"status": "approved"}
    for kind in required_documents(data, application):
        application["uploads"][kind] = "ok"
    if level in ("本科", "专升本"):
        application["prior_education"] = {"method": data["application"]["prior_education"]["method"],
                                          "status": "verified", "message": "前置学历已通过学信网核验"}
    return application


@pytest.mark.parametrize("code", PROVINCES)
@pytest.mark.parametrize("level", ["专科", "本科", "专升本"])
def test_a_complete_application_misses_nothing(code, level):
    assert missing_for_submit(profile(code), complete(code, level), today=TODAY, birth_date=BORN) == []


def test_a_saved_resume_that_no_longer_reaches_today_is_listed():
    application = complete("chongqing")
    application["resume"][-1]["to"] = "2025-05"
    assert fields("chongqing", application, today=TODAY, birth_date=BORN) == []
    assert fields("chongqing", application, today=date(2025, 7, 1), birth_date=BORN) == ["resume[1].to"]


@pytest.mark.parametrize("status, expected", [
    ("pending_review", [{"field": "photo", "message": "照片正在等待审核，审核通过后才能提交"}]),
    ("rejected", [{"field": "photo", "message": "请上传符合要求的毕业证书照片"}]),
    (None, [{"field": "photo", "message": "请上传符合要求的毕业证书照片"}]),
    ("ok", []), ("approved", [])])
def test_a_photo_awaiting_review_or_rejected_is_listed(status, expected):
    application = complete("anhui")
    application["uploads"]["photo"] = status
    assert missing_for_submit(profile("anhui"), application) == expected


def test_signature_may_be_the_uploaded_image():
    application = complete("chongqing")
    del application["signature"]
    assert fields("chongqing", application) == ["signature"]
    application["uploads"]["signature"] = "ok"
    assert fields("chongqing", application) == []


def test_conditional_documents():
    nursing = {**complete("anhui", "本科"), "major_name": "护理学"}
    assert fields("anhui", nursing) == ["uploads.appraisal"]
    assert fields("anhui", {**nursing, "level": "专科", "prior_education": None}) == []
    old_plan = {**complete("shanxi"), "old_plan_courses": True}
    assert fields("shanxi", old_plan) == ["uploads.old_course_cards"]
    assert required_documents(profile("shanxi"), {}) == []   # id_front, id_holding: the sign-up identity check
    assert required_documents(profile("hubei"), {"old_plan_courses": True, "major_name": "护理学"}) == []


@pytest.mark.parametrize("code, words", [("hubei", "前置学历管理"), ("anhui", "学信网"), ("chongqing", "学信网"),
                                         ("shanxi", "证书编号")])
def test_a_bachelor_without_prior_education_is_told_how_to_get_it(code, words):
    application = {**complete(code, "本科"), "prior_education": None}
    [missing] = missing_for_submit(profile(code), application)
    assert missing["field"] == "prior_education" and words in missing["message"]


def test_prior_education_states_for_submission():
    application = complete("chongqing", "本科")
    application["prior_education"] = {"method": "xuexin", "status": "not_found",
                                      "message": "学信网未查到您的前置学历：…"}
    assert missing_for_submit(profile("chongqing"), application) == [
        {"field": "prior_education", "message": "学信网未查到您的前置学历：…"}]
    application["prior_education"] = {"method": "xuexin", "status": "manual_pending", "message": "等待核查",
                                      "documents": ["diploma", "filing_form"]}
    application["uploads"].update(diploma="ok", filing_form="ok")
    assert missing_for_submit(profile("chongqing"), application) == []
    application["uploads"]["filing_form"] = "rejected"
    [missing] = missing_for_submit(profile("chongqing"), application)
    assert missing["message"] == "前置学历人工核查材料缺少教育部学历证书电子注册备案表，请重新上传"


def test_the_module_reads_no_clock_environment_or_aws():
    forbidden = {"boto3", "botocore", "fastapi", "mangum", "time", "os", "random"}
    for name in ("sections/rules.py", "sections/prior_rules.py", "sections/basic_rules.py",
                 "sections/resume_rules.py", "sections/text_rules.py"):
        for node in ast.walk(ast.parse((ROOT / "functions" / "apply" / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & forbidden, name
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module.split(".")[0] not in forbidden, name
            elif isinstance(node, ast.Attribute):
                assert node.attr not in {"now", "today", "utcnow", "getenv", "environ"}, f"{name}: .{node.attr}"


def test_documents_asked_follow_the_prior_education_path():
    """One rule (issue 19 item 13): 毕业证书 and 备案表 only on the manual 前置学历 path, the statement of a changed
    name or ID number only when the candidate said the diploma shows another one, 其他材料 optional."""
    def asked(code: str, application: dict) -> dict[str, bool]:
        return {d["kind"]: d["required"] for d in documents_asked(profile(code), application)}
    everyone = {"id_front": True, "id_back": True, "signature": True, "other": False}
    assert asked("chongqing", {"level": "专科"}) == everyone
    verified = {"method": "xuexin", "status": "verified", "message": ""}
    assert asked("chongqing", {"level": "本科", "prior_education": verified}) == everyone
    failed = {**verified, "status": "not_found"}
    assert asked("chongqing", {"level": "本科", "prior_education": failed}) == {
        **everyone, "diploma": True, "filing_form": True}
    changed = {**failed, "status": "manual_pending", "identity_changed": True}
    assert asked("chongqing", {"level": "本科", "prior_education": changed})["identity_change"] is True
    assert asked("chongqing", {"level": "专科", "prior_education": failed}) == everyone
    assert asked("hubei", {"level": "本科"}) == {"diploma": True, "filing_form": True}    # filed by hand at once
    assert asked("hubei", {"level": "专科"}) == {}
