"""Records the way provinces keep them (spec/eligibility.md, "Record formats"): ordinary variants are read with their
meaning; only what is really ambiguous is refused, naming the field, every problem of the record at once."""

import pytest

from functions.eligibility.engine import EngineInputError, read_candidate

from .conftest import codes_of, js_candidate, run

PLAN = "JS-080901-2024R"


def status_of_00023(reference, **sitting):
    record = js_candidate(without=["00023"])
    record["attempts"].append({"code": "00023", "session": "2025-04", **sitting})
    return run(reference, PLAN, record)["course_status"].get("00023")


@pytest.mark.parametrize("score", ["75", "75.0", "７５", " 75 ", "75分", 75.0, "６０", "60"])
def test_scores_written_as_text_or_full_width_are_numbers(reference, score):
    assert status_of_00023(reference, score=score) == "passed"


@pytest.mark.parametrize("score", ["59", "５９", "59.5", 0, "0"])
def test_a_score_below_the_pass_mark_as_text_fails(reference, score):
    assert status_of_00023(reference, score=score) is None


@pytest.mark.parametrize("grade", ["合格", "优秀", "良好", "中等", "及格", "通过", "优", "良"])
def test_passing_grades_of_graded_courses(reference, grade):
    assert status_of_00023(reference, score=None, result=grade) == "passed"
    assert status_of_00023(reference, score=grade) == "passed"


@pytest.mark.parametrize("grade", ["不合格", "不及格", "差", "未通过"])
def test_failing_grades(reference, grade):
    assert status_of_00023(reference, score=grade) is None


@pytest.mark.parametrize("note", ["缺考", "违纪", "作弊", "取消", "无效", "违纪，成绩取消"])
def test_a_note_that_never_passes_voids_the_sitting_whatever_its_score(reference, note):
    assert status_of_00023(reference, score=None, note=note) is None
    assert status_of_00023(reference, score="", note=note) is None
    assert status_of_00023(reference, score=85, note=note) is None


def test_a_void_sitting_keeps_its_recorded_score_and_a_plain_remark_is_kept():
    record = read_candidate({"registered_on": "2024-09-01", "attempts": [
        {"code": "00023", "session": "2025-04", "score": 85, "note": "违纪"},
        {"code": "02324", "session": "2025-04", "score": 70, "note": "补考"},
        {"code": "13000", "session": "2025-04", "score": 90, "absent": True}]})
    assert record["attempts"] == [
        {"code": "00023", "session": "2025-04", "score": "违纪", "recorded_score": 85},
        {"code": "02324", "session": "2025-04", "score": 70, "remark": "补考"},
        {"code": "13000", "session": "2025-04", "score": None, "absent": True, "recorded_score": 90}]


def test_a_sitting_with_no_result_at_all_is_not_passed(reference):
    assert status_of_00023(reference, score=None) is None


@pytest.mark.parametrize("where", ["score", "result", "note"])
def test_exempted_or_transferred_in_the_score_column(reference, where):
    assert status_of_00023(reference, **{"score": None, where: "免考"}) == "免考"
    assert status_of_00023(reference, **{"score": None, where: "转考"}) == "转考"


def test_full_width_codes_sessions_and_dates_read_as_ascii(reference):
    record = js_candidate(without=["00023"], registered_on="２０２４－０９－０１")
    record["attempts"].append({"code": "０００２３", "session": "２０２５年４月", "score": "８０"})
    assert run(reference, PLAN, record)["verdict"] == "ELIGIBLE"


@pytest.mark.parametrize("session", ["2025-04", "2025-4", "202504", "2025.04", "2025/04", "2025年4月", "2025-04-12",
                                     "2025年04月"])
def test_sessions_in_the_usual_spellings(session):
    record = read_candidate({"registered_on": "2024-09-01", "attempts": [{"code": "00023", "session": session,
                                                                          "score": 70}]})
    assert record["attempts"][0]["session"] == "2025-04"


def test_one_certificate_may_exempt_several_courses_in_one_approved_exemption(reference):
    record = js_candidate(without=["13000", "15040"], exemptions=[
        {"codes": ["13000", "15040"], "certificate_id": "CET6-1"}])
    result = run(reference, PLAN, record)
    assert result["course_status"]["13000"] == result["course_status"]["15040"] == "免考"
    assert result["verdict"] == "ELIGIBLE"
    # the same certificate named again in a separate exemption is still one certificate used twice
    record["exemptions"].append({"code": "00023", "approved": True, "certificate_id": "CET6-1"})
    record["attempts"] = [a for a in record["attempts"] if a["code"] != "00023"]
    assert ("EXEMPTION_INVALID", "00023") in codes_of(run(reference, PLAN, record))


def test_several_codes_in_one_cell_make_one_exemption():
    record = read_candidate({"registered_on": "2024-09-01", "exemptions": [{"code": "00018、00019", "approved": "是"}]})
    assert record["exemptions"] == [{"codes": ["00018", "00019"], "approved": True}]
    assert read_candidate({"registered_on": "2024-09-01", "exemptions": [{"codes": "00018,00019"}]})["exemptions"] \
        == [{"codes": ["00018", "00019"]}]  # no approval recorded: approved, and stored as given


def test_a_transfer_without_accepted_is_accepted_a_rejected_one_is_reported(reference):
    record = js_candidate(without=["00023", "02324"], transfers=[{"code": "00023"},
                                                                 {"code": "02324", "accepted": "否"}])
    result = run(reference, PLAN, record)
    assert result["course_status"]["00023"] == "转考"
    assert ("TRANSFER_REJECTED", "02324") in codes_of(result)


@pytest.mark.parametrize("registered_on, closed", [("2024-06", False), ("2024-07", True), ("2024/6/30", False)])
def test_a_registration_month_is_compared_as_a_sitting(reference, registered_on, closed):
    # JS-080901-2021 is closed to candidates registered on or after 2024-07-01.
    record = js_candidate(registered_on=registered_on)
    result = run(reference, "JS-080901-2021", record)
    assert (("PLAN_NOT_AVAILABLE_TO_CANDIDATE", "JS-080901-2021") in codes_of(result)) is closed


@pytest.mark.parametrize("graduated, late", [("2026-06", False), ("2026-07", True), ("2026年6月30日", False)])
def test_a_diploma_dated_by_month_is_compared_with_the_cutoff_by_month(reference, graduated, late):
    record = js_candidate()
    record["prior_education"][0]["graduation_date"] = graduated
    assert (("PRIOR_EDU_AFTER_CUTOFF", "prior_education") in codes_of(run(reference, PLAN, record))) is late


@pytest.mark.parametrize("status, blocked", [("已核验", False), ("核验通过", False), ("待人工核查", False),
                                             ("未核验", True)])
def test_prior_education_status_in_chinese(reference, status, blocked):
    record = js_candidate()
    record["prior_education"][0]["status"] = status
    assert (run(reference, PLAN, record)["verdict"] == "NOT_ELIGIBLE") is blocked


def test_a_canonical_record_is_returned_as_it_is():
    record = js_candidate()
    assert read_candidate(record) is record


def test_the_variant_and_its_canonical_form_audit_the_same(reference):
    variant = js_candidate(without=["00023", "13000"], registered_on="2024/9/1", transfers=[{"code": "13000"}])
    variant["attempts"] += [{"code": "００0２３", "session": "202504", "score": "７２"}]
    canonical = read_candidate(variant)
    assert canonical is not variant
    assert run(reference, PLAN, variant) == run(reference, PLAN, canonical)


def test_what_is_really_ambiguous_is_refused_with_every_problem_at_once():
    record = {"registered_on": "去年春天", "attempts": [
        {"code": 23, "session": "2025-04", "score": 80},          # Excel dropped the zeros of 00023
        {"code": "00024", "session": "2025-13", "score": 80},     # no 13th month
        {"code": "00025", "session": "2025-04", "score": "七十五"},
        {"code": "00026", "session": "2025-04", "note": "待定"}],  # no score and a note that says no result
        "exemptions": [{"code": "13000", "approved": "待定"}],
        "disciplinary": [{"id": "WJ-1"}]}
    with pytest.raises(EngineInputError) as caught:
        read_candidate(record)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["candidate.registered_on", "candidate.exemptions[0].approved", "candidate.attempts[0].code",
                     "candidate.attempts[1].session", "candidate.attempts[2].score", "candidate.attempts[3].note",
                     "candidate.disciplinary[0]"]
    assert caught.value.path == "candidate.registered_on"
    messages = [str(p) for p in caught.value.problems]
    assert all("无法读取：应为" in m and "\n" not in m for m in messages)
    assert "开头的 0" in messages[2] and "考期" in messages[3]


def test_the_audit_names_the_field_it_cannot_read(reference):
    record = js_candidate()
    record["attempts"][4]["score"] = "七十五"
    with pytest.raises(EngineInputError) as caught:
        run(reference, PLAN, record)
    assert caught.value.path == "candidate.attempts[4].score"
