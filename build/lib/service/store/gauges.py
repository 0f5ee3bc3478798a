"""Counts for the metrics: claims by status, and open claims past their due date by office.
Only the service's own names (statuses, office ids) come out, never a case reference."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from service.store.lifecycle import FINAL
from service.store.tables import Claim


@dataclass(frozen=True, slots=True)
class ClaimCounts:
    by_status: dict[str, int]
    overdue_by_office: dict[str, int]


def claim_counts(session: Session, today: dt.date) -> ClaimCounts:
    by_status = session.exec(select(Claim.status, func.count()).group_by(Claim.status)).all()
    overdue = session.exec(
        select(Claim.office, func.count())
        .where(col(Claim.due_at).is_not(None), col(Claim.due_at) < today,
               col(Claim.status).not_in(sorted(FINAL)))
        .group_by(Claim.office)).all()
    return ClaimCounts({s: n for s, n in by_status}, {o: n for o, n in overdue})
