"""Staff: managing staff accounts (admin), and helping candidates into their accounts (offices)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from functions.apply.deps import CurrentStaff, StaffAdminDep
from functions.common.models import Ok
from functions.common.params import ExamNo

from .models import (
    Approved,
    NewStaff,
    NewStaffAccount,
    PendingApproval,
    PendingRequests,
    Reason,
    RecordAccounts,
    ResetCodeSent,
    StaffAccounts,
)

router = APIRouter(prefix="/api/apply/staff", tags=["staff accounts"])
AccountId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$", description="账号编号")]
RequestId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="待批准操作的编号")]


@router.get("/accounts", response_model=StaffAccounts)
def staff_accounts(staff: CurrentStaff, staff_admin: StaffAdminDep):
    """All staff accounts (admin only)."""
    return {"accounts": staff_admin.list_staff(staff)}


@router.post("/accounts", status_code=201, response_model=NewStaffAccount | PendingApproval)
def create_staff(body: NewStaff, staff: CurrentStaff, response: Response, staff_admin: StaffAdminDep):
    """A new staff account (admin only) and the one-time code with which its owner sets a password; a new admin
    is asked for (202) and made when a second admin approves it."""
    made = staff_admin.create_staff(staff, body.login, body.name.strip(), body.role, tuple(body.offices),
                                    tuple(u.strip() for u in body.universities))
    if made.get("pending"):
        response.status_code = 202
    return made


@router.get("/approvals", response_model=PendingRequests)
def pending_approvals(staff: CurrentStaff, staff_admin: StaffAdminDep):
    """Admin acts waiting for a second admin's approval (admin only)."""
    return {"requests": staff_admin.pending_requests(staff)}


@router.post("/approvals/{request_id}/approve", response_model=Approved, response_model_exclude_none=True)
def approve(request_id: RequestId, staff: CurrentStaff, staff_admin: StaffAdminDep):
    """Approve another admin's request: it is done now, and its code is shown to me to hand over in person."""
    return staff_admin.approve(staff, request_id)


@router.post("/accounts/{account_id}/disable", response_model=Ok, response_model_exclude_none=True)
def disable_staff(account_id: AccountId, body: Reason, staff: CurrentStaff, staff_admin: StaffAdminDep):
    """Stop a staff account and end its sessions (admin only)."""
    staff_admin.disable_staff(staff, account_id, body.reason)
    return Ok()


@router.post("/accounts/{account_id}/reset-code", response_model=ResetCodeSent | PendingApproval)
def reset_code(account_id: AccountId, staff: CurrentStaff, staff_admin: StaffAdminDep):
    """A one-time code to set a new password: offices ask for one for their candidates (it goes by SMS to the
    candidate's phone, never to the screen); the admin asks for one for staff, which a second admin approves."""
    return staff_admin.reset_code(staff, account_id)


@router.get("/candidates/{exam_no}/accounts", response_model=RecordAccounts)
def candidate_accounts(exam_no: ExamNo, staff: CurrentStaff, staff_admin: StaffAdminDep):
    """The accounts bound to a candidate's record in my jurisdiction, and whether it is locked."""
    return staff_admin.record_accounts(staff, exam_no)


@router.post("/candidates/{exam_no}/lock", response_model=Ok, response_model_exclude_none=True)
def lock(exam_no: ExamNo, body: Reason, staff: CurrentStaff, staff_admin: StaffAdminDep):
    """Lock a candidate's record I judge abused (湖北 FAQ): no account of it signs in until it is unlocked."""
    staff_admin.lock_record(staff, exam_no, body.reason)
    return Ok()


@router.post("/candidates/{exam_no}/unlock", response_model=Ok, response_model_exclude_none=True)
def unlock(exam_no: ExamNo, body: Reason, staff: CurrentStaff, staff_admin: StaffAdminDep):
    """Unlock a candidate's record its office locked."""
    staff_admin.unlock_record(staff, exam_no, body.reason)
    return Ok()
