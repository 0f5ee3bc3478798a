"""Due dates from a rule version's time limits.

A time limit runs from the day the claim entered its ``starts`` status and is met when the
claim reaches ``ends``. The claim's due date is the earliest limit still running.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from service.rules.model import TimeLimit
from service.store.lifecycle import CHAIN, FINAL


@dataclass(frozen=True, slots=True)
class Deadline:
    due: dt.date
    limit: TimeLimit


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def due_date(limit: TimeLimit, started: dt.date) -> dt.date:
    if limit.months is not None:
        return add_months(started, limit.months)
    return started + dt.timedelta(days=limit.days or 0)


def pending(limits: Iterable[TimeLimit], status: str,
            entered: Mapping[str, dt.datetime | None]) -> Deadline | None:
    """The earliest time limit still running for a claim in ``status`` that entered each
    step at ``entered[step]``; None when none runs (or the claim is closed)."""
    if status in FINAL:
        return None
    here = CHAIN.index(status)
    best: Deadline | None = None
    for limit in limits:
        if limit.starts is None:  # not a clock on the claim
            continue
        started = entered.get(limit.starts)
        if started is None or here >= CHAIN.index(limit.ends):
            continue
        due = due_date(limit, started.date())
        if best is None or due < best.due:
            best = Deadline(due, limit)
    return best


def is_overdue(due: dt.date | None, status: str, today: dt.date) -> bool:
    return due is not None and status not in FINAL and today > due
