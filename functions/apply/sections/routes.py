"""The sections the candidate fills in before submitting, and the prior-education check."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field, StrictBool

from functions.apply.deps import CurrentCandidate, DraftingDep, PriorChecksDep

router = APIRouter(prefix="/api/apply/application", tags=["application details"])
Short = Annotated[str, Field(max_length=200)]


class BasicChanges(BaseModel):
    """Only the fields the province lets candidates edit; never the name."""
    changes: dict[Annotated[str, Field(max_length=30)], Short | StrictBool | None] = Field(max_length=20)


class Contact(BaseModel):
    phone: Short | None = None
    address: Short | None = None
    postcode: Short | None = None


class ResumeEntry(BaseModel):
    start: Short | None = Field(default=None, alias="from", description="开始年月，如 2019-06")
    to: Short | None = Field(default=None, description="结束年月，或“至今”")
    unit: Short | None = None
    role: Short | None = None


class Resume(BaseModel):
    entries: list[ResumeEntry] = Field(max_length=20)


class Text(BaseModel):
    text: str = Field(max_length=5000)


class CertificateCheck(BaseModel):
    certificate_no: Annotated[str, Field(max_length=40)] | None = None


class ManualClaim(BaseModel):
    school: Short | None = None
    certificate_no: Annotated[str, Field(max_length=40)] | None = None
    graduated_on: Annotated[str, Field(max_length=20)] | None = None


@router.put("/basic")
def save_basic(body: BasicChanges, me: CurrentCandidate, drafting: DraftingDep):
    """Edit my basic information within the province's editable fields (an empty change confirms it)."""
    return drafting.save(me, "basic", body.changes)


@router.put("/contact")
def save_contact(body: Contact, me: CurrentCandidate, drafting: DraftingDep):
    """My contact details: the mobile phone is required, the address and postcode are optional."""
    return drafting.save(me, "contact", body.model_dump())


@router.put("/resume")
def save_resume(body: Resume, me: CurrentCandidate, drafting: DraftingDep):
    """My resume: at most the province's number of entries, in order, continuous where it asks, up to today."""
    entries = [e.model_dump(by_alias=True) for e in body.entries]
    return drafting.save(me, "resume", entries)


@router.put("/self-assessment")
def save_self_assessment(body: Text, me: CurrentCandidate, drafting: DraftingDep):
    """My 自我鉴定, within the province's length."""
    return drafting.save(me, "self_assessment", body.text)


@router.put("/statement")
def save_statement(body: Text, me: CurrentCandidate, drafting: DraftingDep):
    """An optional 情况说明 for the reviewers (at most 500 字)."""
    return drafting.save(me, "statement", body.text)


@router.post("/prior-education/verify")
def verify_prior_education(body: CertificateCheck, me: CurrentCandidate, prior: PriorChecksDep):
    """Check my 前置学历 with 学信网 (with the certificate number where the province asks for it)."""
    return prior.verify(me, body.certificate_no)


@router.put("/prior-education/manual")
def claim_prior_education(body: ManualClaim, me: CurrentCandidate, prior: PriorChecksDep):
    """The manual path: school, certificate number, graduation date, with the documents uploaded first."""
    return prior.manual(me, body.model_dump())
