"""A discontinued (停考) major is said in the province's words where its profile has them (issue 19 item 19:
湖北's FAQ sends the candidate to apply on site); elsewhere the engine's words stand."""

from functions.eligibility.province_words import in_province_words
from functions.profiles.loader import load_profile

from .conftest import js_candidate, run


def test_湖北_tells_a_discontinued_majors_candidate_to_apply_on_site_and_others_keep_the_engines_words(reference):
    plan = dict(reference.plan("JS-080901-2024R"), status="discontinued")
    result = run(reference, plan, js_candidate())
    engine_words = result["findings"][0]["message"]
    hubei = in_province_words(result, "hubei")
    assert hubei["findings"][0]["message"] == load_profile("hubei").data["application"]["discontinued_major"]
    assert "现场办理" in hubei["findings"][0]["message"] and hubei["verdict"] == "NOT_ELIGIBLE"
    assert in_province_words(result, "anhui")["findings"][0]["message"] == engine_words
    assert result["findings"][0]["message"] == engine_words              # the engine's own answer is left as it was


def test_other_findings_are_left_alone(reference):
    result = run(reference, "JS-080901-2024R", js_candidate())
    assert in_province_words(result, "hubei") is result
