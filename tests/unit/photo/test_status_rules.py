"""The identity check's transition table (山西, seed 004) and the upload rules that refuse a fix decision or a photo
review, as the pure rules modules judge them: the store and the API only read and write around these."""
from __future__ import annotations

import pytest

from functions.common.errors import BadInput, Conflict, Forbidden, NotFound
from functions.photo.checks.match_limits import MATCH_MAX_DISTANCE
from functions.photo.identity import rules as identity
from functions.photo.statuses import AttemptStatus, IdentityStatus, UploadStatus
from functions.photo.uploads import rules as uploads

S = IdentityStatus


@pytest.mark.parametrize("status, check, manual, decide", [
    (S.NOT_STARTED, True, False, False),
    (S.FAILED, True, True, False),
    (S.MANUAL_PENDING, False, False, True),
    (S.REJECTED, True, False, False),
    (S.VERIFIED, False, False, False),
])
def test_who_may_move_an_identity_check_from_each_status(status, check, manual, decide):
    for allowed, refuse in ((check, identity.refuse_check), (manual, identity.refuse_manual),
                            (decide, identity.refuse_decision)):
        if allowed:
            refuse(status.value)
        else:
            with pytest.raises(Conflict) as refused:
                refuse(status.value)
            assert any("\u4e00" <= c <= "\u9fff" for c in refused.value.message)


RECORD = {"name": "阿依古丽·买买提", "id_number": "11010519491231002x"}
PASSED = {"ok": True, "findings": [], "face_match": 0.81,
          "read": {"name": "阿依古丽・买买提", "id_number": "11010519491231002X"}}   # the card prints X and its dot


def test_an_automatic_check_verifies_when_number_name_and_faces_match_the_record():
    assert identity.verifies(PASSED, RECORD) and identity.after_check(PASSED, RECORD) == S.VERIFIED
    at_threshold = {**PASSED, "face_match": 1 - MATCH_MAX_DISTANCE}
    assert identity.after_check(at_threshold, RECORD) == S.VERIFIED


@pytest.mark.parametrize("outcome", [
    pytest.param({"ok": True, "findings": []}, id="a pass that read and compared nothing"),
    pytest.param({**PASSED, "read": {"name": None, "id_number": None}}, id="no text read"),
    pytest.param({**PASSED, "read": {**PASSED["read"], "id_number": "110101199003071233"}}, id="another number"),
    pytest.param({**PASSED, "read": {**PASSED["read"], "name": "霍珀"}}, id="another name"),
    pytest.param({**PASSED, "face_match": None}, id="faces not compared"),
    pytest.param({**PASSED, "face_match": round(1 - MATCH_MAX_DISTANCE - 0.01, 3)}, id="faces below the threshold"),
    pytest.param({**PASSED, "ok": False, "findings": [{"code": "HOLDING_CARD_BLURRY"}]}, id="a finding"),
    pytest.param({**PASSED, "findings": [{"code": "FACE_MISMATCH"}]}, id="a finding with ok set"),
])
def test_every_other_outcome_of_an_automatic_check_fails_and_only_a_person_can_verify_it(outcome):
    """Before, the check's own `ok` was enough: {"ok": True, "findings": []} verified (tests verified candidates
    with exactly that, no pictures, nothing read)."""
    assert not identity.verifies(outcome, RECORD)
    assert identity.after_check(outcome, RECORD) == S.FAILED


def test_an_identity_check_ends_verified_or_failed_and_a_decision_verified_or_rejected():
    assert identity.after_check({"ok": False, "findings": []}, RECORD) == S.FAILED
    assert (identity.after_decision(True), identity.after_decision(False)) == (S.VERIFIED, S.REJECTED)
    identity.refuse_reviewer("county")
    with pytest.raises(Forbidden):
        identity.refuse_reviewer("university")


def test_a_fix_is_decided_once_and_only_an_acceptable_one_taken():
    uploads.refuse_fix_decision(AttemptStatus.FIX_OFFERED, accept=True, acceptable=True)
    uploads.refuse_fix_decision(AttemptStatus.FIX_OFFERED, accept=False, acceptable=False)
    with pytest.raises(BadInput):
        uploads.refuse_fix_decision(AttemptStatus.FIX_OFFERED, accept=True, acceptable=False)
    for done in (AttemptStatus.FIX_ACCEPTED, AttemptStatus.FIX_REJECTED, AttemptStatus.OK, AttemptStatus.FAILED):
        with pytest.raises(Conflict):
            uploads.refuse_fix_decision(done, accept=False, acceptable=True)
    assert not uploads.fix_acceptable({"ok": True}, [{"code": "NEW_PHOTO_NEEDED"}])
    assert uploads.fix_acceptable({"ok": True}, [{"code": "PADDED"}])


def test_a_photo_waits_for_review_only_where_an_office_reviews_and_is_reviewed_once():
    assert uploads.new_file_status("340100") == UploadStatus.PENDING_REVIEW
    assert uploads.new_file_status(None) == UploadStatus.OK
    with pytest.raises(NotFound):
        uploads.refuse_reviewer(None, "province")
    with pytest.raises(Forbidden):
        uploads.refuse_reviewer("city", "county")
    uploads.refuse_reviewer("city", "province")
    uploads.refuse_review(UploadStatus.PENDING_REVIEW, "a" * 32, None)
    with pytest.raises(Conflict):
        uploads.refuse_review(UploadStatus.PENDING_REVIEW, "a" * 32, "b" * 32)     # the candidate replaced it
    with pytest.raises(Conflict):
        uploads.refuse_review(UploadStatus.APPROVED, "a" * 32, None)


def test_an_upload_id_says_its_kind_and_extension_to_the_candidate_it_was_made_for_only():
    import re
    made = uploads.new_upload_id("500198000006", "id_front", ".jpg", "0123456789abcdef")
    assert re.match(uploads.UPLOAD_ID_PATTERN, made)
    assert uploads.upload_id_parts("500198000006", made) == ("id_front", ".jpg")
    assert uploads.upload_id_parts("500198000007", made) is None          # another candidate's: as if never made
    assert uploads.upload_id_parts("500198000006", made.replace("id_front", "photo", 1)) is None
    assert uploads.upload_id_parts("500198000006", "0" * 32) is None      # made before ids carried their kind
    assert re.match(uploads.UPLOAD_ID_PATTERN, "0" * 32)
