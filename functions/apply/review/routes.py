"""Staff review: what I review, lists and queues, search, one application's page, decisions at a stage (one by one
or in bulk), 现场确认, a candidate's printed form; batches and their windows; exports (each in the audit log).

Every route is scoped on the server from the session; another jurisdiction's application answers 404 exactly as
one that does not exist.
"""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

from functions.apply.application.models import ApplicationView, FormId, FormLink
from functions.apply.deps import CurrentStaff, DecisionsDep, FormsDep, ReviewDep
from functions.common.params import ExamNo, OfficeFilter, PageCursor, PageLimit

from . import models, rules

router = APIRouter(prefix="/api/apply/staff")


@router.get("/review", response_model=models.Overview, response_model_exclude_unset=True, tags=["review"])
def overview(staff: CurrentStaff, review: ReviewDep):
    """What I review: the province's stages (mine marked), statuses, reject reasons, my offices or universities,
    the batches, and which extra queues (photos, identity, 现场确认) the province has."""
    return review.overview(staff)


@router.get("/applications", response_model=models.Rows, tags=["review"])
def applications(staff: CurrentStaff, review: ReviewDep, batch: models.BatchQuery = None,
                 stage: models.StageQuery = None, status: models.StatusQuery = None, office: OfficeFilter = None,
                 host: models.HostQuery = None, plan: models.PlanQuery = None, verdict: models.VerdictQuery = None,
                 clean: models.CleanQuery = None, onsite: models.OnsiteQuery = None, limit: PageLimit = 50,
                 cursor: PageCursor = None):
    """A page of a queue (`stage`) or list (`status`; neither: every state) in my jurisdiction, oldest first per
    office; `onsite=awaiting` lists who still has to come for 现场确认."""
    wanted = rules.filters(review.profile, stage=stage, status=status, office=office, host=host, plan_id=plan,
                           verdict=verdict, clean=clean, onsite=onsite)
    return review.applications(staff, batch, wanted, limit, cursor)


@router.post("/applications/search", response_model=models.Rows, tags=["review"])
def search(body: models.Search, staff: CurrentStaff, review: ReviewDep):
    """Find applications by name, ID number or 准考证号 in my jurisdiction; ID numbers shown masked."""
    return review.search(staff, body.batch, body.q, body.limit, body.cursor)


@router.get("/applications/{exam_no}", response_model=models.ApplicationPage, response_model_exclude_unset=True,
            tags=["review"])
def application(exam_no: ExamNo, staff: CurrentStaff, review: ReviewDep, batch: models.BatchQuery = None,
                pair: models.PairQuery = None):
    """One application for review: candidate, audit now and at submit, photo, documents (links valid 5 minutes),
    identity check, history, and the actions open to me (the transcript: GET /api/eligibility/staff/candidates/
    {准考证号}/transcripts/{plan})."""
    return review.page(staff, exam_no, batch, pair or "")


@router.get("/applications/{exam_no}/files/{kind}", status_code=303, response_class=RedirectResponse,
            tags=["review"])
def application_file(exam_no: ExamNo, kind: models.FileKind, staff: CurrentStaff, review: ReviewDep,
                     batch: models.BatchQuery = None):
    """One of the application's files (the photo, a document), for whoever may see the application: a redirect to
    a fresh link valid 5 minutes, each read in the reader's own log."""
    return RedirectResponse(review.file_link(staff, exam_no, kind, batch), status_code=303)


@router.get("/applications/{exam_no}/history", response_model=models.History, tags=["review"])
def application_history(exam_no: ExamNo, staff: CurrentStaff, review: ReviewDep, batch: models.BatchQuery = None,
                        pair: models.PairQuery = None):
    """The application's whole history (the page's answer carries the newest lines: 更早的记录 loads this);
    ?pair=bachelor: the 本科's (安徽 本、专科专业一并申请)."""
    return review.history(staff, exam_no, batch, pair or "")


@router.get("/applications/{exam_no}/files/{kind}/entries", response_model=models.ZipEntries, tags=["review"])
def zip_entries(exam_no: ExamNo, kind: models.FileKind, staff: CurrentStaff, review: ReviewDep,
                batch: models.BatchQuery = None):
    """The files inside an uploaded zip, names and sizes (the page lists them when asked: 列出压缩包内容)."""
    return review.zip_entries(staff, exam_no, kind, batch)


@router.post("/applications/bulk-approve", response_model=models.BulkApproved, response_model_exclude_unset=True,
             tags=["review"])
def bulk_approve(body: models.BulkApproval, staff: CurrentStaff, review: ReviewDep):
    """Approve, at one stage of the open batch, those of the listed applications that are clean; say which were
    skipped and why."""
    return review.approve_clean(staff, body.stage, body.exam_nos)


@router.post("/applications/{exam_no}/decision", response_model=ApplicationView, tags=["staff decisions"])
def decide(exam_no: ExamNo, body: models.StageDecision, staff: CurrentStaff, decisions: DecisionsDep,
           pair: models.PairQuery = None):
    """Approve or reject at the named stage (the stage makes a stale second decision fail, not overwrite); with
    ?pair=bachelor, the 本科 applied for beside the 专科 (安徽)."""
    return decisions.decide(staff, exam_no, body.stage, body.decision == rules.Decision.APPROVE, body.reason,
                            pair or "")


@router.post("/applications/{exam_no}/onsite", response_model=ApplicationView, tags=["staff decisions"])
def confirm_onsite(exam_no: ExamNo, staff: CurrentStaff, decisions: DecisionsDep):
    """现场确认 (湖北): recorded by the office; locks the candidate's data."""
    return decisions.confirm_onsite(staff, exam_no)


@router.get("/applications/{exam_no}/forms/{form_id}", response_model=FormLink, tags=["staff decisions"])
def candidate_form(exam_no: ExamNo, form_id: FormId, staff: CurrentStaff, decisions: DecisionsDep,
                   forms: FormsDep, pair: models.PairQuery = None):
    """A short-lived link to a candidate's printed form, for an application in my jurisdiction (in their log)."""
    _, item = decisions.visible(staff, exam_no, pair or "")
    return forms.staff_link(staff, item, form_id)


@router.get("/batches", response_model=models.Batches, tags=["batches"])
def batches(staff: CurrentStaff, review: ReviewDep):
    """Every batch: dates, each type's window and whether it is open now, which batch is current."""
    return {"batches": review.windows.list(staff)}


@router.put("/batches/{batch_id}/windows/{candidate_type}", response_model=models.Batch, tags=["batches"])
def set_window(batch_id: models.BatchPath, candidate_type: models.CandidateType, body: models.Window,
               staff: CurrentStaff, review: ReviewDep):
    """Province/admin: open or move one type's application window (to close it now, let it end now)."""
    return review.windows.set_window(staff, batch_id, candidate_type, body.opens, body.closes)


@router.put("/batches/{batch_id}/photo-window", response_model=models.Batch, tags=["batches"])
def set_photo_window(batch_id: models.BatchPath, body: models.Window, staff: CurrentStaff, review: ReviewDep):
    """Province/admin, where the profile has a photo window (安徽): when photos may be uploaded, closing before the
    application windows close (the city reviews them meanwhile)."""
    return review.windows.set_photo_window(staff, batch_id, body.opens, body.closes)


@router.put("/batches/{batch_id}/offices/{office}/windows/{candidate_type}", response_model=models.Batch,
            tags=["batches"])
def set_office_window(batch_id: models.BatchPath, office: models.OfficePath, candidate_type: models.CandidateType,
                      body: models.Window, staff: CurrentStaff, review: ReviewDep):
    """An office's staff (first review stage, where the profile lets offices): their own window for one type of
    candidate, within the province's."""
    return review.windows.set_office_window(staff, batch_id, office, candidate_type, (body.opens, body.closes))


@router.delete("/batches/{batch_id}/offices/{office}/windows/{candidate_type}", response_model=models.Batch,
               tags=["batches"])
def clear_office_window(batch_id: models.BatchPath, office: models.OfficePath, candidate_type: models.CandidateType,
                        staff: CurrentStaff, review: ReviewDep):
    """An office's staff: clear their own window for one type of candidate (the province's applies again)."""
    return review.windows.set_office_window(staff, batch_id, office, candidate_type, None)


@router.put("/batches/{batch_id}/dates", response_model=models.Batch, tags=["batches"])
def set_dates(batch_id: models.BatchPath, body: models.Dates, staff: CurrentStaff, review: ReviewDep):
    """Province/admin: the batch's graduation date and prior-education cut-off (the audits use them at once)."""
    return review.windows.set_dates(staff, batch_id, body.graduation_date, body.prior_edu_cutoff)


@router.post("/exports/graduates", response_model=models.GraduatesExport, tags=["batches"])
def export_graduates(body: models.Export, staff: CurrentStaff, review: ReviewDep):
    """Provincial office only (full ID numbers in bulk): the approved graduates as CSV for 学信网 registration, behind
    a link valid 5 minutes."""
    return review.exports.graduates(staff, review.batch(body.batch))


@router.post("/exports/counts", response_model=models.Counts, tags=["batches"])
def export_counts(body: models.Export, staff: CurrentStaff, review: ReviewDep):
    """How many applications stand in each stage and status, per county or city office, in my jurisdiction."""
    return review.exports.counts(staff, review.batch(body.batch))
