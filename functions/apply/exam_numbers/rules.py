"""Another 准考证 (湖北 准考证管理, 安徽 其他准考证号): who may add one, and who confirms it. Pure.

The name and ID number typed must be the candidate's own (their record's), and the other 准考证's record must carry
the same name and ID number exactly: a 准考证 under anyone else's name is answered exactly like one that does not
exist, so the form never tells whose a number is. Only then does the answer say more: a 准考证 already merged
elsewhere (or one that has others merged into it) is refused with the office to visit, since it is the candidate's
own and only that office can undo the earlier merge. An online account on the other 准考证 does not stop the merge:
its record has the candidate's own name and ID number, and the office confirms before any pass counts.
"""
from __future__ import annotations

from functions.apply.claims.rules import check_review
from functions.common.errors import BadInput, Conflict, NotFound
from functions.common.jurisdiction import office_name
from functions.common.time import epoch_of
from functions.common.time import shown as beijing_text
from functions.eligibility.other_exam_numbers import PENDING, REFUSED, VERIFIED

STATUS_NAMES = {PENDING: "待审核（未生效）", VERIFIED: "已合并（生效）", REFUSED: "未通过"}
NO_SUCH = ("没有找到与您的姓名、身份证号一致的这个准考证，请核对准考证号"
           "（准考证上的姓名或身份证号有误的，请联系档案所在地自考办）")


def offered(profile_data: dict) -> dict:
    """The profile's `other_exam_numbers` (who confirms), or NotFound where the province merges none online."""
    found = profile_data["application"].get("other_exam_numbers")
    if not found:
        raise NotFound("本省的毕业申请不办理其他准考证的合并")
    return found


def same_person(record: dict, name: str, id_number: str) -> bool:
    """Exactly the record's name and ID number (spaces around and the case of the check letter aside)."""
    return (str(record.get("name") or "").strip() == name.strip()
            and str(record.get("id_number") or "").strip().upper() == id_number.strip().upper())


def check_new(own: dict, wanted: dict, other: dict | None, earlier: list[dict], held_by: str | None) -> None:
    """Every refusal of a new other 准考证, before anything is stored.

    own: the candidate's record; other: the record of wanted["exam_no"], if any; earlier: the candidate's other
    准考证 so far; held_by: a text naming the office to visit when the 准考证 (or the candidate's own) is already
    merged elsewhere, else None."""
    problems = []
    if str(own.get("name") or "").strip() != wanted["name"].strip():
        problems.append(("name", "姓名须与您本人考籍上的姓名一致"))
    if str(own.get("id_number") or "").strip().upper() != wanted["id_number"].strip().upper():
        problems.append(("id_number", "身份证号须与您本人考籍上的身份证号一致"))
    if wanted["exam_no"] == own.get("exam_no"):
        problems.append(("exam_no", "这是您本人登录所用的准考证号，不需要添加"))
    if problems:
        raise BadInput(problems[0][1], field=problems[0][0],
                       problems=[{"field": f, "message": m} for f, m in problems])
    if other is None or not same_person(other, own["name"], own["id_number"]):
        raise NotFound(NO_SUCH, field="exam_no")
    if any(e["exam_no"] == wanted["exam_no"] and e["status"] != REFUSED for e in earlier):
        raise Conflict("这个准考证已经添加过了", field="exam_no")
    if held_by:
        raise Conflict(f"这个准考证已经与另一个准考证合并，不能再次合并。如需改动，请携带身份证到{held_by}办理",
                       field="exam_no")


def check_decision(profile_data: dict, role: str | None, entry: dict | None, decision: str, reason: str) -> None:
    """Only the office the profile names decides, once, and a refusal says why."""
    check_review(profile_data, offered(profile_data)["decided_by"], role, entry, decision, reason,
                 what="准考证合并", called="准考证合并申请", statuses=STATUS_NAMES)


def held_by(profile_data: dict, office: str | None, role: str) -> str:
    """The office to visit, in words: its place and kind (武汉市 市级教育考试机构)."""
    place = next((o["name"] for o in profile_data["offices"] if o["code"] == office), "")
    return f"{place}{office_name(profile_data, role)}" if place else f"档案所在地{office_name(profile_data, role)}"


def shown(entry: dict, course_name) -> dict:
    """An other 准考证 as pages show it: its sittings, then its 免考 and 转考 (the result column says which, as the
    seed's 成绩 screen does), each course named; times in Beijing time."""
    kept = {k: v for k, v in entry.items() if k not in ("exemptions", "transfers")}
    return {**kept, "status_name": STATUS_NAMES[entry["status"]],
            "sittings": [*(_sitting(s, course_name) for s in entry.get("sittings") or ()),
                         *_granted(entry.get("exemptions"), "免考", "approved", course_name),
                         *_granted(entry.get("transfers"), "转考", "accepted", course_name)],
            "made_at_text": beijing_text(epoch_of(entry["made_at"])),
            **({"decided_at_text": beijing_text(epoch_of(entry["decided_at"]))} if entry.get("decided_at") else {})}


def _sitting(sitting: dict, course_name) -> dict:
    """A sitting as the list shows it: the course named, its result as the record says it (缺考 for an absence)."""
    result = "缺考" if sitting.get("absent") else next(
        (sitting[k] for k in ("score", "result", "note") if sitting.get(k) not in (None, "")), None)
    return {"code": str(sitting.get("code", "")), "name": course_name(str(sitting.get("code", ""))),
            "session": sitting.get("session"), "score": result}


def _granted(items, how: str, granted: str, course_name) -> list[dict]:
    """免考 or 转考 rows as the list shows them, one per course (an exemption may name several); one the office
    did not grant says so."""
    return [{"code": str(code), "name": course_name(str(code)), "session": item.get("session"),
             "score": how if item.get(granted, True) else f"{how}（未获认可）"}
            for item in items or () for code in item.get("codes") or [item.get("code")]]
