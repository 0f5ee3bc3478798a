"""Time limits as dates: the day the clock starts, the last day, whether it has passed, and
where to go if the office has not acted by then.

>>> add_months(dt.date(2024, 12, 31), 2)
datetime.date(2025, 2, 28)
>>> due(dt.date(2025, 3, 3), days=60, months=None)
datetime.date(2025, 5, 2)
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import Any

from service.compensation.result import DueDate
from service.engine.offices import OfficeBook
from service.rules import model


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due(start: dt.date, *, days: int | None, months: int | None) -> dt.date:
    return add_months(start, months) if months is not None else start + dt.timedelta(days or 0)


def due_date(book: OfficeBook, limit: model.TimeLimit, forum: str, facts: Mapping[str, Any],
             as_of: dt.date) -> DueDate:
    """``limit`` for one case. Escalation goes one step above the office that must act (the
    forum when the limit names none)."""
    start = facts.get(limit.start_fact) if limit.start_fact else None
    start = start if isinstance(start, dt.date) else None
    last = due(start, days=limit.days, months=limit.months) if start else None
    acting = limit.office or forum
    above = book.ruleset.escalation(acting)
    return DueDate(
        label=limit.label, days=limit.days, months=limit.months, starts=limit.start,
        cite=limit.cite, office=book.name(acting), start_fact=limit.start_fact,
        start_date=start, due=last, overdue=None if last is None else as_of > last,
        escalate_to=book.name(above[0].id) if above else None)
