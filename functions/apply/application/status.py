"""An application's status: its closed vocabulary (`Status`; the kinds of stage are profiles.vocabulary's
`StageKind`), the state the lifecycle moves (`Lifecycle`), and what the candidate reads about it (status, next step,
what they may do, which forms they may print) and what staff see.

Pure, like lifecycle.py: the profile's stages and forms say everything; nothing reads a clock or storage.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any, Literal

from functions.common.jurisdiction import office_name
from functions.common.time import shown
from functions.photo.statuses import PHOTO_PASSED, UploadStatus
from functions.profiles.vocabulary import FORM_SECTION_NAMES, RefundWhen, StageKind

from .rules import Rules, for_office, refund_after, window_closes


class Status(StrEnum):
    """Where an application stands; the review lists, the staff pages and the site read these values."""
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"


_COUNT = {1: "一", 2: "两", 3: "三", 4: "四"}
_COUNTED = ("submissions", "resubmissions", "since", "form_received_at")


@dataclass(frozen=True)
class Lifecycle:
    status: Status = Status.DRAFT
    stage: str | None = None        # in_review: the stage it waits at; rejected: the stage that rejected it
    submissions: int = 0            # every submit, a withdrawn one too (orders and forms are per submission)
    resubmissions: int = 0          # re-applications after a rejection, counted against resubmission_limit
    onsite_confirmed: bool = False  # 现场确认 of the current submission: locks the candidate's data
    paid_order: str | None = None   # the order that paid the fee of the current submission
    refund: Literal["pending", "done"] | None = None
    reason: str | None = None       # why the current rejection
    final: bool = False             # rejected and no re-application is possible in this window
    since: int | None = None        # when the current status/stage began
    system_approved: str | None = None  # the stage the system passed (系统审核通过), for the current submission
    form_received_at: int | None = None  # when the office recorded the signed form handed in (a form_return stage)
    # A joint review's other office's part, for the current submission: {stage, agree, reason, by, at}
    opinion: dict | None = None

    @property
    def locked(self) -> bool:
        return self.onsite_confirmed and self.status in (Status.IN_REVIEW, Status.APPROVED)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, item: dict) -> Lifecycle:
        """From a stored item (DynamoDB gives numbers as Decimal)."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in item.items() if k in known}
        values.update((k, int(values[k])) for k in _COUNTED if values.get(k) is not None)
        if "status" in values:
            values["status"] = Status(values["status"])
        if values.get("opinion"):
            values["opinion"] = {**values["opinion"], "at": int(values["opinion"]["at"])}
        return cls(**values)


def changes_refused(state: Lifecycle, what: str = "信息") -> str | None:
    """Why the candidate may not change `what` they submitted (None while they may): only a draft, or an application
    sent back that may be submitted again, is open; 现场确认 locks it. The one rule for sections, 前置学历, uploads
    and 顶替 choices alike."""
    if state.locked:
        return f"您的申请已现场确认，{what}已锁定；如需更正，请联系现场确认的考试机构"
    if state.status == Status.DRAFT or (state.status == Status.REJECTED and not state.final):
        return None
    if state.status == Status.IN_REVIEW:
        return f"申请已提交，{what}不能再修改；如需修改，请在无人审核前撤回申请"
    if state.status == Status.REJECTED:
        return f"申请未通过，本次申请期间不能再重新申请，{what}不能再修改"
    return f"申请已审核通过，{what}不能再修改"


def corrections(state: Lifecycle, profile_data: dict) -> dict | None:
    """What the candidate may still correct after submitting (None: nothing): the profile's personal-information
    sections (安徽, seed 002: 已受理后若发现填写的个人信息有误，可根据页面提示返回修改), while the application waits at
    its first stage and nobody has decided on it, the same moment a withdrawal is still allowed. The major and
    everything else stay as submitted (changes_refused). 山西: the sections of the form filled in after paying, until
    it is handed in (form_fill)."""
    sections = profile_data["application"]["corrections_after_submit"]
    rules = Rules(profile_data)
    filling = form_fill(state, profile_data)
    if filling and not filling["locked"]:
        return {"sections": filling["sections"], "note": filling["note"]}
    if not sections or state.status != Status.IN_REVIEW or state.locked or rules.index[state.stage] != 0:
        return None
    stage = rules.stages[0]
    return {"sections": list(sections),
            "note": f"申请已受理，正在等待{stage['name']}。审核开始前，如发现个人信息有误，可以在这里更正并保存；"
                    "申请专业和其他内容不能再修改。"}


def office_of(stage: dict, profile_data: dict) -> str:
    return office_name(profile_data, stage["role"]) if stage.get("role") else "考试机构"


def status_text(state: Lifecycle, rules: Rules) -> str:
    """Where the application is, in a few words (未提交, 待主考学校初审, 审核通过, 未通过…)."""
    if state.status == Status.DRAFT:
        return "已撤回，未提交" if state.submissions else "未提交"
    if state.status == Status.APPROVED:
        return "审核通过"
    stage = rules.stage(state.stage)
    if state.status == Status.REJECTED:
        return f"未通过{stage['name']}"
    if rules.onsite and rules.index[stage["id"]] == 0 and not state.onsite_confirmed:
        return "待现场确认"
    if state.system_approved in rules.index and rules.index[state.system_approved] + 1 == rules.index[stage["id"]]:
        return f"系统审核通过，待{stage['name']}"      # 山西: said until the next step is done
    return (stage["received_as"] + "，" if stage.get("received_as") else "") + "待" + stage["name"]


def forms_available(state: Lifecycle, profile_data: dict) -> list[str]:
    """The forms the candidate may print now: each once the current submission has passed the form's `after`
    point (submitted, a stage's id, or approved), and not while the application is a draft or rejected."""
    rules = Rules(profile_data)
    if state.status not in (Status.IN_REVIEW, Status.APPROVED):
        return []
    reached = len(rules.stages) if state.status == Status.APPROVED else rules.index[state.stage]
    out = []
    for form in rules.forms:
        after = form["after"]
        if after == "submitted" or (after == "approved" and state.status == Status.APPROVED) \
                or (after in rules.index and rules.index[after] < reached):
            out.append(form["id"])
    return out


def form_fill(state: Lifecycle, profile_data: dict) -> dict | None:
    """The form the candidate fills in after submitting (山西, seed 004: after paying, 毕业生登记表 with 登记信息,
    resume and 自我鉴定, 可电脑输入也可打印后手写): a form with `fill` sections, once it may be printed. Its
    sections open again while the application waits at the form_return stage naming it; once the office records
    the form handed in, `locked` says so, and the last copy exported stays the form (no new version). None: no
    such form."""
    rules = Rules(profile_data)
    printable = forms_available(state, profile_data)
    form = next((f for f in rules.forms if f.get("fill") and f["id"] in printable), None)
    stage = next((s for s in rules.stages if s.get("form") == (form or {}).get("id")), None)
    if form is None or stage is None:
        return None
    office = office_of(stage, profile_data)
    waiting = state.status == Status.IN_REVIEW and state.stage == stage["id"] and not state.locked
    locked = None
    if not waiting:
        when = f"于 {shown(state.form_received_at)}（北京时间）" if state.form_received_at else ""
        locked = (f"{office}已{when}登记收到您交回的《{form['name']}》，登记表不能再修改，也不能再导出新的版本；"
                  "可以下载最后导出的版本。")
    copies = _COUNT.get(int(form.get("copies", 1)), str(form.get("copies", 1)))
    parts = [FORM_SECTION_NAMES[s] for s in form["fill"]]
    listed = "、".join(parts[:-1]) + "和" + parts[-1] if len(parts) > 1 else parts[0]
    note = (f"缴费后请填写《{form['name']}》：{listed}可以修改，保存后导出登记表（PDF），想导出几次都可以。"
            + ("自我鉴定可电脑输入，也可以不填，打印后在横线上手写。" if "self_assessment" in form["fill"] else "")
            + f"打印一式{copies}份，签字后交{office}；{office}登记收到后就不能再修改了。")
    return {"form_id": form["id"], "name": form["name"], "sections": list(form["fill"]), "note": note,
            "locked": locked}


def describe(state: Lifecycle, profile_data: dict, *, pay_by: str | None = None,
             refund_after: str | None = None) -> dict:
    """What the candidate reads (status_text, next_step, actions) and what staff see (staff_stage, office).
    `pay_by`: when the fee is due; `refund_after`: when a refund owed at the round's end goes back (rules.refund_after),
    both in Beijing time as people read them."""
    rules = Rules(profile_data)
    stage = rules.stage(state.stage) if state.stage else None
    office = office_of(stage, profile_data) if stage and stage.get("role") else None
    text = status_text(state, rules)
    step, actions = _next_step(state, rules, stage, office, pay_by, refund_after)
    if _may_withdraw(state, rules):
        actions.append("withdraw")
    if state.status == Status.APPROVED:
        office = None
    return {"status": state.status, "stage": state.stage, "status_text": text, "next_step": step,
            "reason": state.reason if state.status == Status.REJECTED else None, "actions": actions,
            "staff_stage": stage["name"] if stage else text, "office": office}


def _next_step(state: Lifecycle, rules: Rules, stage: dict | None, office: str | None,
               pay_by: str | None, refund_after: str | None) -> tuple[str, list[str]]:
    """The sentence saying what to do next, and the actions the candidate's page offers for it."""
    if state.status == Status.DRAFT:
        return "请核对个人信息和申请专业，确认无误后提交毕业申请", ["submit"]
    if state.status == Status.APPROVED:
        step = "".join(f"请打印《{rules.form_name(f.form_id)}》。" for f in rules.forms_after("approved"))
        return step + (rules.after_approval or "请留意毕业证书领取通知"), []
    if state.status == Status.REJECTED:
        return _after_rejection(state, rules, refund_after), [] if state.final else ["resubmit"]
    if stage is None:                     # in review always names its stage (Lifecycle's invariant)
        raise ValueError("an application in review without a stage")
    if stage["kind"] == StageKind.PAYMENT:
        fee = rules.charged()
        when = f"在 {pay_by} 前" if pay_by else "在规定时间内"
        return f"请{when}缴纳{fee['name']} {fee['amount_yuan']} 元", ["pay"]
    if stage["kind"] == StageKind.FORM_RETURN:
        form = next((f for f in rules.forms if f["id"] == stage.get("form")), {"name": "毕业生登记表"})
        count = int(form.get("copies", 1))
        copies = _COUNT.get(count, str(count))
        if form.get("fill"):                     # 山西: filled in on the site first (form_fill)
            return f"请填写《{form['name']}》并导出，打印一式{copies}份，签字后在规定时间内交{office}", []
        return f"请打印《{form['name']}》一式{copies}份，签字后在规定时间内交{office}", []
    if rules.onsite and rules.index[stage["id"]] == 0 and not state.onsite_confirmed:
        printed = "".join(f"《{rules.form_name(f.form_id)}》" for f in rules.forms_after("submitted")) or "申请表"
        return f"请打印{printed}并签字，携带准考证、身份证等材料在规定时间内到{office}现场确认", []
    return f"请等待{stage['name']}，审核结果会通知您；如有疑问请联系{office}", []


def _after_rejection(state: Lifecycle, rules: Rules, refund_after: str | None) -> str:
    if state.final:
        step = "本次毕业申请未通过，不能再重新申请；请在下一次申请期间重新办理"
    else:
        step = "请按退回原因修改信息或补充材料后重新提交"
        if rules.limit is not None:
            step += f"（本次申请期间还可重新提交 {rules.limit - state.resubmissions} 次）"
    if state.refund == "done":
        step += f"。已缴纳的{rules.charged()['name']}已退回原支付账户"
    elif state.refund == "pending":
        when = ""
        if rules.charged()["refund_when"] == RefundWhen.ROUND_END:
            when = f"在本次毕业办理结束后（{refund_after} 后）" if refund_after else "在本次毕业办理结束后"
        step += f"。已缴纳的{rules.charged()['name']}将{when}退回原支付账户"
    return step


def refund_shown(state: Lifecycle, profile_data: dict, refund_after: str | None = None) -> str | None:
    """A fee owed back, as staff read it beside the payment: pending (with the date, where it waits for the round's
    end), or done. None: nothing to refund."""
    if state.refund == "done":
        return "已退费（已退回原支付账户）"
    if state.refund != "pending":
        return None
    if Rules(profile_data).charged()["refund_when"] == RefundWhen.ROUND_END and refund_after:
        return f"待退费：本次毕业办理结束后（{refund_after} 后）由系统退回原支付账户"
    return "待退费：正在退回原支付账户"         # at once (a batch without an end holds nothing back either)


def _may_withdraw(state: Lifecycle, rules: Rules) -> bool:
    return (state.status == Status.IN_REVIEW and rules.index[state.stage] == 0 and not state.onsite_confirmed
            and state.paid_order is None)


def view(item: dict, batch: dict, profile_data: dict) -> dict:
    """An application as its candidate (and the decision routes) answer it."""
    state = Lifecycle.from_dict(item["lifecycle"])
    pay_by = window_closes(for_office(batch, item.get("office")), item.get("candidate_type"))   # its office's close
    return {"batch": {"id": batch["id"], "name": batch.get("name")}, "exam_no": item["exam_no"],
            "plan_id": item["plan_id"], "major_name": item.get("major_name"), "level": item.get("level"),
            "host_universities": item.get("host_universities", []), "reference": item.get("reference"),
            "direction": item.get("direction"), "direction_name": item.get("direction_name"),
            "version": int(item["version"]), "updated_at": item.get("updated_at"),
            "forms": forms_available(state, profile_data), "changes_refused": changes_refused(state),
            "corrections": corrections(state, profile_data), "form_fill": form_fill(state, profile_data),
            "office_code": item.get("office"), "office_name": office_called(profile_data, item.get("office")),
            **describe(state, profile_data, pay_by=pay_by,
                       refund_after=refund_after(batch))}


PHOTO_AFTER_SUBMIT = "提交后上传毕业照片"      # the task and the status page's step (山西, seed 004 step 4)
_PHOTO_WHY = ("毕业照片用于生成毕业生图像（毕业证书电子注册的一部分）。照片通过系统线上认证后，申请才能系统审核通过并"
              "缴费")


def photo_owed(state: Lifecycle, profile_data: dict, photo: str | None) -> bool:
    """Whether a submitted application still waits for its photo (`photo`: the current photo's status): where the
    profile takes it after submitting (山西), while the application is in review and the photo has not passed."""
    return bool(profile_data["application"]["photo_after_submit"]) and state.status == Status.IN_REVIEW \
        and photo not in PHOTO_PASSED


def photo_step(state: Lifecycle, profile_data: dict, photo: dict | None) -> dict | None:
    """What the status page asks about a photo owed after submitting (None: nothing): the step, why, and where the
    photo stands — not yet passed (upload, retry; after a failed check 人工审核 may be asked), waiting for the
    county's 人工审核, or turned down by it with its reason."""
    status = (photo or {}).get("status")
    if not photo_owed(state, profile_data, status):
        return None
    office = office_name(profile_data, profile_data["application"]["photo_review"])
    if status == UploadStatus.PENDING_REVIEW:
        text = f"您已申请人工审核，请等待{office}审核照片；也可以重新上传照片，系统认证通过即可"
    elif status == UploadStatus.REJECTED:
        reason = ((photo or {}).get("review") or {}).get("reason") or ""
        text = f"{office}人工审核未通过（{reason}），请按要求重新上传毕业照片"
    else:
        text = f"请上传毕业照片。如果照片一直无法通过系统认证，可以申请由{office}人工审核"
    return {"title": PHOTO_AFTER_SUBMIT, "why": _PHOTO_WHY, "message": text, "status": status or "missing"}


def office_called(profile_data: dict, code: str | None) -> str | None:
    """The name of the office handling an application (its code in the profile's offices)."""
    return next((o["name"] for o in profile_data["offices"] if o["code"] == code), None)
