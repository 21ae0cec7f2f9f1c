"""Who may add another 准考证 (apply/exam_numbers/rules.py): the name and ID number typed are the candidate's own,
the other record carries exactly the same, and a 准考证 under anyone else's name is refused in the very words of
one that does not exist; only the candidate's own 准考证 merged elsewhere is answered with the office to visit."""
from __future__ import annotations

import pytest

from functions.apply.exam_numbers.rules import NO_SUCH, check_decision, check_new, held_by, shown
from functions.common.errors import BadInput, Conflict, Forbidden, NotFound
from functions.profiles.loader import load_profile

OWN = {"exam_no": "420100000001", "name": "张三", "id_number": "42010219900101123X"}
OTHER = {**OWN, "exam_no": "420100000002"}
WANTED = {"name": "张三", "id_number": "42010219900101123x", "exam_no": "420100000002"}


def refusal(other, earlier=(), held=None, **typed) -> Exception:
    with pytest.raises((BadInput, NotFound, Conflict)) as caught:
        check_new(OWN, {**WANTED, **typed}, other, list(earlier), held)
    return caught.value


def test_the_candidates_own_other_record_may_be_added():
    check_new(OWN, WANTED, OTHER, [], None)      # the check letter's case aside


@pytest.mark.parametrize("theirs", [None, {**OTHER, "name": "张叁"}, {**OTHER, "id_number": "420102199001011234"}])
def test_another_persons_record_reads_exactly_like_none(theirs):
    error = refusal(theirs)
    assert isinstance(error, NotFound) and error.message == NO_SUCH and error.field == "exam_no"


def test_typing_the_other_persons_name_is_refused_as_not_ones_own():
    error = refusal({**OTHER, "name": "李四"}, name="李四")
    assert isinstance(error, BadInput) and error.field == "name" and "本人" in error.message


def test_ones_own_exam_no_and_one_added_already_are_refused():
    assert refusal(OTHER, exam_no=OWN["exam_no"]).field == "exam_no"
    assert isinstance(refusal(OTHER, earlier=[{"exam_no": OTHER["exam_no"], "status": "pending"}]), Conflict)
    check_new(OWN, WANTED, OTHER, [{"exam_no": OTHER["exam_no"], "status": "refused"}], None)   # may try again


def test_one_merged_elsewhere_names_the_office_to_visit():
    data = load_profile("hubei").data
    error = refusal(OTHER, held=held_by(data, "420100", "city"))
    assert isinstance(error, Conflict) and "武汉市" in error.message


def test_only_the_office_the_profile_names_decides_once_and_a_refusal_says_why():
    data = load_profile("hubei").data
    pending = {"status": "pending"}
    with pytest.raises(Forbidden):
        check_decision(data, "province", pending, "verified", "")
    with pytest.raises(BadInput):
        check_decision(data, "city", pending, "refused", " ")
    with pytest.raises(Conflict):
        check_decision(data, "city", {"status": "verified"}, "verified", "")
    with pytest.raises(NotFound):
        check_decision(load_profile("chongqing").data, "city", pending, "verified", "")


def test_each_sitting_is_listed_with_its_result_in_words_whatever_else_the_record_keeps():
    entry = {"id": "e1", "exam_no": "420100000002", "status": "pending", "made_at": "2026-11-02T01:00:00Z",
             "sittings": [{"code": "00023", "session": "2024-04", "score": 75, "credits": 10},
                          {"code": "02324", "session": "2024-10", "score": None, "absent": True},
                          {"code": "13000", "session": "2025-04", "note": "违纪"}]}
    listed = shown(entry, {"00023": "高等数学(工本)"}.get)["sittings"]
    assert [(s["code"], s["score"]) for s in listed] == [("00023", 75), ("02324", "缺考"), ("13000", "违纪")]
    assert listed[0] == {"code": "00023", "name": "高等数学(工本)", "session": "2024-04", "score": 75}


def test_its_免考_and_转考_are_listed_after_its_sittings_with_the_way_each_was_obtained():
    """What a merge would bring, as the city checks it: the other record's 免考 (one certificate may name several
    courses) and 转考 beside its sittings, a refused one saying so."""
    entry = {"id": "e1", "exam_no": "420100000002", "status": "pending", "made_at": "2026-11-02T01:00:00Z",
             "sittings": [{"code": "00023", "session": "2024-04", "score": 75}],
             "exemptions": [{"codes": ["00018", "00019"], "certificate_id": "NCRE-1"}],
             "transfers": [{"code": "13000", "accepted": True, "from_province": "河南"},
                           {"code": "02324", "accepted": False}]}
    answer = shown(entry, {"13000": "英语(二)"}.get)
    assert [(s["code"], s["score"]) for s in answer["sittings"]] == [
        ("00023", 75), ("00018", "免考"), ("00019", "免考"), ("13000", "转考"), ("02324", "转考（未获认可）")]
    assert answer["sittings"][3]["name"] == "英语(二)"
    assert "exemptions" not in answer and "transfers" not in answer     # the answer's shape is the sittings list
