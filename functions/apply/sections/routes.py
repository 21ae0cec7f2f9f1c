"""The sections the candidate fills in before submitting, the prior-education check, and check answers."""
from __future__ import annotations

from fastapi import APIRouter

from functions.apply.deps import CurrentCandidate, DraftingDep, PriorChecksDep

from .models import (
    BasicChanges,
    CertificateCheck,
    CheckAnswers,
    Contact,
    DocumentsAsked,
    ManualClaim,
    PriorCheck,
    Resume,
    Saved,
    Text,
)

router = APIRouter(prefix="/api/apply/application", tags=["application details"])
# Answers that hold saved sections keep the keys the service gives (response_model_exclude_unset): a section not
# saved yet is absent rather than null.


@router.get("/check", response_model=CheckAnswers, response_model_exclude_unset=True)
def check_answers(me: CurrentCandidate, drafting: DraftingDep):
    """Everything I am about to submit, what is still missing, and the task list."""
    return drafting.check_answers(me)


@router.get("/documents", response_model=DocumentsAsked)
def documents_asked(me: CurrentCandidate, drafting: DraftingDep):
    """The documents I am asked for (the diploma only on the manual 前置学历 path, and so on), which are required."""
    return drafting.documents(me)


@router.put("/basic", response_model=Saved, response_model_exclude_unset=True)
def save_basic(body: BasicChanges, me: CurrentCandidate, drafting: DraftingDep):
    """Edit my basic information within the province's editable fields (an empty change confirms it)."""
    return drafting.save(me, "basic", body.changes)


@router.put("/contact", response_model=Saved, response_model_exclude_unset=True)
def save_contact(body: Contact, me: CurrentCandidate, drafting: DraftingDep):
    """My contact details: the mobile phone is required, the address and postcode are optional."""
    return drafting.save(me, "contact", body.model_dump())


@router.put("/resume", response_model=Saved, response_model_exclude_unset=True)
def save_resume(body: Resume, me: CurrentCandidate, drafting: DraftingDep):
    """My resume: at most the province's number of entries, in order, continuous where it asks, up to today."""
    return drafting.save(me, "resume", [e.model_dump(by_alias=True) for e in body.entries])


@router.put("/self-assessment", response_model=Saved, response_model_exclude_unset=True)
def save_self_assessment(body: Text, me: CurrentCandidate, drafting: DraftingDep):
    """My 自我鉴定, within the province's length."""
    return drafting.save(me, "self_assessment", body.text)


@router.put("/statement", response_model=Saved, response_model_exclude_unset=True)
def save_statement(body: Text, me: CurrentCandidate, drafting: DraftingDep):
    """An optional 情况说明 for the reviewers (at most 500 字)."""
    return drafting.save(me, "statement", body.text)


@router.post("/prior-education/verify", response_model=PriorCheck)
def verify_prior_education(body: CertificateCheck, me: CurrentCandidate, prior: PriorChecksDep):
    """Check my 前置学历 with 学信网 (with the certificate number where the province asks for it)."""
    return prior.verify(me, body.certificate_no)


@router.put("/prior-education/manual", response_model=PriorCheck)
def claim_prior_education(body: ManualClaim, me: CurrentCandidate, prior: PriorChecksDep):
    """The manual path: school, certificate number, graduation date, with the documents uploaded first."""
    return prior.manual(me, body.model_dump())
