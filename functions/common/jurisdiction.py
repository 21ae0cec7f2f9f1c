"""Which candidates a member of staff may see: decided on the server, from the session, for every request."""
from __future__ import annotations

from .session import Identity

ALL_OF_PROVINCE = ("province", "admin")


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
