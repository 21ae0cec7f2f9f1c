"""What the candidate reads about their application (status, next step, what they may do) and what staff see.

Pure, like lifecycle.py: the profile's stages and forms say everything; nothing reads a clock or storage.
"""
from __future__ import annotations

from .lifecycle import (
    APPROVED,
    DRAFT,
    IN_REVIEW,
    REJECTED,
    Lifecycle,
    Rules,
    office_of,
    status_text,
)

_COUNT = {1: "一", 2: "两", 3: "三", 4: "四"}


def describe(state: Lifecycle, profile_data: dict, *, pay_by: str | None = None) -> dict:
    """What the candidate reads (status_text, next_step, actions) and what staff see (staff_stage, office)."""
    rules = Rules(profile_data)
    stage = rules.stage(state.stage) if state.stage else None
    office = office_of(stage) if stage and stage.get("role") else None
    actions: list[str] = []
    text = status_text(state, rules)
    if state.status == DRAFT:
        step, actions = "请核对个人信息和申请专业，确认无误后提交毕业申请", ["submit"]
    elif state.status == APPROVED:
        office = None
        step = "".join(f"请打印《{_form_name(rules, f.form_id)}》。" for f in rules.forms_after("approved"))
        step += "请留意毕业证书领取通知"
    elif state.status == REJECTED:
        step = "请按退回原因修改信息或补充材料后重新提交"
        if state.final:
            step = "本次毕业申请未通过，不能再重新申请；请在下一次申请期间重新办理"
        elif rules.limit is not None:
            step += f"（本次申请期间还可重新提交 {rules.limit - state.resubmissions} 次）"
        if state.refund:
            fee = rules.fee["name"]
            step += f"。已缴纳的{fee}" + ("将退回原支付账户" if state.refund == "pending" else "已退回原支付账户")
        actions = [] if state.final else ["resubmit"]
    elif stage["kind"] == "payment":
        when = f"在 {pay_by} 前" if pay_by else "在规定时间内"
        step, actions = f"请{when}缴纳{rules.fee['name']} {rules.fee['amount_yuan']} 元", ["pay"]
    elif stage["kind"] == "form_return":
        form = next((f for f in rules.forms if f["id"] == stage.get("form")), {"name": "毕业生登记表"})
        copies = _COUNT.get(form.get("copies", 1), str(form.get("copies", 1)))
        step = f"请打印《{form['name']}》一式{copies}份，签字后在规定时间内交{office}"
    elif rules.onsite and rules.index[stage["id"]] == 0 and not state.onsite_confirmed:
        printed = "".join(f"《{_form_name(rules, f.form_id)}》" for f in rules.forms_after("submitted")) or "申请表"
        step = f"请打印{printed}并签字，携带准考证、身份证等材料在规定时间内到{office}现场确认"
    else:
        step = f"请等待{stage['name']}，审核结果会通知您；如有疑问请联系{office}"
    if _may_withdraw(state, rules):
        actions.append("withdraw")
    return {"status": state.status, "stage": state.stage, "status_text": text, "next_step": step,
            "reason": state.reason if state.status == REJECTED else None, "actions": actions,
            "staff_stage": stage["name"] if stage else text, "office": office}


def _form_name(rules: Rules, form_id: str) -> str:
    return next(f["name"] for f in rules.forms if f["id"] == form_id)


def _may_withdraw(state: Lifecycle, rules: Rules) -> bool:
    return (state.status == IN_REVIEW and rules.index[state.stage] == 0 and not state.onsite_confirmed
            and state.paid_order is None)
