"""Calendar helpers on ISO strings.

Dates stay ISO strings ("2026-06-30") and sessions "YYYY-MM" all the way through: they
compare correctly as text, which keeps the per-candidate audit free of date objects.

Where the contract says date, a record may give a session instead (a discipline record kept
by sitting: `eligible_on: "2025-04"`). A session means the sitting, so a date compared with a
session compares sittings: the date stands for the sitting of its month, never for the first
of the month. `earlier` is that comparison.
"""

import datetime as _dt
import re

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SESSION_RE = re.compile(r"^\d{4}-\d{2}$")


def is_date(value) -> bool:
    if not isinstance(value, str) or not DATE_RE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_session(value) -> bool:
    return isinstance(value, str) and bool(SESSION_RE.match(value)) and 1 <= int(value[5:]) <= 12


def is_moment(value) -> bool:
    """A date, or a session where the record names only the sitting."""
    return is_date(value) or is_session(value)


def sitting_of(moment: str) -> str:
    return moment[:7]


def earlier(a: str, b: str) -> bool:
    """Whether a comes before b: by day when both are dates, else by sitting (month)."""
    if len(a) == 10 and len(b) == 10:
        return a < b
    return a[:7] < b[:7]


def add_years(iso_date: str, years: int) -> str:
    """Same day `years` later; 29 February becomes 28 February. A session gives the same month `years` later."""
    if len(iso_date) == 7:
        return f"{int(iso_date[:4]) + years:04d}{iso_date[4:]}"
    day = _dt.date.fromisoformat(iso_date)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:
        return day.replace(year=day.year + years, day=28).isoformat()


def day_before(iso_date: str) -> str:
    return (_dt.date.fromisoformat(iso_date) - _dt.timedelta(days=1)).isoformat()


def last_day_before_month(session: str) -> str:
    """The last day before the month `session` begins ("2026-04" → "2026-03-31")."""
    return day_before(f"{session}-01")
