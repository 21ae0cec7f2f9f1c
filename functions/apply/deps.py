"""Every collaborator a route of the apply function gets, as an `Annotated[..., Depends]` alias: the one place that
reads `app.state`.

app.py puts the container's parts on app.state once (settings, table, clock, profile, S3, services); the aliases
hand them to routes per request, so a test can serve another province's profile or move the clock on app.state and
every route sees it at once.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from functions.common.app_state import from_state
from functions.common.session import CurrentCandidate, CurrentIdentity, CurrentStaff, SessionReader
from functions.profiles.loader import Profile

from .accounts.guards import Guard, client_address
from .accounts.service import Accounts
from .accounts.staff_admin import StaffAdmin
from .accounts.store import AccountStore
from .application.paired import Paired
from .application.service import Applications
from .application.submissions import Submissions
from .claims.service import ClaimService
from .exam_numbers.service import ExamNumbers
from .exceptions.service import ExceptionService
from .forms.service import FormService
from .notices.service import Notices
from .payments.service import PaymentService
from .prior_checks.service import PriorClaims
from .review.decisions import Decisions
from .review.service import Review
from .sections.service import Drafting, PriorChecks
from .sms.outbox import Outbox

__all__ = ["CurrentCandidate", "CurrentIdentity", "CurrentStaff", "ProfileDep", "ClockDep", "TableDep",
           "SessionsDep", "ApplicationsDep", "SubmissionsDep", "DraftingDep", "PriorChecksDep", "PaymentsDep",
           "DecisionsDep", "ClaimsDep", "ExceptionsDep", "PriorClaimsDep", "FormsDep", "OutboxDep", "ReviewDep",
           "NoticesDep", "ExamNumbersDep", "AccountsDep", "StaffAdminDep", "PairedDep"]


def _service(name: str) -> Callable[[Request], Any]:
    return from_state("services", name)


def _guard(request: Request) -> Guard:
    state = request.app.state
    return Guard(state.table, state.clock, client_address(request))


def _paired(request: Request) -> Paired:
    """The 本科 beside the 专科 (安徽): built per request over the one Submissions (it holds nothing of its own)."""
    return Paired(request.app.state.services.submissions)


def _review(request: Request) -> Review:
    state = request.app.state
    return Review(state.table, state.s3, state.settings, state.profile, state.clock, state.services)


ProfileDep = Annotated[Profile, Depends(from_state("profile"))]
ClockDep = Annotated[Callable[[], int], Depends(from_state("clock"))]
TableDep = Annotated[Any, Depends(from_state("table"))]
SessionsDep = Annotated[SessionReader, Depends(from_state("sessions"))]
ApplicationsDep = Annotated[Applications, Depends(_service("applications"))]
DraftingDep = Annotated[Drafting, Depends(_service("drafting"))]
PriorChecksDep = Annotated[PriorChecks, Depends(_service("prior"))]
PaymentsDep = Annotated[PaymentService, Depends(_service("payments"))]
DecisionsDep = Annotated[Decisions, Depends(_service("decisions"))]
ClaimsDep = Annotated[ClaimService, Depends(_service("claims"))]
ExamNumbersDep = Annotated[ExamNumbers, Depends(_service("exam_numbers"))]
ExceptionsDep = Annotated[ExceptionService, Depends(_service("exceptions"))]
PriorClaimsDep = Annotated[PriorClaims, Depends(_service("prior_claims"))]
NoticesDep = Annotated[Notices, Depends(_service("notices"))]
FormsDep = Annotated[FormService, Depends(_service("forms"))]
OutboxDep = Annotated[Outbox, Depends(_service("outbox"))]
ReviewDep = Annotated[Review, Depends(_review)]

# application: the candidate's own steps (the shared Applications service is ApplicationsDep)
SubmissionsDep = Annotated[Submissions, Depends(_service("submissions"))]
PairedDep = Annotated[Paired, Depends(_paired)]

# -- accounts: a person's own account (guarded by captcha and throttles), and staff managing accounts ------------
def _accounts(request: Request) -> Accounts:
    state = request.app.state
    return Accounts(_guard(request), AccountStore(state.table), state.profile, state.services.outbox)


def _staff_admin(request: Request) -> StaffAdmin:
    state = request.app.state
    return StaffAdmin(state.table, state.profile, state.clock, state.services.outbox)


AccountsDep = Annotated[Accounts, Depends(_accounts)]
StaffAdminDep = Annotated[StaffAdmin, Depends(_staff_admin)]
