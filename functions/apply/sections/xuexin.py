"""学信网's stand-in for the local stage: answers a prior-education check from a table of fictitious people.

A real 学信网 client plugs in behind prior_rules.Xuexin (services.py builds the one the stack uses); the rules in
prior_rules.py judge whatever it answers.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from functions.common.settings import Settings

from .prior_rules import PriorStatus, Verification, Xuexin

SANDBOX_TABLE = Path(__file__).resolve().parents[1] / "sandbox" / "xuexin.json"


class SandboxXuexin:
    """学信网 stand-in over a small table (default: sandbox/xuexin.json, fictitious people). Rules, in order:
    a certificate number asked about that ends in 0000 is an outage (unavailable); with a certificate number, one
    not in the table is not_found for a person the table does not know and mismatch for one it does, and one held
    by another ID number or name is mismatch; without one, the person's latest diploma answers, mismatch when the
    name differs; a record whose own number ends in 0000 is also an outage."""

    def __init__(self, records: list[dict] | None = None):
        if records is None:
            records = json.loads(SANDBOX_TABLE.read_text(encoding="utf-8"))["records"]
        self.records = [{**r, "graduated_on": date.fromisoformat(r["graduated_on"])} for r in records]

    def verify(self, name: str, id_number: str, certificate_no: str | None) -> Verification:
        if certificate_no and certificate_no.endswith("0000"):
            return Verification(PriorStatus.UNAVAILABLE)
        mine = [r for r in self.records if r["id_number"] == id_number.upper()]
        if certificate_no:
            held = [r for r in self.records if r["certificate_no"] == certificate_no]
            if not held:
                return Verification(PriorStatus.MISMATCH if mine else PriorStatus.NOT_FOUND)
            record = held[0]
        elif mine:
            record = max(mine, key=lambda r: r["graduated_on"])
        else:
            return Verification(PriorStatus.NOT_FOUND)
        if record["certificate_no"].endswith("0000"):
            return Verification(PriorStatus.UNAVAILABLE)
        if record["id_number"] != id_number.upper() or record["name"] != name:
            return Verification(PriorStatus.MISMATCH)
        details = (record[k] for k in ("school", "level", "graduated_on", "certificate_no"))
        return Verification(PriorStatus.VERIFIED, *details)


class NoOnlineXuexin:
    """A deployed stack's 学信网: there is no public API for this check, so nothing is ever verified online; every
    answer is `unavailable`, which opens the manual path (typed details and uploads) that staff check by hand."""

    def verify(self, name: str, id_number: str, certificate_no: str | None) -> Verification:
        return Verification(PriorStatus.UNAVAILABLE)


def xuexin_for(settings: Settings) -> Xuexin:
    """The stand-in on the local stage only (DESIGN: a deployed stack never serves stand-ins)."""
    return SandboxXuexin() if settings.local else NoOnlineXuexin()
