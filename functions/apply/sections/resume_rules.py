"""本人简历: entries {from, to, unit, role} from the month the candidate turned 14 up to this month, in time order,
without overlaps, and without gaps where the profile's `application.resume.continuous` says so. Pure: `today` and
`birth_date` are arguments. Field paths index entries from 0 (`resume[2].to`); messages count 第 3 条 from 1.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from functions.common.errors import BadInput, Problems

from .text_rules import bounded, plain

NOW = "至今"
UNIT_MAX, ROLE_MAX = 50, 20            # 字 of an entry's 单位或学校 and 职务或身份 (the page's maxlength)
IDLE_UNITS = ("待业", "自由职业")        # 安徽: 若无工作经历，可填写"待业"或"自由职业"; the role may stay empty


def _month(value: object, field: str, label: str) -> int:
    """'2019-06' as a month number (year * 12 + month - 1)."""
    text = unicodedata.normalize("NFKC", plain(value, field, label))
    found = re.fullmatch(r"(\d{4})[-./](\d{1,2})", text)
    if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1900:
        raise BadInput(f"{label}应为“年-月”，如 2019-06", field=field)
    return int(found[1]) * 12 + int(found[2]) - 1


def _ym(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def check_resume(profile_data: dict, entries: object, *, today: date, birth_date: date) -> list[dict]:
    """本人简历: at most `resume.max_entries` entries {from, to, unit, role}, in time order; with `resume.continuous`
    each starts the month the previous one ended or the month after. The first starts no earlier than the month the
    candidate turned 14; only the last may say 至今, and the last reaches this month. Every problem of every entry
    is answered at once."""
    rules = profile_data["application"]["resume"]
    if not rules:
        raise BadInput(f"{profile_data['province']}的毕业申请不填写简历", field="resume")
    if not isinstance(entries, list) or not entries:
        raise BadInput("请填写简历：每条包括起止年月、单位或学校、职务或身份，从 14 周岁以后写到现在", field="resume")
    if len(entries) > rules["max_entries"]:
        raise BadInput(f"简历最多填写 {rules['max_entries']} 条，现有 {len(entries)} 条：请合并相近的经历",
                       field="resume")
    this_month, earliest = today.year * 12 + today.month - 1, (birth_date.year + 14) * 12 + birth_date.month - 1
    problems = Problems()
    cleaned: list[dict] = []
    previous: tuple[int, int] | None = None      # the span of the entry before, when it could be read
    for i, raw in enumerate(entries):
        at, nth = f"resume[{i}]", f"第 {i + 1} 条简历"
        if not isinstance(raw, dict):
            problems.add(at, f"{nth}应包括起止年月、单位或学校、职务或身份")
            previous = None
            continue
        start = problems.attempt(_month, raw.get("from"), f"{at}.from", f"{nth}的开始年月")
        ongoing = isinstance(raw.get("to"), str) and raw["to"].strip() == NOW
        if ongoing and i < len(entries) - 1:
            problems.add(f"{at}.to", f"{nth}的结束年月不能填“至今”：只有最后一条可以")
        end = this_month if ongoing else problems.attempt(_month, raw.get("to"), f"{at}.to", f"{nth}的结束年月")
        unit = problems.attempt(bounded, raw.get("unit"), f"{at}.unit", f"{nth}的单位或学校", UNIT_MAX)
        role = problems.attempt(bounded, raw.get("role"), f"{at}.role", f"{nth}的职务或身份", ROLE_MAX,
                                required=unit not in IDLE_UNITS)
        if start is not None and end is not None:
            problems.attempt(_check_span, start, end, this_month, at, nth)
            if i == 0 and start < earliest:
                problems.add(f"{at}.from", f"{nth}从 {_ym(start)} 开始，早于您年满 14 周岁的 {_ym(earliest)}：请从"
                             " 14 周岁以后的学习或工作经历写起")
            if previous is not None:
                problems.attempt(_check_follows, previous, start, rules["continuous"], at, nth, i)
            cleaned.append({"from": _ym(start), "to": NOW if ongoing else _ym(end), "unit": unit, "role": role})
        previous = (start, end) if start is not None and end is not None else None
    last_to = f"resume[{len(entries) - 1}].to"
    if previous is not None and previous[1] != this_month and last_to not in problems.fields():
        problems.add(last_to, f"简历应写到现在：最后一条结束于 {_ym(previous[1])}，请改为“至今”或补上之后的经历")
    problems.answer()
    return cleaned


def _check_span(start: int, end: int, this_month: int, at: str, nth: str) -> None:
    """An entry neither starts nor ends after this month, nor ends before it starts."""
    for month, key, what in ((start, "from", "开始"), (end, "to", "结束")):
        if month > this_month:
            raise BadInput(f"{nth}的{what}年月 {_ym(month)} 晚于本月 {_ym(this_month)}", field=f"{at}.{key}")
    if end < start:
        raise BadInput(f"{nth}的结束年月 {_ym(end)} 早于开始年月 {_ym(start)}", field=f"{at}.to")


def _check_follows(previous: tuple[int, int], start: int, continuous: bool, at: str, nth: str, i: int) -> None:
    """An entry starts after the one before it began, not before it ended, and (where continuous) at most a month
    after it ended."""
    expected = f"应从 {_ym(previous[1])} 或 {_ym(previous[1] + 1)} 开始"
    if start < previous[0]:
        raise BadInput(f"简历应按时间先后填写：{nth}（{_ym(start)} 起）早于第 {i} 条（{_ym(previous[0])} 起）",
                       field=f"{at}.from")
    if start < previous[1]:
        raise BadInput(f"{nth}从 {_ym(start)} 开始，与第 {i} 条（至 {_ym(previous[1])}）时间重叠：{expected}",
                       field=f"{at}.from")
    if continuous and start > previous[1] + 1:
        raise BadInput(f"{nth}从 {_ym(start)} 开始，与第 {i} 条（至 {_ym(previous[1])}）之间有断档：{expected}；"
                       "没有工作的时间可填“待业”", field=f"{at}.from")
