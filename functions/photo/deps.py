"""Every collaborator a route of the photo function gets, as an `Annotated[..., Depends]` alias: the one place that
reads `app.state`.

app.py puts the settings, table, clock, S3 client and province profile on app.state once; the services are built
per request from them, so a test can serve another province's rules by swapping app.state.profile and every route
sees it at once.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from functions.common.app_state import from_state
from functions.common.session import CurrentCandidate, CurrentStaff
from functions.profiles.loader import Profile

from .exports.service import PhotoPackages
from .exports.store import PackageStore
from .identity.service import IdentityService
from .onsite.service import OnsitePhotos
from .uploads.files import UploadFiles
from .uploads.service import Uploads
from .uploads.store import UploadStore

__all__ = ["CurrentCandidate", "CurrentStaff", "ProfileDep", "ClockDep", "TableDep", "UploadStoreDep", "FilesDep",
           "UploadsDep", "IdentityDep", "PackagesDep", "OnsitePhotosDep"]


def _files(request: Request) -> UploadFiles:
    state = request.app.state
    return UploadFiles(state.s3, state.settings.uploads_bucket)


ProfileDep = Annotated[Profile, Depends(from_state("profile"))]
ClockDep = Annotated[Callable[[], int], Depends(from_state("clock"))]
TableDep = Annotated[Any, Depends(from_state("table"))]
FilesDep = Annotated[UploadFiles, Depends(_files)]


def _upload_store(table: TableDep) -> UploadStore:
    return UploadStore(table)


UploadStoreDep = Annotated[UploadStore, Depends(_upload_store)]


def _uploads(store: UploadStoreDep, files: FilesDep, profile: ProfileDep, clock: ClockDep) -> Uploads:
    return Uploads(store, files, profile, clock)


def _identity(table: TableDep, uploads: UploadStoreDep, files: FilesDep, profile: ProfileDep,
              clock: ClockDep) -> IdentityService:
    """Answers 404 in a province without the identity check by photos, before any route of it runs."""
    return IdentityService(table, uploads, files, profile, clock)


UploadsDep = Annotated[Uploads, Depends(_uploads)]
IdentityDep = Annotated[IdentityService, Depends(_identity)]


def _packages(request: Request, table: TableDep, profile: ProfileDep, clock: ClockDep) -> PhotoPackages:
    """Answers 404 in a province whose photos are not taken here (PhotoPackages.make)."""
    settings = request.app.state.settings
    return PhotoPackages(PackageStore(table, request.app.state.s3, settings.uploads_bucket, settings.forms_bucket),
                         profile, clock)


PackagesDep = Annotated[PhotoPackages, Depends(_packages)]


def _onsite(table: TableDep, files: FilesDep, profile: ProfileDep, clock: ClockDep) -> OnsitePhotos:
    return OnsitePhotos(table, files, profile, clock)


OnsitePhotosDep = Annotated[OnsitePhotos, Depends(_onsite)]
