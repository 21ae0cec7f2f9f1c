"""The staff review API's shapes: parameters, request bodies, and every answer (`response_model`s).

Answers forbid undeclared fields (common/models.py's Answer). Where an answer passes on a document another part
owns, it is declared as an object and named for its owner: the audit as the eligibility service answers it, the
record's sittings, exemptions and transfers as imported, the identity check as the photo function shows it.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import BaseModel, Field

from functions.apply.application.models import BatchName
from functions.apply.application.status import Status
from functions.apply.sections.models import DocumentAsked
from functions.common.jurisdiction import Role
from functions.common.models import Answer
from functions.common.params import BATCH_PATTERN, EXAM_NO_PATTERN
from functions.eligibility.engine import Verdict
from functions.eligibility.models import ExceptionApplied, StaffExceptionMade
from functions.photo.registration_photos import IMPORTED
from functions.profiles.vocabulary import DOCUMENT_NAMES

from .rules import MAX_BULK, Decision, Onsite, StaffAction

STAGE_PATTERN = r"^[a-z_]{1,40}$"

# -- parameters ------------------------------------------------------------------------------------------------
BatchPath = Annotated[str, Path(pattern=BATCH_PATTERN, description="批次编号")]
Pair = Literal["bachelor"]          # keys.PAIRS
PairQuery = Annotated[Pair | None, Query(description="一并申请的本科专业（安徽）；不带时为本批次的申请")]
BatchQuery = Annotated[str | None, Query(pattern=BATCH_PATTERN, description="批次（默认：当前批次）")]
OfficePath = Annotated[str, Path(pattern=r"^\d{6}$", description="考试机构（行政区划代码）")]
FileKind = Annotated[str, Path(pattern="^(" + "|".join([*DOCUMENT_NAMES, IMPORTED]) + ")$",
                               description="照片或材料；registration_photo 为申请表打印的照片")]
CandidateType = Annotated[str, Path(min_length=1, max_length=20, description="考生类别，* 表示全部考生")]
StageQuery = Annotated[str | None, Query(pattern=STAGE_PATTERN, description="审核阶段")]
StatusQuery = Annotated[Status | None, Query(description="申请状态")]
HostQuery = Annotated[str | None, Query(min_length=2, max_length=50, description="主考学校")]
PlanQuery = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="专业考试计划")]
# The verdicts an application may be submitted with (a list filters by the one at submit).
SubmittedVerdict = Literal[Verdict.ELIGIBLE, Verdict.ELIGIBLE_CONDITIONAL]
VerdictQuery = Annotated[SubmittedVerdict | None, Query(description="提交时的审核结论")]
CleanQuery = Annotated[bool | None, Query(description="提交时的审核有无发现问题")]
OnsiteQuery = Annotated[Onsite | None, Query(description="现场确认：待确认或已确认")]


# -- request bodies --------------------------------------------------------------------------------------------
class Search(BaseModel):
    q: str = Field(min_length=1, max_length=40,
                   description="姓名、身份证号或准考证号（放在请求体中，不进入网址和日志）")
    batch: str | None = Field(default=None, pattern=BATCH_PATTERN)
    cursor: str | None = Field(default=None, max_length=2000, pattern=r"^[A-Za-z0-9_-]+$")
    limit: int = Field(default=50, ge=1, le=100, strict=True)   # strict: true is not 1


class BulkApproval(BaseModel):
    stage: str = Field(pattern=STAGE_PATTERN, description="审核阶段编号")
    exam_nos: list[Annotated[str, Field(pattern=EXAM_NO_PATTERN)]] = Field(min_length=1, max_length=MAX_BULK)


class StageDecision(BaseModel):
    stage: str = Field(pattern=STAGE_PATTERN, description="审核阶段编号")
    decision: Decision
    reason: str | None = Field(default=None, max_length=200)


class Window(BaseModel):
    opens: datetime = Field(description="开始时间，如 2026-11-01T00:00（北京时间）")
    closes: datetime = Field(description="结束时间，如 2027-01-15T17:00（北京时间）")


class Dates(BaseModel):
    graduation_date: date = Field(description="毕业时间 YYYY-MM-DD")
    prior_edu_cutoff: date | None = Field(default=None, description="前置学历证书落款日期最晚为 YYYY-MM-DD")


class Export(BaseModel):
    batch: str | None = Field(default=None, pattern=BATCH_PATTERN, description="批次（默认：当前批次）")


# -- what I review ---------------------------------------------------------------------------------------------
class Stage(Answer):
    id: str
    kind: str = Field(description="阶段类型（review 审核、payment 缴费、form_return 交回登记表）")
    name: str = Field(description="审核阶段")
    role: Role | None = Field(default=None, description="办理的考试机构（缴费阶段无）")
    form: str | None = Field(default=None, description="交回的表格编号（form_return 阶段）")
    mine: bool = Field(description="由我办理")


class Office(Answer):
    code: str
    name: str = Field(description="考试机构")


class BatchDated(BatchName):
    graduation_date: str = Field(description="毕业时间")


class Overview(Answer):
    role: Role
    stages: list[Stage]
    statuses: list[Status]
    reject_reasons: list[str] = Field(description="退回原因")
    offices: list[Office]
    universities: list[str]
    batches: list[BatchDated]
    current_batch: str
    onsite_confirmation: bool = Field(description="设现场确认")
    photo_review: Role | None = Field(description="审核照片的考试机构（不审核：无）")
    identity_review: bool = Field(description="设身份认证人工审核")


# -- lists -----------------------------------------------------------------------------------------------------
class Row(Answer):
    exam_no: str = Field(description="准考证号")
    name: str = Field(description="姓名")
    id_number: str | None = Field(description="身份证号（部分隐去）")
    office: str
    office_name: str | None = Field(description="考试机构")
    plan_id: str
    major_name: str | None = Field(description="专业")
    level: str | None = Field(description="层次")
    host_universities: list[str] = Field(description="主考学校")
    candidate_type: str | None = Field(description="考生类别")
    status: Status
    stage: str | None
    status_text: str = Field(description="状态")
    onsite_confirmed: bool = Field(description="已现场确认")
    since: str = Field(description="进入当前状态的时间（UTC）")
    submitted_at: str | None = Field(description="提交时间（UTC）")
    verdict: SubmittedVerdict | None = Field(description="提交时的审核结论")
    findings: list[str] = Field(description="提交时的审核发现（代码）")
    reference: str | None = Field(description="申请编号")
    version: int
    pair: Pair | None = Field(None, description="一并申请的本科专业（安徽）：打开和审核时带上 ?pair=bachelor")


class Rows(Answer):
    items: list[Row]
    cursor: str | None = Field(description="下一页的 cursor（没有更多：null）")


# -- one application -------------------------------------------------------------------------------------------
class ApplicationShown(Answer):
    """Where the application stands, as staff read it (the candidate's next step and actions are theirs)."""
    exam_no: str
    plan_id: str
    major_name: str | None
    level: str | None
    host_universities: list[str]
    direction_name: str | None = Field(default=None, description="专业毕业方向（专业没有多个方向时为空）")
    status: Status
    stage: str | None = Field(description="正在等待的审核阶段（审核中），或退回申请的阶段")
    status_text: str = Field(description="申请状态")
    reason: str | None = Field(None, description="退回原因")
    onsite_confirmed: bool = False
    paid: bool | None = Field(None, description="已缴费（本省不收费时为 null）")
    refund: str | None = Field(None, description="退费：待退（及退回时间）或已退（没有退费时为 null）")
    office_name: str | None = Field(None, description="毕业申请区县（办理申请的考试机构）")


class PriorEducation(Answer):
    checked: dict[str, Any] | None = Field(description="申请时核验的前置学历（学信网或人工核验）")
    on_record: list[dict[str, Any]] = Field(description="考籍档案中的前置学历")


class CandidateShown(Answer):
    """The record with the candidate's accepted edits over it; the full ID number (never in a list)."""
    exam_no: str
    name: str
    id_number: str
    office: str
    candidate_type: str | None
    gender: str | None = None
    ethnicity: str | None = None
    political_status: str | None = None
    hukou_type: str | None = None
    hukou_place: str | None = None
    education: str | None = None
    education_type: str | None = None
    studying: str | bool | None = None
    school: str | None = None
    phone: str | None = None
    address: str | None = None
    postcode: str | None = None
    employer: str | None = None
    office_name: str | None
    recorded: dict[str, Any] = Field(default_factory=dict,
                                     description="考生修改过的基本信息在考籍记录中原来的值（未改的不列）")
    details: dict[str, Any] = Field(description="考生填写的申请信息（各部分）")
    prior_education: PriorEducation


class SubmittedFinding(Answer):
    code: str
    severity: str | None = None
    message: str | None = None


class SubmittedAudit(Answer):
    verdict: SubmittedVerdict
    verdict_text: str = Field(description="提交时的结论")
    at: str
    findings: list[SubmittedFinding]


class AppliedShown(Answer):
    use: list[str] = Field(description="用来顶替的课程（代码）")
    replace: list[str] = Field(description="被顶替的课程（代码；计入选修学分时为空）")
    how: str = Field(description="顶替的来由：考生申请的替代课程或课程顶替，或按规则自动应用")


class AuditShown(Answer):
    """The audit now as the page draws it (the eligibility service's answer, cut to what the reviewer decides on:
    the verdict, what is wrong or missing, the 顶替 used with their courses named, the staff exceptions). The
    rest of the full audit is GET /api/eligibility/staff/candidates/{准考证号}/audits/{plan}."""
    verdict: Verdict
    verdict_text: str = Field(description="现在的结论")
    findings: list[SubmittedFinding]
    applied: list[AppliedShown]
    course_names: dict[str, str] = Field(description="顶替用到的课程的名称（代码 → 名称）")
    exceptions: list[StaffExceptionMade]
    exceptions_applied: list[ExceptionApplied] | None = None


class Audits(Answer):
    now: AuditShown = Field(description="现在的审核（含工作人员的例外和顶替）")
    at_submit: SubmittedAudit | None = Field(description="提交时的审核")


class UploadShown(Answer):
    kind: str
    name: str = Field(description="材料")
    status: str
    ok: bool | None = Field(description="通过自动检查")
    findings: list[dict[str, Any]] = Field([], description="自动检查的发现")
    fixed: bool = False
    review: dict[str, Any] | None = Field(None, description="工作人员的审核")
    entry_count: int = Field(0, description="压缩包内的文件数（列表：GET …/files/{kind}/entries）")
    format: str = Field(description="文件类型：jpg、png、pdf 或 zip")


class Actor(Answer):
    kind: str
    role: Role | None = None
    name: str | None = Field(None, description="工作人员的姓名（考生本人与系统不写）")


class HistoryEntry(Answer):
    at: str
    action: str
    what: str = Field(description="事项")
    actor: Actor
    who: str = Field(description="办理人（考生本人、系统，或工作人员的机构与姓名）")
    reason: str | None = None


class OpenAction(Answer):
    action: StaffAction
    stage: str | None = None


class OpinionShown(Answer):
    """The joint office's part of a joint review (安徽's 会审: 主考院校), given or still awaited."""
    stage: str
    stage_name: str = Field(description="会审阶段")
    office: str = Field(description="填写会审意见的机构")
    agree: bool | None = Field(None, description="同意（true）或不同意（false）；尚未填写时没有")
    reason: str | None = Field(None, description="不同意的原因")
    by: str | None = Field(None, description="填写意见的工作人员")
    at: str | None = Field(None, description="填写时间")


class RegistrationPhotoShown(Answer):
    """The photo the 申请表 prints where the province collects none online (湖北), and where it came from."""
    source: str = Field(description="照片来源：registration_photo 报名照片，onsite_photo 现场确认时拍摄")
    source_name: str
    url: str


class ApplicationPage(Answer):
    application: ApplicationShown
    opinion: OpinionShown | None = Field(None, description="会审中另一方的意见（本省不设会审时为 null）")
    candidate: CandidateShown
    audit: Audits
    photo: UploadShown | None
    registration_photo: RegistrationPhotoShown | None = Field(
        None, description="申请表打印的照片（本省不收毕业照片时；未导入也未现场拍摄时为 null）")
    documents: list[UploadShown]
    documents_asked: list[DocumentAsked] = Field(description="要求考生上传的材料（与考生的材料页同一规则）")
    identity: dict[str, Any] | None = Field(None, description="身份认证：status（本省不设时没有）")
    history: list[HistoryEntry] = Field(description="最近的办理记录（更早的：GET …/history）")
    history_earlier: int = Field(0, description="没有列出的办理记录（更早的和查阅记录）的条数")
    onsite_line: HistoryEntry | None = Field(None, description="现场确认的记录，已不在列出的办理记录中时")
    exceptions_asked: bool = Field(False, description="办理记录中有特殊处理（提出、批准、不批准或撤回）")
    actions: list[OpenAction]
    paired_with: str | None = Field(None, description="同一批次一并申请的另一个专业及其状态（本、专科专业一并申请）")


class History(Answer):
    history: list[HistoryEntry] = Field(description="全部办理记录")


class ZipEntry(Answer):
    name: str = Field(description="文件名")
    bytes: int = Field(description="字节数")


class ZipEntries(Answer):
    entries: list[ZipEntry] = Field(description="压缩包内的文件")


class Skipped(Answer):
    exam_no: str
    code: str
    message: str = Field(description="未通过的原因")
    findings: list[str] | None = None


class BulkApproved(Answer):
    stage: str
    approved: list[str]
    skipped: list[Skipped]


# -- batches and exports ---------------------------------------------------------------------------------------
class WindowShown(Answer):
    opens: str = Field(description="开始时间（北京时间）")
    closes: str = Field(description="结束时间（北京时间）")
    open_now: bool = Field(description="正在申请")


class OfficeWindowShown(WindowShown):
    office: str
    office_name: str | None = Field(description="考试机构")
    candidate_type: str = Field(description="考生类别，* 表示全部考生")


class Batch(BatchDated):
    current: bool = Field(description="当前批次")
    prior_edu_cutoff: str | None = Field(description="前置学历落款最晚")
    windows: dict[str, WindowShown] = Field(description="各类考生的申请时间（* 表示全部考生）")
    office_windows: list[OfficeWindowShown] = Field(description="考试机构自定的申请时间（在省级的申请时间之内）")
    photo_window: WindowShown | None = Field(default=None, description="相片上传时间（早于申请结束时间；未设置：无）")


class Batches(Answer):
    batches: list[Batch]


class GraduatesExport(Answer):
    rows: int
    columns: list[str]
    filename: str
    url: str = Field(description="下载链接（5 分钟内有效）")
    expires_in: int


class CountColumn(Answer):
    state: str
    name: str


class OfficeCounts(Answer):
    office: str
    office_name: str | None
    counts: dict[str, int]
    total: int


class Counts(Answer):
    batch: BatchName
    states: list[CountColumn]
    offices: list[OfficeCounts]
    totals: dict[str, int]
