"""What a plan asks beyond its course tree: the thesis (毕业论文/设计) and 加考 courses."""

import re

from . import messages
from .codes import Code, Severity
from .transcript import is_pass

_HOST_CODE = re.compile(r"^[（(]\d+[)）]")


def check_thesis(plan, candidate, status, overrides, name_of):
    """Thesis passed, under this plan's code (or a code a thesis rule maps to it), at its host."""
    thesis = plan.thesis
    if not thesis or thesis["code"] in overrides:
        return []
    code, name = thesis["code"], thesis.get("name")
    if any(c in status for c in plan.thesis_codes):
        return []  # recorded as a passed sitting
    record = candidate.get("thesis")
    if not record or record["code"] not in plan.thesis_codes:
        return [_unmet(Code.THESIS_MISSING, code, messages.thesis_missing(code, name))]
    grade = record.get("grade", record.get("score"))
    if grade is None or not is_pass(grade, plan.pass_mark):
        shown = grade if grade is not None else "无"
        return [_unmet(Code.THESIS_FAILED, code, messages.thesis_failed(code, name, shown))]
    host = record.get("host_university")
    if host and plan.hosts and _host_key(host) not in {_host_key(h) for h in plan.hosts}:
        return [_unmet(Code.THESIS_HOST_MISMATCH, code, messages.thesis_host_mismatch(plan.hosts, host))]
    return []


def _host_key(name):
    # 湖北 writes "(0116)华中科技大学"; the school code prefix is not part of the name.
    return _HOST_CODE.sub("", name.strip())


def prior_major_category(candidate):
    for entry in candidate.get("prior_education") or ():
        if entry.get("category"):
            return entry["category"]
    return "其他"


def additional_courses(plan, candidate):
    """(category, codes) of the 加考 track the candidate's prior major calls for, plus the
    courses a special rule adds for the candidate."""
    if not plan.tracks:
        return None, ()
    category = prior_major_category(candidate)
    track = plan.track_for(category)
    codes = tuple(track["courses"]) if track else ()
    special = _special_for(plan, candidate)
    return category, codes + tuple(c for c in special.get("add") or () if c not in codes)


def dropped_courses(plan, candidate):
    """Plan courses a special rule drops for this candidate (广东 港澳台: 03708/03709 -> 00024)."""
    return frozenset(_special_for(plan, candidate).get("drop") or ())


def _special_for(plan, candidate):
    flags = candidate.get("flags") or {}
    for special in plan.tracks.get("special") or () if plan.tracks else ():
        if all(flags.get(key) == value for key, value in special["when"].items()):
            return special
    return {}


def check_additional(category, codes, status, overrides, name_of):
    return [_unmet(Code.ADDITIONAL_COURSE_MISSING, code, messages.additional_missing(code, name_of(code), category))
            for code in codes if code not in status and code not in overrides]


def _unmet(code, subject, message):
    return {"code": code, "severity": Severity.UNMET, "subject": subject, "message": message}
