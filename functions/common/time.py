"""Beijing time, in one place: times are stored in UTC (ISO 8601 with Z, or epoch seconds) and shown in Beijing
time (UTC+8, no daylight saving), with the date."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


def iso(epoch_seconds: int) -> str:
    """A stored time: UTC, to the second, as 2026-04-01T03:26:00Z."""
    return datetime.fromtimestamp(epoch_seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def beijing(epoch_seconds: int) -> datetime:
    return datetime.fromtimestamp(epoch_seconds, BEIJING)


def beijing_day(epoch_seconds: int) -> date:
    """The calendar day in Beijing (a deadline, a form's date, the outbox's day)."""
    return beijing(epoch_seconds).date()


def beijing_clock(epoch_seconds: int) -> str:
    """Hours and minutes in Beijing, for a lock that ends within the day: 11:26."""
    return beijing(epoch_seconds).strftime("%H:%M")


def shown(epoch_seconds: int) -> str:
    """A time as people read it: 2026-04-01 11:26 (Beijing time)."""
    return beijing(epoch_seconds).strftime("%Y-%m-%d %H:%M")


def as_beijing(moment: datetime) -> datetime:
    """A typed time without a zone is Beijing time; one with a zone is converted."""
    return moment.astimezone(BEIJING) if moment.tzinfo else moment.replace(tzinfo=BEIJING)


def epoch_of(text: str) -> int:
    """Epoch seconds of an ISO time; without a zone it is Beijing time (how windows are typed and imported)."""
    return int(as_beijing(datetime.fromisoformat(text.replace("Z", "+00:00"))).timestamp())
