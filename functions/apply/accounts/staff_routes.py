"""Staff: managing staff accounts (admin), and helping candidates into their accounts (offices)."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from functions.apply.deps import ClockDep, CurrentStaff, ProfileDep, TableDep

from . import staff_admin

router = APIRouter(prefix="/api/apply/staff", tags=["staff accounts"])
ExamNo = Annotated[str, Path(pattern=r"^\d{12}$", description="准考证号")]
AccountId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$", description="账号编号")]


class NewStaff(BaseModel):
    login: str = Field(pattern=r"^[A-Za-z0-9._-]{3,40}$", description="登录名：字母、数字、._-，3–40 位")
    name: str = Field(min_length=1, max_length=30)
    role: Literal["county", "city", "university", "province", "admin"]
    offices: list[Annotated[str, Field(pattern=r"^\d{6}$")]] = Field(default=[], max_length=50)
    universities: list[Annotated[str, Field(min_length=2, max_length=50)]] = Field(default=[], max_length=20)


class Reason(BaseModel):
    reason: str = Field(min_length=2, max_length=200, description="原因（记入日志）")


@router.get("/accounts")
def staff_accounts(staff: CurrentStaff, table: TableDep):
    """All staff accounts (admin only)."""
    return {"accounts": staff_admin.list_staff(table, staff)}


@router.post("/accounts", status_code=201)
def create_staff(body: NewStaff, staff: CurrentStaff, table: TableDep, profile: ProfileDep, clock: ClockDep):
    """A new staff account (admin only) and the one-time code with which its owner sets a password."""
    return staff_admin.create_staff(table, profile, staff, body.login, body.name.strip(), body.role,
                                    tuple(body.offices), tuple(u.strip() for u in body.universities), clock())


@router.post("/accounts/{account_id}/disable")
def disable_staff(account_id: AccountId, body: Reason, staff: CurrentStaff, table: TableDep, clock: ClockDep):
    """Stop a staff account and end its sessions (admin only)."""
    staff_admin.disable_staff(table, staff, account_id, body.reason, clock())
    return {"ok": True}


@router.post("/accounts/{account_id}/reset-code")
def reset_code(account_id: AccountId, staff: CurrentStaff, table: TableDep, clock: ClockDep):
    """A one-time code to set a new password: offices for their candidates, the admin for staff."""
    return staff_admin.candidate_reset_code(table, staff, account_id, clock())


@router.get("/candidates/{exam_no}/accounts")
def candidate_accounts(exam_no: ExamNo, staff: CurrentStaff, table: TableDep):
    """The accounts bound to a candidate's record in my jurisdiction, and whether it is locked."""
    return staff_admin.record_accounts(table, staff, exam_no)


@router.post("/candidates/{exam_no}/unlock")
def unlock(exam_no: ExamNo, body: Reason, staff: CurrentStaff, table: TableDep, clock: ClockDep):
    """Unlock a candidate's record that was locked for too many accounts."""
    staff_admin.unlock_record(table, staff, exam_no, body.reason, clock())
    return {"ok": True}
