"""What the candidate reads at the fee and after approval, in the province's terms (issue 19 item 14, 重庆 须知 8d
and 10): the fee is due by the close of the candidate's own window, and an approved 重庆 candidate learns that the
certificate takes at least 30 working days and comes from the 主考学校."""
from __future__ import annotations

from dataclasses import asdict

from support.rule_checks import profile
from test_lifecycle import at_stage

from functions.apply.application.lifecycle import Approve, Reject, transition
from functions.apply.application.status import view

BATCH = {"id": "CQ-2026H2", "name": "重庆2026年下半年毕业申请",
         "windows": {"社会型考生": {"opens": "2026-11-01T00:00:00+08:00", "closes": "2027-01-15T17:00:00+08:00"},
                     "*": {"opens": "2026-11-01T00:00:00+08:00", "closes": "2026-12-31T17:00:00+08:00"}}}


def item(state, candidate_type: str) -> dict:
    return {"exam_no": "500198000001", "plan_id": "P", "version": 3, "candidate_type": candidate_type,
            "lifecycle": asdict(state)}


def test_the_fee_is_due_by_the_close_of_the_candidates_own_window():
    at_fee = at_stage("chongqing", "fee")
    assert view(item(at_fee, "社会型考生"), BATCH, profile("chongqing"))["next_step"] == \
        "请在 2027-01-15 17:00（北京时间） 前缴纳毕业审定费 60 元"
    assert view(item(at_fee, "其他考生"), BATCH, profile("chongqing"))["next_step"] == \
        "请在 2026-12-31 17:00（北京时间） 前缴纳毕业审定费 60 元"


def test_an_approved_重庆_candidate_is_told_about_the_30_working_days_and_others_to_wait_for_the_notice():
    last = at_stage("chongqing", "city_review")
    approved = transition(last, Approve(stage="city_review", role="province", at=9), profile("chongqing")).state
    said = view(item(approved, "社会型考生"), BATCH, profile("chongqing"))["next_step"]
    assert said.startswith("至少还需要 30 个工作日才可以领取毕业证书") and "主考学校" in said
    hubei = at_stage("hubei", "province_review")
    approved = transition(hubei, Approve(stage="province_review", role="province", at=9), profile("hubei")).state
    assert view(item(approved, "*"), BATCH, profile("hubei"))["next_step"].endswith("请留意毕业证书领取通知")


def test_a_重庆_candidate_rejected_after_paying_is_told_the_fee_comes_back_after_the_round_with_its_date():
    rejected = transition(at_stage("chongqing", "city_review"),
                          Reject(stage="city_review", role="province", reason="成绩不符合毕业条件", at=9),
                          profile("chongqing")).state
    said = view(item(rejected, "其他考生"), BATCH, profile("chongqing"))["next_step"]    # the batch's end, not theirs
    assert said.endswith("已缴纳的毕业审定费将在本次毕业办理结束后（2027-01-15 17:00 后）退回原支付账户")


def test_a_submitted_安徽_application_reads_已受理_as_its_seed_shows_and_others_keep_their_words():
    # seed 002: 保存申请后，审核状态显示"已受理"，代表考生已提交毕业申请，等待市级教育考试机构审核
    anhui = view(item(at_stage("anhui", "city_review"), "*"), BATCH, profile("anhui"))
    assert anhui["status_text"] == "已受理，待市级教育考试机构初审"
    assert anhui["staff_stage"] == "市级教育考试机构初审"
    later = view(item(at_stage("anhui", "joint_review"), "*"), BATCH, profile("anhui"))["status_text"]
    assert later == "待主考院校与省级教育考试机构会审"
    assert view(item(at_stage("chongqing", "university_review"), "*"), BATCH,
                profile("chongqing"))["status_text"] == "待主考学校初审"
