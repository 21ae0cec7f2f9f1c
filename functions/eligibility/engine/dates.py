"""Calendar helpers on ISO strings.

Dates stay ISO strings ("2026-06-30") and sessions "YYYY-MM" all the way through: they
compare correctly as text, which keeps the per-candidate audit free of date objects.
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


def add_years(iso_date: str, years: int) -> str:
    """Same day `years` later; 29 February becomes 28 February."""
    day = _dt.date.fromisoformat(iso_date)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:
        return day.replace(year=day.year + years, day=28).isoformat()


def day_before(iso_date: str) -> str:
    return (_dt.date.fromisoformat(iso_date) - _dt.timedelta(days=1)).isoformat()


def session_within(session: str, first_day: str, last_day: str) -> bool:
    """Whether an exam session (a month) falls inside a date range, by month."""
    return first_day[:7] <= session <= last_day[:7]
