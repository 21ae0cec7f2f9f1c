"""Staff review's judgements and answers, pure, with the real province profiles: who sees what and which key ranges
a list reads, what a member of staff may do, what bulk approval skips, what a window may be, the CSV and counts."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from functions.apply.review import answers, rules
from functions.common.errors import BadInput, Forbidden, NotFound
from functions.common.session import Identity
from functions.profiles.loader import load_profile

HUBEI, SHANXI = load_profile("hubei"), load_profile("shanxi")
BATCH = "HUBEI-2026H2"


def staff(role: str, offices=(), universities=()) -> Identity:
    return Identity(f"s-{role}", "staff", "审核员", role=role, offices=tuple(offices), universities=tuple(universities))


def application(office="420100", hosts=("甲大学",), **lifecycle) -> dict:
    return {"exam_no": "420121000001", "batch_id": BATCH, "office": office, "name": "韩辉", "plan_id": "P",
            "host_universities": list(hosts), "version": 3, "updated_at": "2026-11-02T01:00:00Z",
            "lifecycle": {"status": "in_review", "stage": "city_review", "since": 1793581200, **lifecycle}}


def test_another_jurisdictions_application_is_answered_as_none_at_all():
    city = staff("city", ["420100"])
    assert rules.visible(city, application()) == application()
    for other in (application(office="420200"), None):
        with pytest.raises(NotFound) as refused:
            rules.visible(city, other)
        assert refused.value.message == rules.NO_APPLICATION
    assert rules.sees(staff("university", universities=["甲大学"]), application(office="420200"))
    assert not rules.sees(staff("university", universities=["乙大学"]), application())
    assert rules.sees(staff("province"), application(office="429999"))


def test_a_list_reads_only_my_ranges_and_keeps_only_what_i_may_see():
    city = staff("city", ["420100", "420500"])
    ranges, keep = rules.list_ranges(city, BATCH, ["approved"], None, None)
    assert ranges == [(f"REVIEW#{BATCH}#approved", "420100#"), (f"REVIEW#{BATCH}#approved", "420500#")]
    assert rules.list_ranges(city, BATCH, ["approved"], "420200", None)[0] == []     # not mine: reads nothing
    assert keep(application(), 0) and not keep(application(office="420200"), 0)     # a stray row is dropped
    province_ranges, _ = rules.list_ranges(staff("province"), BATCH, ["draft", "approved"], None, None)
    assert province_ranges == [(f"REVIEW#{BATCH}#draft", ""), (f"REVIEW#{BATCH}#approved", "")]
    assert rules.list_ranges(staff("admin"), BATCH, ["draft"], "420100", None)[0] == [(f"REVIEW#{BATCH}#draft",
                                                                                       "420100#")]


def test_an_application_naming_two_of_my_universities_is_kept_in_the_first_ones_range_only():
    two = staff("university", universities=["甲大学", "乙大学"])
    ranges, keep = rules.list_ranges(two, BATCH, ["approved"], None, None)
    assert [partition for partition, _ in ranges] == [f"HOSTREVIEW#{BATCH}#approved#甲大学",
                                                      f"HOSTREVIEW#{BATCH}#approved#乙大学"]
    both = application(hosts=("甲大学", "乙大学"))
    assert keep(both, 0) and not keep(both, 1)
    assert keep(application(hosts=("乙大学",)), 1)


def test_a_search_is_an_exact_exam_number_id_number_or_name():
    assert rules.search_kind("420121000001") == "exam_no"
    assert rules.search_kind("42010019920425747X") == "id_number"
    assert rules.search_kind("欧阳·娜娜") == "name"
    with pytest.raises(BadInput) as refused:
        rules.search_kind("abc123")
    assert refused.value.field == "q" and "姓名" in refused.value.message
    ranges, keep = rules.name_ranges(staff("county", ["140105"]), BATCH, "韩辉")
    assert ranges == [(f"APPNAME#{BATCH}#韩辉", "140105#")] and not keep(application(), 0)


def test_awaiting_onsite_alone_is_the_first_stages_queue_and_a_clean_filter_leaves_drafts_out():
    wanted = rules.filters(HUBEI, stage=None, status=None, office=None, host=None, plan_id=None, verdict=None,
                           clean=True, onsite="awaiting")
    assert wanted.stage == "city_review" and wanted.onsite is False
    assert rules.list_states(HUBEI.data, rules.Filters(clean=True)) == [
        "in_review:city_review", "in_review:university_review", "in_review:province_review", "approved", "rejected"]
    with pytest.raises(BadInput) as refused:
        rules.known_stage(HUBEI, "county_review")
    assert "city_review（市(州)自考办审核）" in refused.value.message


def test_the_first_stages_office_confirms_onsite_before_it_decides():
    city = staff("city", ["420100"])
    assert rules.actions(city, application(), HUBEI) == [{"action": "onsite"}]
    confirmed = application(onsite_confirmed=True)
    assert rules.actions(city, confirmed, HUBEI) == [{"action": "approve", "stage": "city_review"},
                                                      {"action": "reject", "stage": "city_review"}]
    assert rules.actions(staff("province"), confirmed, HUBEI) == []                  # not the stage's office
    assert rules.actions(city, application(stage="dropped_stage"), HUBEI) == []
    form = application(stage="registration_form")
    assert rules.actions(staff("county", ["140105"]), form, SHANXI) == [
        {"action": "form_received", "stage": "registration_form"}, {"action": "reject", "stage": "registration_form"}]


def test_bulk_approval_acts_at_my_review_stage_and_says_why_it_skips():
    with pytest.raises(BadInput):
        rules.bulk_stage(SHANXI, staff("county", ["140105"]), "fee")
    with pytest.raises(Forbidden) as refused:
        rules.bulk_stage(HUBEI, staff("university", universities=["甲大学"]), "city_review")
    assert "市级教育考试机构" in refused.value.message
    stage = rules.bulk_stage(HUBEI, staff("city", ["420100"]), "city_review")
    elsewhere = rules.not_at_stage(application(stage="university_review"), stage, HUBEI.data)
    assert elsewhere["code"] == "NOT_AT_STAGE" and "待主考院校审核" in elsewhere["message"]
    assert rules.not_at_stage(application(), stage, HUBEI.data) is None
    findings = [{"code": "TRANSFER_REJECTED", "message": "转考未通过"}]
    assert rules.not_clean(findings, None, HUBEI.data)["findings"] == ["TRANSFER_REJECTED"]
    assert rules.not_clean([], None, HUBEI.data) is None                      # 湖北 reviews no photos
    assert rules.not_clean([], {"status": "pending_review"}, SHANXI.data)["code"] == "PHOTO_NOT_APPROVED"
    assert rules.not_clean([], {"status": "approved"}, SHANXI.data, "verified") is None
    pending = rules.not_clean([], {"status": "approved"}, SHANXI.data, "manual_pending")    # identity not checked
    assert pending["code"] == "PHOTO_NOT_APPROVED" and "身份认证尚未通过" in pending["message"]


def test_a_window_is_beijing_time_ends_after_it_opens_and_names_a_type_the_province_has():
    window = rules.window(HUBEI.data, "*", datetime(2026, 11, 1), datetime(2027, 1, 15, 17))
    assert window == {"opens": "2026-11-01T00:00+08:00", "closes": "2027-01-15T17:00+08:00"}
    with pytest.raises(BadInput) as backwards:
        rules.window(HUBEI.data, "*", datetime(2026, 3, 1), datetime(2026, 2, 1))
    assert backwards.value.field == "closes"
    with pytest.raises(BadInput) as unknown:
        rules.window(HUBEI.data, "火星考生", datetime(2026, 1, 1), datetime(2026, 2, 1))
    assert unknown.value.field == "candidate_type" and "社会系统类考生" in unknown.value.message
    with pytest.raises(BadInput):
        rules.dates(date(2026, 12, 30), date(2027, 1, 1))
    with pytest.raises(Forbidden):
        rules.province_only(staff("city", ["420100"]), HUBEI.data)


def test_the_graduates_csv_has_a_bom_the_columns_and_compact_dates():
    person = {"id_number": "110101199001011237", "gender": "女", "ethnicity": "汉族"}    # an old edit: not used
    record = {"registered_on": "2020-09-01", "id_number": "420100199204257479", "gender": "男", "name": "张三"}
    line = answers.graduate_row(application(), person, record,
                                {"major_code": "080901", "major_name": "计算机", "level": "本科"},
                                {"graduation_date": "2026-12-30"}, {"name": "武汉市"})
    text = answers.csv_text([line])
    assert text.startswith("\ufeff") and text.count("\r\n") == 2
    header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert tuple(header) == answers.COLUMNS and len(row) == len(header)
    assert row[2:5] == ["男", "19920425", "420100199204257479"] and row[5] == "汉族"
    assert row[3] == "19920425" and row[11] == "20200901" and row[12] == "20261230" and row[17] == "武汉市"


def test_counts_per_office_and_in_all():
    listed = rules.states(HUBEI.data)
    counted = answers.counts([application(), application(status="approved"), application(office="420500")],
                             listed, HUBEI)
    assert [o["office"] for o in counted["offices"]] == ["420100", "420500"]
    assert counted["offices"][0]["counts"]["approved"] == 1 and counted["offices"][0]["total"] == 2
    assert counted["totals"]["in_review:city_review"] == 2
    assert [c["name"] for c in counted["states"]][:2] == ["未提交", "市(州)自考办审核"]
