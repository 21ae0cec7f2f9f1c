"""The application's judgements that read only the profile, the batch and the audit: the parts of a profile the
lifecycle reads (`Rules`), whether the window is open, which office handles the application, which host
universities a candidate may name, and what a submit keeps of the audit. Pure: times come in as arguments.
"""
from __future__ import annotations

from functions.common.errors import AppError, BadInput
from functions.common.time import epoch_of, shown
from functions.eligibility.engine import NOT_MET, SUBMITTABLE, Severity, Verdict
from functions.eligibility.engine.directions import directions_of
from functions.photo.statuses import PHOTO_PASSED, IdentityStatus

from .events import MakeForm

RECEIPT_SECONDS = 24 * 60 * 60                         # how long a submit's answer is kept for its retries


class TransitionRefused(AppError):
    """`why` is a stable tag (stale, role, reason, not_now, …); the status follows from it."""
    code = "TRANSITION_REFUSED"

    def __init__(self, message: str, why: str = "not_now", field: str | None = None):
        super().__init__(message, field=field, why=why)
        self.why = why
        self.status = {"role": 403, "reason": 422, "amount": 422, "unknown_stage": 422}.get(why, 409)


class Rules:
    """The parts of a profile the lifecycle reads."""

    def __init__(self, profile: dict):
        self.profile = profile
        self.stages: list[dict] = profile["review"]["stages"]
        self.index = {s["id"]: i for i, s in enumerate(self.stages)}
        self.fee: dict | None = profile.get("fee")
        self.forms: list[dict] = profile.get("forms") or []
        self.onsite = bool(profile["application"]["onsite_confirmation"])
        self.limit: int | None = profile["application"]["resubmission_limit"]
        self.after_approval: str | None = profile["application"]["after_approval"]

    def stage(self, stage_id: str | None) -> dict:
        if stage_id not in self.index:
            raise TransitionRefused(f"本省的毕业审核没有「{stage_id}」这一阶段", "unknown_stage", "stage")
        return self.stages[self.index[stage_id]]

    def forms_after(self, point: str) -> list[MakeForm]:
        return [MakeForm(f["id"]) for f in self.forms if f["after"] == point]

    def form_name(self, form_id: str) -> str:
        return next(f["name"] for f in self.forms if f["id"] == form_id)

    def fee_fen(self) -> int:
        return int(self.charged()["amount_yuan"]) * 100

    def charged(self) -> dict:
        """The fee; only asked for where a payment stage exists, which the profile checker ties to a fee."""
        if self.fee is None:
            raise TransitionRefused("本省毕业申请不收费", "no_fee")
        return self.fee


def _window(batch: dict, candidate_type: str | None) -> dict | None:
    windows = batch.get("windows") or {}
    return windows.get(candidate_type or "") or windows.get("*")


def for_office(batch: dict, office: str | None) -> dict:
    """The batch as one office's candidates see it: where the office set its own windows (安徽: 合肥市的考生按合肥市
    教育考试院的通知办理), they replace the province's type by type, kept within it (the province may have
    narrowed its own since). Applied only where a window is read for a candidate (start, submit, the fee's pay-by
    date); the round's end stays the province's."""
    own = (batch.get("office_windows") or {}).get(office or "")
    if not own:
        return batch
    kept = {kind: _within(w, _window(batch, kind)) for kind, w in own.items()}
    return {**batch, "windows": {**(batch.get("windows") or {}), **{k: w for k, w in kept.items() if w}}}


def _within(window: dict, province: dict | None) -> dict | None:
    if province is None:
        return None
    return {"opens": max(window["opens"], province["opens"], key=epoch_of),
            "closes": min(window["closes"], province["closes"], key=epoch_of)}


def province_window(batch: dict, candidate_type: str) -> dict | None:
    """The province's window for this type of candidate (or for all types), which an office's may only narrow."""
    return _window(batch, candidate_type)


def narrowed(window: dict, province: dict | None, province_office: str) -> dict:
    """An office's window as stored, when it lies within the province's for that type of candidate: an office may
    only narrow it (opens no earlier, closes no later); every problem at once, each naming the field."""
    if province is None:
        raise BadInput(f"{province_office}没有为这类考生开放毕业申请，考试机构不能另设申请时间", field="candidate_type")
    outside = (("opens", "开始时间", "早于", epoch_of(window["opens"]) < epoch_of(province["opens"])),
               ("closes", "结束时间", "晚于", epoch_of(window["closes"]) > epoch_of(province["closes"])))
    problems = [{"field": field, "message": f"{label}不能{word}{province_office}规定的{label}"
                                            f" {shown(epoch_of(province[field]))}（北京时间）"}
                for field, label, word, wrong in outside if wrong]
    if problems:
        raise BadInput("；".join(p["message"] for p in problems), field=problems[0]["field"], problems=problems)
    return window


def window_dates(batch: dict, candidate_type: str | None) -> str | None:
    """When this type of candidate may apply, in Beijing time as people read it (None: no window for them). Shown
    before they start (湖北's manual, step 3), and in the reason when the window is not open."""
    window = _window(batch, candidate_type)
    if not window:
        return None
    return f"{shown(epoch_of(window['opens']))} 至 {shown(epoch_of(window['closes']))}（北京时间）"


def window_closes(batch: dict, candidate_type: str | None) -> str | None:
    """When this type of candidate's window closes, as people read it: the fee is due by then too (重庆: 考生未能在
    规定时间内申请成功，当次不予办理)."""
    window = _window(batch, candidate_type)
    return f"{shown(epoch_of(window['closes']))}（北京时间）" if window else None


def round_ends(batch: dict | None) -> int | None:
    """When the batch's processing is over (重庆 须知 9: 当次毕业办理结束): the last close of its windows, every type
    of candidate's, as the batch says now (the province may move them). None: a batch without windows."""
    closes = [epoch_of(w["closes"]) for w in ((batch or {}).get("windows") or {}).values() if w]
    return max(closes) if closes else None


def refund_after(batch: dict | None) -> str | None:
    """The round's end as people read it (Beijing time), for a refund owed then."""
    end = round_ends(batch)
    return shown(end) if end is not None else None


def not_open_to(application: dict, batch: dict, candidate_type: str | None, now: int) -> str | None:
    """Why this candidate cannot apply here now: their type applies elsewhere (the profile says where), or the
    window is not open (None: they can)."""
    elsewhere = (application.get("apply_elsewhere") or {}).get(candidate_type or "")
    return elsewhere or window_problem(batch, candidate_type, now)


def window_problem(batch: dict, candidate_type: str | None, now: int) -> str | None:
    """Why the batch's application window for this type of candidate is not open now (None when it is)."""
    window = _window(batch, candidate_type)
    if not window:
        return f"{batch.get('name', '本批次')}没有为{candidate_type or '您这类考生'}开放毕业申请"
    opens, closes = epoch_of(window["opens"]), epoch_of(window["closes"])
    dates = f"（申请时间：{window_dates(batch, candidate_type)}）"
    if now < opens:
        return "毕业申请尚未开始" + dates
    if now >= closes:
        return "毕业申请已经结束" + dates
    return None


def chosen_hosts(plan: dict, chosen: list[str], limit: int) -> list[str]:
    """The host universities named (the plan's first when none is), at most `limit`, each one the plan's."""
    offered = list(plan.get("host_universities") or [])
    chosen = chosen or offered[:1]
    if len(chosen) > limit:
        raise BadInput(f"本省最多选择 {limit} 所主考院校", field="host_universities")
    unknown = [h for h in chosen if h not in offered]
    if unknown:
        raise BadInput(f"{'、'.join(unknown)} 不是该专业的主考院校（可选：{'、'.join(offered)}）",
                       field="host_universities")
    return chosen


DIRECTION_LABEL = "专业毕业方向"             # what the 选择申请专业 page asks, in the seed's words (湖北 step 6)


def chosen_direction(plan: dict, asked: str | None) -> dict | None:
    """The 专业方向 chosen (engine/directions.py): one of the plan's where it has several, none where it has none."""
    options = directions_of(plan)
    if not options:
        if asked:
            raise BadInput(f"该专业没有可选的{DIRECTION_LABEL}", field="direction")
        return None
    names = "、".join(d["name"] for d in options)
    if not asked:
        raise BadInput(f"该专业有多个方向，请选择{DIRECTION_LABEL}（可选：{names}）", field="direction")
    chosen = next((d for d in options if d["id"] == asked), None)
    if chosen is None:
        raise BadInput(f"所选的不是该专业的{DIRECTION_LABEL}（可选：{names}）", field="direction")
    return {"direction": chosen["id"], "direction_name": chosen["name"]}


OFFICE_LABEL = "毕业申请区县"                # what the 选择申请专业 page calls the office it offers


def chosen_office(profile_data: dict, asked: str | None, kept: str | None, record_office: str) -> str:
    """The office that handles the application: where the profile lets candidates choose (山西: 选择毕业申请区县),
    the one asked for (one of the profile's offices), else the one chosen before, else the record's; elsewhere
    always the record's."""
    if not profile_data["application"]["choose_office"]:
        if asked and asked != record_office:
            raise BadInput(f"{profile_data['province']}的毕业申请由考籍所在的考试机构办理，不能另选{OFFICE_LABEL}",
                           field="office")
        return record_office
    if asked is None:
        return kept or record_office
    if not any(o["code"] == asked for o in profile_data["offices"]):
        raise BadInput(f"请从列表中选择{OFFICE_LABEL}", field="office")
    return asked


def system_approves(audit: dict, photo: str | None, identity: str | None, profile_data: dict) -> bool:
    """Whether the system may pass the application (山西 seed 004 step 5: 系统审核通过或招办全部审批通过后才可进行
    支付), the one rule: a clean audit (eligible, no finding, no staff exception: a person looks at every one an
    exception made eligible), the identity check by photos passed where the province has one, and the photo
    (`photo`: its status) passed where the province takes one. Which stages the system may pass is the profile's
    (review.stages[].system_approval, read by the lifecycle); everything else waits for a person as before."""
    if audit["verdict"] != Verdict.ELIGIBLE or audit.get("findings") or audit.get("exceptions"):
        return False
    if profile_data["login"]["identity_check"] == "photos" and identity != IdentityStatus.VERIFIED:
        return False
    return profile_data["photo"] is None or photo in PHOTO_PASSED


def snapshot(audit: dict, at_iso: str) -> dict:
    """The audit as it stood when submitted: staff filter by its verdict, and bulk approval skips any finding."""
    return {"verdict": audit["verdict"], "at": at_iso,
            "findings": [{k: f[k] for k in ("code", "severity", "message") if k in f}
                         for f in audit.get("findings", [])]}


def blocking(audit: dict) -> str:
    """The engine's reason, in its own words, for a major the candidate cannot apply in now."""
    ranked = sorted(audit.get("findings", []), key=lambda f: -Severity(f["severity"]).rank)
    findings = [f["message"] for f in ranked if f["severity"] in NOT_MET and f.get("message")]
    return audit["message"] + ("（" + "；".join(findings[:3]) + "）" if findings else "")


def verdict_problems(audit: dict) -> list[dict]:
    """What the engine's verdict blocks, as check answers lists it before the submit button: each unmet or blocking
    finding in the engine's words (worst first), or its verdict's message; none for a submittable verdict."""
    if audit["verdict"] in SUBMITTABLE:
        return []
    ranked = sorted(audit.get("findings", []), key=lambda f: -Severity(f["severity"]).rank)
    messages = [f["message"] for f in ranked if f["severity"] in NOT_MET and f.get("message")] or [audit["message"]]
    return [{"field": "eligibility", "message": m} for m in dict.fromkeys(messages)]


def reference(batch_id: str, exam_no: str, pair: str = "") -> str:
    """The reference number a candidate quotes: one per application, kept across resubmissions (the batch's second
    application, keys.PAIRS, ends in -B: its own number beside the first's)."""
    return f"{batch_id}-{exam_no}" + ("-B" if pair else "")
