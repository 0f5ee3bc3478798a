"""Due dates from a rule version's time limits.

A time limit runs from the day the claim entered its ``starts`` status and is met when the
claim reaches ``ends``. The claim's due date is the earliest limit still running. The date
arithmetic is ``service.dates``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from service import dates
from service.rules.model import TimeLimit
from service.store.lifecycle import CHAIN, FINAL


@dataclass(frozen=True, slots=True)
class Deadline:
    due: dt.date
    limit: TimeLimit


def due_date(limit: TimeLimit, started: dt.date) -> dt.date:
    """The last day of ``limit`` when its clock started on ``started``."""
    return dates.due(started, days=limit.days, months=limit.months)


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
        due = due_date(limit, dates.india_date(started))
        if best is None or due < best.due:
            best = Deadline(due, limit)
    return best


def is_overdue(due: dt.date | None, status: str, today: dt.date) -> bool:
    return due is not None and status not in FINAL and today > due
