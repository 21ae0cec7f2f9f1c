"""Every collaborator a route of the eligibility function gets, as an `Annotated[..., Depends]` alias: the one place
that reads `app.state`.

app.py builds the Eligibility service once per container (its reference cache is worth keeping between requests);
the alias hands it to routes.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from functions.common.session import CurrentCandidate, CurrentStaff

from .service import Eligibility

__all__ = ["CurrentCandidate", "CurrentStaff", "EligibilityDep"]


def _eligibility(request: Request) -> Eligibility:
    return request.app.state.eligibility


EligibilityDep = Annotated[Eligibility, Depends(_eligibility)]
