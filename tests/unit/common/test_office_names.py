"""Each province's API messages name its province-level office as its seed does (issue 20 item 13): 重庆's is the
市自考办, not a 省级教育考试机构 a 直辖市 does not have. The names come from the profile's `province_office`."""
from __future__ import annotations

import pytest

from functions.apply.application.lifecycle import Approve, Lifecycle, Status, TransitionRefused, transition
from functions.apply.application.status import describe
from functions.apply.exceptions import rules as exceptions
from functions.apply.review import rules as review
from functions.common.errors import Forbidden
from functions.common.jurisdiction import require_full_id_exporter
from functions.common.session import Identity
from functions.profiles.loader import load_profile

PROVINCES = ["hubei", "anhui", "chongqing", "shanxi"]


def _others(office: str) -> set[str]:
    return {"省级教育考试机构", "省自考办", "市自考办"} - {office}


@pytest.mark.parametrize("province", PROVINCES)
def test_refusals_name_the_provinces_own_office(province):
    data = load_profile(province).data
    office = data["province_office"]
    said = []
    with pytest.raises(Forbidden) as refused:
        exceptions.check_role(data, "county")
    said.append(refused.value.message)
    with pytest.raises(Forbidden) as refused:
        review.province_only(Identity("acc-2", "staff", "市招办乙", role="city", offices=("420100",)), data)
    said.append(refused.value.message)
    county = Identity("acc-1", "staff", "县招办甲", role="county", offices=("420100",))
    with pytest.raises(Forbidden) as refused:
        require_full_id_exporter(county, data)
    said.append(refused.value.message)
    # the provincial office acting at the first stage, which is another office's: named as the province names it
    first = data["review"]["stages"][0]
    waiting = Lifecycle(status=Status.IN_REVIEW, stage=first["id"], submissions=1)
    with pytest.raises(TransitionRefused) as refused:
        transition(waiting, Approve(first["id"], "province", at=1), data)
    said.append(refused.value.message)
    for message in said:
        assert office in message, message
        assert not any(other in message for other in _others(office)), message


@pytest.mark.parametrize("province", PROVINCES)
def test_the_status_names_the_office_a_province_stage_waits_at(province):
    data = load_profile(province).data
    stage = next((s for s in data["review"]["stages"] if s.get("role") == "province"), None)
    if stage is None:
        pytest.skip("this province's review has no province-level stage")
    shown = describe(Lifecycle(status=Status.IN_REVIEW, stage=stage["id"], submissions=1), data)
    assert shown["office"] == data["province_office"]


def test_chongqing_says_市自考办():
    assert load_profile("chongqing").data["province_office"] == "市自考办"
