"""The same eligibility answers for staff, for candidates in their jurisdiction only (about.py). Staff exceptions
are asked for and approved by two people in the apply function (apply/exceptions/): none is recorded here."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.models import AnswerRoute

from ..deps import Theirs, TheirsPlan
from .about import add_routes

router = APIRouter(prefix="/api/eligibility/staff/candidates/{exam_no}", tags=["staff"], route_class=AnswerRoute)
add_routes(router, Theirs, TheirsPlan)
