"""Staff review, what the answers show: a list's row, the overview, one application's page, a batch with its
windows, a graduate's CSV line, the counts. Pure like rules.py: built from the items the service read.

ID numbers are masked in every list and shown whole on one application's page only (comparing them with the
documents is part of the review); office codes are shown with their names.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from functions.apply.application.lifecycle import Lifecycle
from functions.apply.application.status import office_called, refund_shown
from functions.apply.exceptions.rules import VERDICT_NAMES
from functions.common.ids import mask_id_number
from functions.common.jurisdiction import ALL_OF_PROVINCE, office_name
from functions.common.time import iso
from functions.photo.registration_photos import SOURCES, staff_url
from functions.profiles.vocabulary import DOCUMENT_NAMES

from .history_words import HISTORY_WORDS
from .rules import EVERYONE, STATUS_NAMES, Status, described, since_of, state_of
from .trimmed import given, prior_shown, review_shown, zip_listing

if TYPE_CHECKING:
    from functions.common.session import Identity
    from functions.profiles.loader import Profile

BOM = "\ufeff"
# The data items of the electronic registration of 自学考试 graduates (学历证书电子注册), in its order of persons,
# major and certificate; dates as YYYYMMDD. 证书编号 is left empty: the province assigns it when it prints.
COLUMNS = ("准考证号", "姓名", "性别", "出生日期", "身份证号", "民族", "政治面貌", "专业代码", "专业名称", "层次",
           "主考学校", "考籍注册日期", "毕业日期", "毕结业结论", "证书编号", "照片文件名", "档案所在地代码",
           "档案所在地", "申请编号")


def row(item: dict, id_number: str | None, profile: Profile) -> dict:
    """One line of a list: who, what, where it stands; the ID number masked."""
    state = Lifecycle.from_dict(item["lifecycle"])
    audit = item.get("audit") or {}
    return {"exam_no": item["exam_no"], "name": item["name"],
            "id_number": mask_id_number(id_number) if id_number else None,
            "office": item["office"], "office_name": office_called(profile.data, item["office"]),
            "plan_id": item["plan_id"], "major_name": item.get("major_name"), "level": item.get("level"),
            "host_universities": list(item.get("host_universities") or ()),
            "candidate_type": item.get("candidate_type"), "status": state.status, "stage": state.stage,
            "status_text": described(state, profile.data)["status_text"],
            "onsite_confirmed": state.onsite_confirmed, "since": since_of(item),
            "submitted_at": item.get("submitted_at"), "verdict": audit.get("verdict"),
            "findings": [f["code"] for f in audit.get("findings") or ()], "reference": item.get("reference"),
            "version": int(item["version"]), "pair": item.get("pair")}


def overview(staff: Identity, profile: Profile, batches: list[dict], current_batch: str) -> dict:
    """What I review: the stages (mine marked), statuses, reject reasons, my offices or universities, the batches,
    and which extra queues (photos, identity, 现场确认) the province has."""
    data = profile.data
    offices = data["offices"] if staff.role in ALL_OF_PROVINCE else \
        [o for o in data["offices"] if o["code"] in staff.offices]
    return {"role": staff.role,
            "stages": [{**{k: s[k] for k in ("id", "kind", "name", "role", "form") if k in s},
                        "mine": staff.role in (s.get("role"), s.get("joint_with"))} for s in profile.stages],
            "statuses": [s.value for s in Status], "reject_reasons": data["review"]["reject_reasons"],
            "offices": [{"code": o["code"], "name": o["name"]} for o in offices],
            "universities": list(staff.universities),
            "batches": [{"id": b["id"], "name": b.get("name"), "graduation_date": b["graduation_date"]}
                        for b in batches],
            "current_batch": current_batch, "onsite_confirmation": data["application"]["onsite_confirmation"],
            "photo_review": data["application"]["photo_review"],
            "identity_review": data["login"]["identity_check"] == "photos"}


def application_view(item: dict, profile_data: dict, refund_after: str | None = None) -> dict:
    """The application as the staff page reads it: where it stands (its status in words: not the candidate's next
    step nor what they may do, nor when it was sent or its stage's name apart, which the status and the history
    say: the page keeps its weight budget, issue 17 item 9), the major, the host universities, paid or not, and a
    refund owed (`refund_after`: the end of the application's batch in Beijing time, for a refund that waits for it)."""
    state = Lifecycle.from_dict(item["lifecycle"])
    standing = described(state, profile_data)
    shown = {"exam_no": item["exam_no"], "plan_id": item["plan_id"],
             "major_name": item.get("major_name"), "level": item.get("level"),
             "direction_name": item.get("direction_name"),
             "host_universities": list(item.get("host_universities") or ()),
             "onsite_confirmed": state.onsite_confirmed,
             "paid": state.paid_order is not None if profile_data.get("fee") else None,
             "refund": refund_shown(state, profile_data, refund_after) if profile_data.get("fee") else None,
             "office_name": office_called(profile_data, item["office"]),
             **{k: standing[k] for k in ("status", "stage", "status_text", "reason")}}
    return given(shown, "direction_name", "refund", "reason", "onsite_confirmed")


def opinion_view(item: dict, profile_data: dict, staff_names: dict[str, str]) -> dict | None:
    """The joint office's part of a joint review (安徽's 会审), for the application waiting at one or decided after
    one: whose part it is and, once given, 同意 or 不同意 with the reason, who and when. None: no joint review."""
    state = Lifecycle.from_dict(item["lifecycle"])
    said = state.opinion
    at = said["stage"] if said else state.stage if state.status == Status.IN_REVIEW else None
    stage = next((s for s in profile_data["review"]["stages"] if s["id"] == at), None)
    if stage is None or not stage.get("joint_with"):
        return None
    shown = {"stage": stage["id"], "stage_name": stage["name"],
             "office": office_name(profile_data, stage["joint_with"])}
    if said:
        shown.update(agree=said["agree"], reason=said["reason"], by=staff_names.get(said["by"]), at=iso(said["at"]))
    return shown


# How a 顶替 came to apply, as the reviewer reads it: the candidate asked for it (by the name the profile's
# application.substitution gives the path: 安徽's 未通过课程处理 calls it 替代课程), or the authority's rule did.
CHOSEN_AS = {"per_course": "考生申请的替代课程"}
CHOSEN_OTHERWISE, BY_RULE = "考生申请的课程顶替", "按考试机构的顶替规则自动应用"


def audit_shown(now: dict, substitution: str | None = None) -> dict:
    """The audit now, cut to what the page draws: the transcript (its own route) and the course status are not
    repeated here, and only the courses the 顶替 used are named, so the page keeps its weight budget with the
    largest application (issue 17 item 9). Each 顶替 says how it came to apply (`substitution`: the profile's)."""
    chosen = {c.get("rule_id") for c in now.get("choices") or ()}
    asked = CHOSEN_AS.get(substitution or "", CHOSEN_OTHERWISE)
    raw = list(now.get("applied") or ())
    applied = [{"use": list(r.get("use") or ()), "replace": list(r.get("replace") or ()),
                "how": asked if r.get("rule_id") in chosen else BY_RULE} for r in raw]
    named = now.get("course_names") or {}
    used = {code for r in raw for code in (*(r.get("use") or ()), *(r.get("replace") or ()))}
    found = [{k: f[k] for k in ("code", "severity", "message") if k in f} for f in now.get("findings") or ()]
    return {"verdict": now["verdict"], "verdict_text": VERDICT_NAMES[now["verdict"]], "applied": applied,
            "findings": found,
            "course_names": {code: named[code] for code in sorted(used) if code in named},
            "exceptions": now.get("exceptions") or [],
            **({"exceptions_applied": now["exceptions_applied"]} if "exceptions_applied" in now else {})}


def candidate_view(record: dict, item: dict, basic: dict, prior_checked: dict | None, profile: Profile) -> dict:
    """The record with the candidate's accepted edits (`basic`), what they entered, and their prior education as
    the application checked it (学信网 or the manual path). The full ID number here, never in a list: comparing
    it with the documents is part of the review."""
    fields = ("exam_no", "name", "id_number", "office", "candidate_type")
    edited = (item.get("details") or {}).get("basic") or {}
    recorded = {k: record.get(k) for k in edited if record.get(k) != edited[k]}
    return {**{k: record.get(k) for k in fields}, **basic, "office_name": office_called(profile.data, record["office"]),
            "recorded": recorded,
            "details": item.get("details") or {},
            "prior_education": {"checked": prior_shown(prior_checked) if prior_checked else None,
                                "on_record": [prior_shown(p) for p in record.get("prior_education") or ()]}}


def file_view(item: dict) -> dict:
    """One uploaded file with its check and its review, and `format` what kind of file it opens (a picture is
    shown, a PDF or zip downloaded); the page opens it by its kind through the staff route that answers with a
    fresh link (GET …/files/{kind}: the same for every file, so not repeated per file, the weight budget).
    A zip's files are counted here and listed by their own route (GET …/files/{kind}/entries): 山西's 100 course
    cards would take 0.4 KB of the page's weight budget on every view."""
    result = json.loads(item["result"]) if item.get("result") else {}
    kind, key = item["upload_kind"], item["object_key"]
    return given({"kind": kind, "name": DOCUMENT_NAMES.get(kind, kind),
                  "status": item["status"], "ok": result.get("ok"), "findings": result.get("findings", []),
                  "fixed": bool(item.get("fixed")), "review": review_shown(item.get("review")),
                  "entry_count": len(zip_listing(item)),
                  "format": key.rsplit(".", 1)[-1].lower() if "." in key.rsplit("/", 1)[-1] else ""},
                 "findings", "fixed", "review", "entry_count")


def registration_photo_view(item: dict, exam_no: str) -> dict:
    """The photo the 申请表 prints (imported 报名照片, or taken at 现场确认): where it came from, and the staff route
    that shows it (GET …/files/registration_photo, whichever of the two it is)."""
    return {"source": item["kind"], "source_name": SOURCES[item["kind"]],
            "url": staff_url(exam_no)}


ACTOR_WORDS = {"candidate": "考生本人", "system": "系统"}


def history_entry(entry: dict, staff_names: dict[str, str], roles: dict[str, str] | None = None) -> dict:
    """One change as the page shows it: when, what, who (a staff member by name and role: who decided is part of
    the record; `who` in words, the role by its name in `roles`, the province's), why. Not the values before and
    after (the sections show what stands now; the audit log keeps the rest) nor the account id: the page stays
    within its weight with the longest history."""
    actor = entry.get("actor") or {}
    shown = {k: entry[k] for k in ("at", "action", "reason") if k in entry}
    shown["what"] = HISTORY_WORDS.get(entry.get("action", ""), "其他办理")
    shown["actor"] = {k: actor[k] for k in ("kind", "role") if k in actor}
    name = staff_names.get(actor.get("account_id", "")) if actor.get("kind") == "staff" else None
    if name:
        shown["actor"]["name"] = name
    role = (roles or {}).get(actor.get("role", ""), "工作人员")
    shown["who"] = ACTOR_WORDS.get(actor.get("kind", "")) or " ".join(filter(None, (role, name)))
    return shown


def batch_view(batch: dict, current: str | None, types: list[str], open_now: Callable[..., bool],
               profile_data: dict, offices: set[str] | None) -> dict:
    """A batch with its dates and windows (open now or not, per type of candidate), and the offices' own windows:
    those of `offices` (None: every office's), each named."""
    windows = batch.get("windows") or {}
    own = [{"office": code, "office_name": office_called(profile_data, code), "candidate_type": t,
            "opens": w["opens"], "closes": w["closes"], "open_now": open_now(batch, t, code)}
           for code, by_type in sorted((batch.get("office_windows") or {}).items())
           if offices is None or code in offices for t, w in sorted(by_type.items())]
    return {"id": batch["id"], "name": batch.get("name"), "current": batch["id"] == current,
            "graduation_date": batch["graduation_date"], "prior_edu_cutoff": batch.get("prior_edu_cutoff"),
            "windows": {t: {"opens": windows[t]["opens"], "closes": windows[t]["closes"],
                            "open_now": open_now(batch, t)} for t in [*types, EVERYONE] if t in windows},
            "office_windows": own}


def graduate_row(item: dict, person: dict, record: dict, plan: dict, batch: dict, office: dict) -> list[str]:
    """One graduate for 学信网: identity (name, gender, ID number) from the record; `person` is the record with what
    the candidate corrected in the other fields (checked when entered, reviewed since)."""
    id_number = record.get("id_number") or ""
    return [item["exam_no"], record.get("name") or item["name"], record.get("gender", ""),
            id_number[6:14] if len(id_number) == 18 else "", id_number, person.get("ethnicity", ""),
            person.get("political_status", ""), plan.get("major_code", ""),
            item.get("major_name") or plan.get("major_name", ""), item.get("level") or plan.get("level", ""),
            "、".join(item.get("host_universities") or ()), _compact(record.get("registered_on", "")),
            _compact(batch["graduation_date"]), "毕业", "", f"{id_number}.jpg" if id_number else "",
            item["office"], office.get("name", ""), item.get("reference") or ""]


def _compact(day: str) -> str:
    return day.replace("-", "")[:8]


def csv_text(rows: Iterable[list[str]]) -> str:
    """UTF-8 with a BOM, so Excel shows the Chinese; values as they are (no ="…" tricks): what 学信网 imports."""
    text = io.StringIO()
    text.write(BOM)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return text.getvalue()


def export_key(batch_id: str, now: int, token: str, name: str) -> str:
    """Where a batch's export is kept (the forms bucket's exports/, deleted after a day): `name` says which."""
    stamp = datetime.fromtimestamp(now, UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"exports/{batch_id}/{stamp}-{token}-{name}"


def counts(items: Iterable[dict], listed: list[str], profile: Profile) -> dict:
    """How many applications stand in each of the `listed` states, per office and in all."""
    per_office: dict[str, dict[str, int]] = {}
    for item in items:
        per_office.setdefault(item["office"], dict.fromkeys(listed, 0))[state_of(item["lifecycle"])] += 1
    names = {s["id"]: s["name"] for s in profile.stages}
    columns = [{"state": s, "name": names.get(s.split(":", 1)[-1]) or STATUS_NAMES[s]} for s in listed]
    offices = [{"office": code, "office_name": office_called(profile.data, code), "counts": counted,
                "total": sum(counted.values())} for code, counted in sorted(per_office.items())]
    totals = {s: sum(counted[s] for counted in per_office.values()) for s in listed}
    return {"states": columns, "offices": offices, "totals": totals}


def scope_of(staff: Identity) -> dict:
    """Who an export was for, as the audit log keeps it."""
    return {"role": staff.role, "offices": list(staff.offices), "universities": list(staff.universities)}
