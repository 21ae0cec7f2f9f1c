"""Another 准考证's sittings, 免考 and 转考 in the audit (eligibility/other_exam_numbers.merged): only a merge the
office confirmed counts, each sitting, 免考 and 转考 keeps the 准考证号 it was recorded under, and the record itself
is left as it was."""
from __future__ import annotations

from functions.eligibility.other_exam_numbers import merged
from functions.eligibility.transcript_rows import transcript

from .conftest import js_candidate, run, severities, sittings

PLAN = "JS-080901-2024R"
OTHER = "420197700001"


def other(status: str) -> dict:
    return {"id": "e1", "exam_no": OTHER, "status": status, "sittings": sittings("13000")}


def test_a_confirmed_merge_brings_its_sittings_each_with_its_exam_no(reference):
    record = js_candidate(without=["13000"])
    assert run(reference, PLAN, record)["verdict"] == "NOT_ELIGIBLE"
    result = run(reference, PLAN, merged(record, [other("verified")]))
    assert result["verdict"] == "ELIGIBLE" and result["course_status"]["13000"] == "passed"
    brought = [a for a in merged(record, [other("verified")])["attempts"] if a["code"] == "13000"]
    assert [a["exam_no"] for a in brought] == [OTHER]
    assert all("exam_no" not in a for a in record["attempts"])


def test_a_merge_waiting_for_the_office_or_refused_counts_for_nothing(reference):
    record = js_candidate(without=["13000"])
    for status in ("pending", "refused"):
        assert merged(record, [other(status)]) is record
        result = run(reference, PLAN, merged(record, [other(status)]))
        assert severities(result)[("COURSE_MISSING", "13000")] == "unmet"


def test_a_confirmed_merge_brings_its_免考_and_转考_counted_and_listed_as_the_candidates_own(reference):
    """The other record's 免考 and 转考 count exactly as the candidate's own would (a certificate already used for
    another course exempts nothing), and the transcript lists each with 取得方式 and the 准考证 it came from."""
    record = js_candidate(without=["13000", "00023"])
    brought = {"id": "e1", "exam_no": OTHER, "status": "verified", "sittings": [],
               "exemptions": [{"code": "13000", "certificate_id": "CET4-1"}], "transfers": [{"code": "00023"}]}
    result = run(reference, PLAN, merged(record, [brought]))
    assert result["verdict"] == "ELIGIBLE"
    assert (result["course_status"]["13000"], result["course_status"]["00023"]) == ("免考", "转考")
    rows = transcript(merged(record, [brought]), result, lambda code: {"name": code}, 60)["rows"]
    assert {(r["code"], r["how"], r.get("exam_no")) for r in rows if r["code"] in ("13000", "00023")} == \
        {("13000", "免考", OTHER), ("00023", "转考", OTHER)}
    assert all("exam_no" not in r for r in rows if r["code"] not in ("13000", "00023"))

    own_certificate = js_candidate(without=["13000", "00023"],
                                   exemptions=[{"code": "00023", "certificate_id": "CET4-1"}])
    reused = run(reference, PLAN, merged(own_certificate, [{**brought, "transfers": []}]))
    assert severities(reused)[("EXEMPTION_INVALID", "13000")] == "info"
    assert reused["verdict"] == "NOT_ELIGIBLE"
