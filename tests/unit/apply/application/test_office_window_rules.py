"""An office's own window (安徽: 合肥市 按合肥市教育考试院的通知办理), pure: it replaces the province's for that
office's candidates only, stays within the province's even after the province narrows its own, and may only be set
within it."""
from __future__ import annotations

import pytest
from support.rule_checks import profile
from test_lifecycle import at_stage

from functions.apply.application.rules import for_office, narrowed, window_problem
from functions.apply.application.status import view
from functions.common.errors import BadInput
from functions.common.time import epoch_of

PROVINCE = {"opens": "2026-11-01T00:00+08:00", "closes": "2027-01-15T17:00+08:00"}
OWN = {"opens": "2026-11-01T00:00+08:00", "closes": "2026-11-20T17:00+08:00"}
BATCH = {"id": "B", "windows": {"社会考生": PROVINCE}, "office_windows": {"340100": {"社会考生": OWN}}}


def test_the_offices_window_holds_its_candidates_and_no_one_elses():
    after_own_close = epoch_of("2026-12-01T09:00+08:00")
    assert "已经结束" in window_problem(for_office(BATCH, "340100"), "社会考生", after_own_close)
    assert window_problem(for_office(BATCH, "340200"), "社会考生", after_own_close) is None
    assert window_problem(for_office(BATCH, None), "社会考生", after_own_close) is None


def test_an_offices_window_stays_within_the_provinces_after_the_province_narrows_its_own():
    province_earlier = {**BATCH, "windows": {"社会考生": {**PROVINCE, "closes": "2026-11-10T17:00+08:00"}}}
    assert for_office(province_earlier, "340100")["windows"]["社会考生"]["closes"] == "2026-11-10T17:00+08:00"
    no_province = {**BATCH, "windows": {}}
    assert "没有为" in window_problem(for_office(no_province, "340100"), "社会考生", epoch_of("2026-11-05T09:00"))


def test_an_office_may_only_narrow_and_hears_of_every_field_outside():
    assert narrowed(OWN, PROVINCE, "省级教育考试机构") == OWN
    with pytest.raises(BadInput) as wider:
        narrowed({"opens": "2026-10-01T00:00+08:00", "closes": "2027-02-01T00:00+08:00"}, PROVINCE, "省级教育考试机构")
    assert [p["field"] for p in wider.value.problems()] == ["opens", "closes"]
    assert "结束时间不能晚于省级教育考试机构规定的结束时间 2027-01-15 17:00（北京时间）" in wider.value.message
    with pytest.raises(BadInput) as none:
        narrowed(OWN, None, "省级教育考试机构")
    assert none.value.field == "candidate_type"


def test_the_fee_is_due_by_the_close_of_the_candidates_office_window():
    """Where a province with a fee let offices set windows, the pay-by date the status page gives is the office's."""
    office = "500103"
    batch = {"id": "CQ", "windows": {"社会考生": PROVINCE}, "office_windows": {office: {"社会考生": OWN}}}
    item = {"exam_no": "1", "batch_id": "CQ", "plan_id": "p", "version": 1, "office": office,
            "candidate_type": "社会考生", "lifecycle": at_stage("chongqing", "fee").as_dict()}
    assert "2026-11-20 17:00" in " ".join(map(str, view(item, batch, profile("chongqing")).values()))
    elsewhere = view({**item, "office": "500104"}, batch, profile("chongqing"))
    assert "2027-01-15 17:00" in " ".join(map(str, elsewhere.values()))
