"""Thesis, 加考 and prior education."""

import pytest

from .conftest import JS_BATCH, codes_of, js_candidate, run, severities

AH_PLAN = {"plan_id": "AH-BK", "province": "安徽", "level": "专升本", "status": "active", "pass_mark": 60,
           "requires_prior_education": True, "thesis": None,
           "requirements": {"id": "root", "type": "all_of", "items": [
               {"type": "course", "code": "00023", "name": "高等数学(工本)", "credits": 10, "kind": "theory"}]}}
AH_BATCH = {"id": "AH-2026H1", "province": "安徽", "graduation_date": "2026-06-30",
            "prior_edu_cutoff": "2026-06-30", "prior_edu_verify_by": "2026-07-01"}


@pytest.mark.parametrize("thesis, finding", [
    (None, "THESIS_MISSING"),
    ({"code": "14976", "grade": "不合格", "host_university": "南京航空航天大学"}, "THESIS_FAILED"),
    ({"code": "14976", "grade": "合格", "host_university": "南京大学"}, "THESIS_HOST_MISMATCH"),
    ({"code": "11689", "grade": "中等", "host_university": "南京航空航天大学"}, None),  # old code, JS-080901-THESIS
    ({"code": "99999", "grade": "优秀"}, "THESIS_MISSING"),
])
def test_thesis(reference, thesis, finding):
    record = js_candidate(thesis=thesis)
    if thesis is None:
        del record["thesis"]
    result = run(reference, "JS-080901-2024R", record)
    assert codes_of(result) == ([(finding, "14976")] if finding else [])


def test_host_university_code_prefix_is_not_part_of_the_name(reference):
    plan = dict(reference.plan("JS-080901-2024R"), host_universities=["(0116)华中科技大学"])
    record = js_candidate(thesis={"code": "14976", "grade": "合格", "host_university": "华中科技大学"})
    assert run(reference, plan, record)["verdict"] == "ELIGIBLE"


@pytest.mark.parametrize("category, missing", [
    ("计算机及应用", []),
    ("电子电工信息类", ["02318"]),
    ("工科类(非电子电工信息类)", ["02318", "00342", "00343"]),
    ("历史学类", ["02318", "04730", "04731"]),  # not listed: the 其他 track
])
def test_additional_track_by_prior_major_category(reference, category, missing):
    courses = ["03708", "03709", "00015", "00023", "02197", "02324", "02331", "04735", "02325", "02326", "04737",
               "04747", "02333", "04741", "GD-X-SY2"]
    record = js_candidate(thesis={"code": "GD-X-BYSJ", "grade": "合格"})
    record["attempts"] = [{"code": c, "session": "2024-10", "score": 70} for c in courses]
    record["prior_education"][0]["category"] = category
    batch = {"id": "GD-2026H1", "province": "广东", "graduation_date": "2026-06-30"}
    result = run(reference, "GD-080901-LEGACY", record, batch)
    assert codes_of(result) == [("ADDITIONAL_COURSE_MISSING", c) for c in missing]


def prior(entries, concurrent=None, batch=AH_BATCH, reference=None):
    record = js_candidate(prior_education=entries)
    record["attempts"] = [{"code": "00023", "session": "2025-04", "score": 70}]
    if concurrent:
        record["concurrent_associate_application"] = concurrent
    return severities(run(reference, AH_PLAN, record, batch))


def test_prior_education_missing_blocks(reference):
    assert prior([], reference=reference) == {("PRIOR_EDU_MISSING", "prior_education"): "blocking"}


def test_prior_education_unverified_blocks(reference):
    entry = {"level": "专科", "graduation_date": "2020-06-30", "status": "unverified"}
    assert prior([entry], reference=reference) == {("PRIOR_EDU_UNVERIFIED", "prior_education"): "blocking"}


@pytest.mark.parametrize("graduated, ok", [("2026-06-30", True), ("2026-07-01", False)])
def test_prior_education_cutoff_is_inclusive(reference, graduated, ok):
    entry = {"level": "专科", "graduation_date": graduated, "status": "verified"}
    expected = {} if ok else {("PRIOR_EDU_AFTER_CUTOFF", "prior_education"): "blocking"}
    assert prior([entry], reference=reference) == expected


def test_a_lower_level_diploma_is_no_prior_education(reference):
    entry = {"level": "高中", "graduation_date": "2015-06-30", "status": "verified"}
    assert prior([entry], reference=reference) == {("PRIOR_EDU_MISSING", "prior_education"): "blocking"}


@pytest.mark.parametrize("verified_on, expected", [
    ("2026-07-01", {}),
    ("2026-07-02", {("PRIOR_EDU_UNVERIFIED", "prior_education"): "blocking"}),
])
def test_fresh_graduate_verified_on_either_side_of_verify_by(reference, verified_on, expected):
    entry = {"level": "专科", "graduation_date": "2026-06-30", "status": "verified", "school_proof": True,
             "verified_on": verified_on}
    assert prior([entry], reference=reference) == expected


@pytest.mark.parametrize("as_of, expected", [
    ("2026-07-01", {("PRIOR_EDU_PENDING_VERIFICATION", "prior_education"): "conditional"}),
    ("2026-07-02", {("PRIOR_EDU_UNVERIFIED", "prior_education"): "blocking"}),
])
def test_fresh_graduate_still_pending_lapses_after_verify_by(reference, as_of, expected):
    entry = {"level": "专科", "graduation_date": "2026-06-30", "status": "pending", "school_proof": True}
    assert prior([entry], batch=dict(AH_BATCH, as_of=as_of), reference=reference) == expected


def test_fresh_graduate_exception_needs_a_verify_by_date(reference):
    entry = {"level": "专科", "graduation_date": "2026-06-30", "status": "pending", "school_proof": True}
    batch = {k: v for k, v in AH_BATCH.items() if k != "prior_edu_verify_by"}
    assert prior([entry], batch=batch, reference=reference) == {("PRIOR_EDU_UNVERIFIED", "prior_education"): "blocking"}


@pytest.mark.parametrize("concurrent_batch, expected", [
    ("AH-2026H1", {("PRIOR_EDU_CONCURRENT_ASSOCIATE", "prior_education"): "conditional"}),
    ("AH-2025H2", {("PRIOR_EDU_MISSING", "prior_education"): "blocking"}),
])
def test_concurrent_associate_only_in_the_same_batch(reference, concurrent_batch, expected):
    assert prior([], concurrent={"batch": concurrent_batch}, reference=reference) == expected


def test_concurrent_exception_is_anhui_unless_the_batch_lists_it(reference):
    batch = dict(JS_BATCH, id="JS-2026H1")
    assert prior([], concurrent={"batch": "JS-2026H1"}, batch=batch, reference=reference) == \
        {("PRIOR_EDU_MISSING", "prior_education"): "blocking"}
    listed = dict(batch, prior_edu_exceptions=["AH-CONCURRENT"])
    assert prior([], concurrent={"batch": "JS-2026H1"}, batch=listed, reference=reference) == \
        {("PRIOR_EDU_CONCURRENT_ASSOCIATE", "prior_education"): "conditional"}


def test_special_rule_swaps_courses_for_hong_kong_macao_taiwan_candidates(reference):
    # 广东: 港澳台 candidates take 00024 instead of 03708 and 03709.
    courses = ["00015", "00023", "02197", "02324", "02331", "04735", "02325", "02326", "04737", "04747", "02333",
               "04741", "GD-X-SY2"]
    record = js_candidate(thesis={"code": "GD-X-BYSJ", "grade": "合格"}, flags={"candidate_region": "港澳台"})
    record["attempts"] = [{"code": c, "session": "2024-10", "score": 70} for c in courses]
    record["prior_education"][0]["category"] = "计算机及应用"
    batch = {"id": "GD-2026H1", "province": "广东", "graduation_date": "2026-06-30"}
    assert codes_of(run(reference, "GD-080901-LEGACY", record, batch)) == [("ADDITIONAL_COURSE_MISSING", "00024")]
    record["attempts"].append({"code": "00024", "session": "2025-04", "score": 66})
    assert run(reference, "GD-080901-LEGACY", record, batch)["verdict"] == "ELIGIBLE"
