"""The form filled in after submitting (山西's 毕业生登记表, seed 004): open with its sections from the fee until the
county records it handed in, then locked with when and by whom; never before paying, never where no form has
`fill` (安徽 prints its 登记表 as submitted)."""
from __future__ import annotations

from support.rule_checks import profile
from test_lifecycle import at_stage, passing_event

from functions.apply.application.lifecycle import Lifecycle, transition
from functions.apply.application.status import corrections, form_fill

SECTIONS = ["basic", "contact", "resume", "self_assessment"]


def test_open_after_paying_with_its_sections_and_the_handwriting_note():
    sx = profile("shanxi")
    assert form_fill(at_stage("shanxi", "fee"), sx) is None
    filling = form_fill(at_stage("shanxi", "registration_form"), sx)
    assert filling["form_id"] == "registration_form" and filling["sections"] == SECTIONS
    assert filling["locked"] is None and "可电脑输入，也可以不填，打印后在横线上手写" in filling["note"]
    assert corrections(at_stage("shanxi", "registration_form"), sx)["sections"] == SECTIONS


def test_locked_once_the_county_records_it_handed_in_saying_when_in_beijing_time():
    sx = profile("shanxi")
    waiting = at_stage("shanxi", "registration_form")
    stage = next(s for s in sx["review"]["stages"] if s["id"] == "registration_form")
    handed = transition(waiting, passing_event(stage, "shanxi"), sx).state     # at=300: 08:05 Beijing time
    assert handed.form_received_at == 300
    locked = form_fill(handed, sx)["locked"]
    assert locked.startswith("县(市、区)招办已于 1970-01-01 08:05（北京时间）登记收到您交回的《毕业生登记表》")
    assert "不能再导出新的版本" in locked and corrections(handed, sx) is None
    assert Lifecycle.from_dict(handed.as_dict()) == handed


def test_no_form_to_fill_where_the_profile_names_none():
    assert form_fill(at_stage("anhui", "joint_review"), profile("anhui")) is None
