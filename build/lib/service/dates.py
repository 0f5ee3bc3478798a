"""Date arithmetic for time limits: the day a limit of so many days or calendar months ends.
A calendar month ends on the same day of the month, or on the month's last day when it has
no such day. Imports nothing of adhikar.

>>> add_months(dt.date(2024, 12, 31), 2)
datetime.date(2025, 2, 28)
>>> due(dt.date(2025, 3, 3), days=60, months=None)
datetime.date(2025, 5, 2)
"""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due(start: dt.date, *, days: int | None, months: int | None) -> dt.date:
    """The last day of a limit that runs from ``start``: ``months`` calendar months when
    given, else ``days`` days (none when neither is)."""
    return add_months(start, months) if months is not None else start + dt.timedelta(days or 0)


INDIA = ZoneInfo("Asia/Kolkata")


def india_date(at: dt.datetime) -> dt.date:
    """The date in India at the instant ``at`` (an aware datetime): "today" for a caseworker
    in Purulia is not the server's date, which is often UTC."""
    return at.astimezone(INDIA).date()


def india_today() -> dt.date:
    """Today's date in India. Read at the edge (a request, a command), then passed in: the
    engine never reads the clock."""
    return india_date(dt.datetime.now(dt.UTC))
