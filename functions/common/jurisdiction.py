"""Which candidates a member of staff may see: decided on the server, from the session, for every request."""
from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from .errors import Forbidden

if TYPE_CHECKING:                  # pure: pure cores (the lifecycle) use the roles without the web layer
    from .session import Identity


class Role(StrEnum):
    """What a member of staff is: an office of a county or a city, a host university, the provincial office, or
    the provincial administrator (who manages staff accounts and decides no application)."""
    COUNTY = "county"
    CITY = "city"
    UNIVERSITY = "university"
    PROVINCE = "province"
    ADMIN = "admin"


ROLES = tuple(r.value for r in Role)
REVIEW_ROLES = ROLES[:4]
ALL_OF_PROVINCE = (Role.PROVINCE.value, Role.ADMIN.value)
OFFICE_ROLES = (Role.COUNTY.value, Role.CITY.value)
# Who may export full ID numbers in bulk (the graduates CSV for 学信网, the photo package of <身份证号>.jpg): the
# provincial office alone, which registers the graduates at 学信网 (issue 15 item 7). A county, city or university
# sees a full ID number one candidate at a time, on the application it reviews; a whole office's list would be a
# leak waiting to happen. The administrator manages accounts and decides no application, so it has no need either.
FULL_ID_EXPORTERS = (Role.PROVINCE.value,)
# What a staff account's role is called on the staff pages (the account lists, who is signed in, the history).
ROLE_NAMES = {"county": "县（区）招办", "city": "市级自考办", "university": "主考院校", "province": "省自考办",
              "admin": "系统管理员"}


def role_names(province_office: str) -> dict[str, str]:
    """ROLE_NAMES in a province's words: the province-level office as its profile calls it (重庆 has a 市自考办)."""
    return {**ROLE_NAMES, "province": province_office}


# What candidates and staff call the office of each role (the province-level one: office_name).
OFFICE_NAMES = {"county": "县(市、区)招办", "city": "市级教育考试机构", "university": "主考学校",
                "province": "省级教育考试机构", "admin": "系统管理员"}


def office_name(profile_data: dict, role: str) -> str:
    """The office of `role` as messages name it in this province: the province-level office by the profile's
    `province_office` (重庆's 市自考办, where a 直辖市 has no 省级 office), the others as OFFICE_NAMES."""
    return profile_data["province_office"] if role == Role.PROVINCE else OFFICE_NAMES.get(role, role)


def require_full_id_exporter(identity: Identity, profile_data: dict) -> None:
    """Refuse (403) a member of staff who may not export full ID numbers in bulk (FULL_ID_EXPORTERS)."""
    if identity.role not in FULL_ID_EXPORTERS:
        exporters = "、".join(office_name(profile_data, role) for role in FULL_ID_EXPORTERS)
        raise Forbidden(f"含完整身份证号的毕业生名单和照片只能由{exporters}导出")


def may_see(identity: Identity, office: str, host_universities: list[str] | tuple[str, ...] = ()) -> bool:
    """County and city offices see their offices' candidates; a host university sees candidates of its plans."""
    if not identity.is_staff:
        return False
    if identity.role in ALL_OF_PROVINCE:
        return True
    if identity.role in ("county", "city"):
        return office in identity.offices
    if identity.role == "university":
        return bool(set(host_universities) & set(identity.universities))
    return False
