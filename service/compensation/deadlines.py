"""Time limits as dates: the day the clock starts, the last day, whether it has passed, and
where to go if the office has not acted by then. The date arithmetic is ``service.dates``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from service import dates
from service.compensation.result import DueDate
from service.engine.offices import OfficeBook
from service.rules import model


def due_date(book: OfficeBook, limit: model.TimeLimit, forum: str, facts: Mapping[str, Any],
             as_of: dt.date) -> DueDate:
    """``limit`` for one case. Escalation goes one step above the office that must act (the
    forum when the limit names none)."""
    start = facts.get(limit.start_fact) if limit.start_fact else None
    start = start if isinstance(start, dt.date) else None
    last = dates.due(start, days=limit.days, months=limit.months) if start else None
    acting = limit.office or forum
    above = book.ruleset.escalation(acting)
    return DueDate(
        label=book.words.t(limit.label), days=limit.days, months=limit.months,
        starts=book.words.maybe(limit.start),
        cite=limit.cite, office=book.name(acting), start_fact=limit.start_fact,
        start_date=start, due=last, overdue=None if last is None else as_of > last,
        escalate_to=book.name(above[0].id) if above else None)
