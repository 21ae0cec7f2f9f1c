"""学信网's photo package, beside the graduates CSV (the apply function's POST /api/apply/staff/exports/graduates):
for the provincial office only (the file names are full ID numbers), decided on the server from the session as
the CSV's is. Here rather than in the apply function because the photo checks and auto-fix (and their models) are
here."""
from __future__ import annotations

from fastapi import APIRouter

from functions.common.models import AnswerRoute

from ..deps import CurrentStaff, PackagesDep
from ..models import PhotoPackage, PhotoPackageRequest

router = APIRouter(prefix="/api/photo/staff/exports", route_class=AnswerRoute)


@router.post("/photos", response_model=PhotoPackage, tags=["staff"])
def export_photos(body: PhotoPackageRequest, staff: CurrentStaff, packages: PackagesDep):
    """The approved graduates' photos as `<身份证号>.jpg` in 学信网's 480 × 640 standard, in a zip behind a link valid
    5 minutes; those left out by name and 准考证号 with the reason. `next`: where the next package starts."""
    return packages.make(staff, body.batch, body.after)
