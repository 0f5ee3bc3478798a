"""The accountability funnel: per entitlement and office, how far claims got, what was paid,
how long it took, and how many are overdue. Raw figures; ``suppression`` hides small ones.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from service.store import deadlines
from service.store.tables import Claim

COUNTS = ("identified", "applied", "sanctioned", "received", "rejected", "overdue")


@dataclass(slots=True)
class Tally:
    """Raw figures for one row (or the total). ``paid_days`` holds, for each claim received,
    the days from applied to received."""

    identified: int = 0
    applied: int = 0
    sanctioned: int = 0
    received: int = 0
    rejected: int = 0
    overdue: int = 0
    claimed: list[int] = field(default_factory=list)
    paid: list[int] = field(default_factory=list)
    paid_days: list[int] = field(default_factory=list)

    def add(self, claim: Claim, today: dt.date) -> None:
        self.identified += 1
        self.applied += claim.applied_at is not None
        self.sanctioned += claim.sanctioned_at is not None
        self.received += claim.received_at is not None
        self.rejected += claim.status == "rejected"
        self.overdue += deadlines.is_overdue(claim.due_at, claim.status, today)
        if claim.amount_claimed is not None:
            self.claimed.append(claim.amount_claimed)
        if claim.amount_received is not None:
            self.paid.append(claim.amount_received)
        if claim.applied_at is not None and claim.received_at is not None:
            self.paid_days.append((claim.received_at.date() - claim.applied_at.date()).days)

    def count(self, name: str) -> int:
        value: int = getattr(self, name)
        return value

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.paid_days) if self.paid_days else None


@dataclass(frozen=True, slots=True)
class Funnel:
    rows: dict[tuple[str, str], Tally]  # (entitlement, office) -> figures
    total: Tally


def funnel(session: Session, *, scope: str | None, today: dt.date,
           district: str | None = None, start: dt.date | None = None,
           end: dt.date | None = None) -> Funnel:
    """Claims opened from ``start`` to ``end`` (inclusive), in ``district`` if given."""
    query = select(Claim)
    if scope is not None:
        query = query.where(Claim.org == scope)
    if district is not None:
        query = query.where(func.lower(col(Claim.district)) == district.lower())
    if start is not None:
        query = query.where(col(Claim.opened_at) >= _midnight(start))
    if end is not None:
        query = query.where(col(Claim.opened_at) < _midnight(end + dt.timedelta(days=1)))
    return tally(session.exec(query).all(), today)


def tally(claims: Iterable[Claim], today: dt.date) -> Funnel:
    rows: dict[tuple[str, str], Tally] = defaultdict(Tally)
    total = Tally()
    for claim in claims:
        rows[(claim.entitlement, claim.office)].add(claim, today)
        total.add(claim, today)
    return Funnel(dict(sorted(rows.items())), total)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
