"""The candidate's own 课程顶替: checked against its rule; a misfit is refused and changes nothing."""

import pytest

from functions.eligibility.engine import EngineInputError, audit, validate_choice

from .conftest import candidate, codes_of, sittings

HB_BATCH = {"id": "HB-2026H1", "province": "湖北", "graduation_date": "2026-06-30"}
SX_BATCH = {"id": "SX-2026H1", "province": "山西", "graduation_date": "2026-06-30"}


def hb(passed, choices):
    return candidate(passed, registered_on="2019-03-01", prior_education=[], applied_substitutions=choices)


def refused(result):
    return [f for f in result["findings"] if f["code"] == "SUBSTITUTION_INVALID"]


def test_a_fitting_choice_is_applied(reference):
    record = hb(["03708", "03709"], [{"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00004"]}])
    result = audit("HB-OLDPLAN-FRAGMENT", record, HB_BATCH, reference)
    assert result["course_status"]["00004"] == "顶替"
    assert result["applied"][0] == {"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00004"],
                                    "direction": "forward"}


@pytest.mark.parametrize("passed, choice, why", [
    (["03708"], {"rule_id": "HB-R1", "use": ["03708"], "replace": ["00004"]}, "须选择2门课程中的2门"),
    (["03708", "09092"], {"rule_id": "HB-R1", "use": ["03708", "09092"], "replace": ["00004"]},
     "09092不在规则可用课程"),
    (["03708"], {"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00004"]}, "03709没有合格成绩"),
    (["03708", "03709"], {"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00077"]},
     "00077不是该规则可顶替的课程"),
    (["09092"], {"rule_id": "HB-R9", "use": ["09092"], "replace": ["00077"]}, "没有该顶替规则"),
    (["09092"], {"rule_id": "JS-POL-BK-1", "use": ["09092"], "replace": ["00077"]}, "自动执行"),
    (["09092"], {"rule_id": "SX-EN2", "use": ["09092"], "replace": ["00077"]}, "不适用于本专业"),
])
def test_a_misfit_is_refused_with_the_reason_and_changes_nothing(reference, passed, choice, why):
    record = hb(passed, [choice])
    result = audit("HB-OLDPLAN-FRAGMENT", record, HB_BATCH, reference)
    [finding] = refused(result)
    assert finding["severity"] == "info" and finding["subject"] == choice["rule_id"]
    assert why in finding["message"]
    assert result["applied"] == []
    plain = audit("HB-OLDPLAN-FRAGMENT", hb(passed, []), HB_BATCH, reference)
    assert result["verdict"] == plain["verdict"] and result["course_status"] == plain["course_status"]


def test_a_source_already_consumed_cannot_serve_again(reference):
    record = hb(["03708", "03709"], [{"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00004"]}] * 2)
    result = audit("HB-OLDPLAN-FRAGMENT", record, HB_BATCH, reference)
    assert len(result["applied"]) == 1
    assert "03708已用于其他课程顶替" in refused(result)[0]["message"]


def test_a_plan_course_is_no_substitution_source(reference):
    record = candidate(["03708", "00054"], prior_education=[], registered_on="2023-03-01",
                       applied_substitutions=[{"rule_id": "SX-EN2", "use": ["03708", "00054"], "replace": ["00015"]}])
    result = audit("SX-BK-FRAGMENT", record, SX_BATCH, reference)
    assert "03708已计入本专业" in refused(result)[0]["message"]


@pytest.mark.parametrize("credits, fits", [((6, 5, 3), True), ((6, 5, 2), False)])
def test_credit_pool_needs_fourteen_credits(reference, credits, fits):
    attempts = [{"code": c, "session": "2025-04", "score": 70, "credits": n}
                for c, n in zip(["00054", "00321", "27108"], credits, strict=True)] + sittings("03708")
    record = candidate([], prior_education=[], attempts=attempts, applied_substitutions=[
        {"rule_id": "SX-EN2", "use": ["00054", "00321", "27108"], "replace": ["00015"]}])
    result = audit("SX-BK-FRAGMENT", record, SX_BATCH, reference)
    assert result["verdict"] == ("ELIGIBLE" if fits else "NOT_ELIGIBLE")
    if not fits:
        assert "顶替课程总学分不能小于14分（所选课程共13分）" in refused(result)[0]["message"]
        assert ("COURSE_MISSING", "00015") in codes_of(result)


class TestValidateChoice:
    """validate_choice is what the API calls before storing a choice: misfits are input errors."""

    def record(self):
        return hb(["03708", "03709", "09092"], [])

    def check(self, reference, choice):
        return validate_choice(choice, "HB-OLDPLAN-FRAGMENT", self.record(), reference)

    def test_accepts_a_fitting_choice(self, reference):
        choice = {"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00004"]}
        assert self.check(reference, choice) is choice

    @pytest.mark.parametrize("choice, path", [
        ({"rule_id": "HB-R9", "use": ["03708"], "replace": ["00004"]}, "rule_id"),
        ({"rule_id": "HB-R1", "use": ["0370X"], "replace": ["00004"]}, "use[0]"),
        ({"rule_id": "HB-R1", "use": ["03708", "04183"], "replace": ["00004"]}, "use[1]"),
        ({"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00021"]}, "replace[0]"),
        ({"rule_id": "HB-R1", "use": [], "replace": ["00004"]}, "use"),
        ({"rule_id": "JS-POL-BK-1", "use": ["03708"], "replace": ["00004"]}, "rule_id"),
    ])
    def test_names_the_field_in_one_chinese_line(self, reference, choice, path):
        with pytest.raises(EngineInputError) as caught:
            self.check(reference, choice)
        assert caught.value.path == path
        assert "\n" not in str(caught.value) and "应为" in str(caught.value)
