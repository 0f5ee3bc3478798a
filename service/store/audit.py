"""The audit log of case data: who read or wrote which record, when. No case data."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlmodel import Session, col, func, select

from service.store.tables import AuditEntry


def record(session: Session, *, key_id: str | None, org: str, action: str,
           object_id: str | None, status: int, now: dt.datetime) -> None:
    session.add(AuditEntry(id=uuid.uuid4().hex, at=now, key_id=key_id, org=org,
                           action=action[:80], object_id=object_id, status=status))
    session.commit()


def entries(session: Session, *, org: str | None, since: dt.datetime | None, limit: int,
            offset: int) -> tuple[list[AuditEntry], int]:
    """Newest first; of one organisation, or of all (``org`` None)."""
    query = select(AuditEntry)
    if org is not None:
        query = query.where(col(AuditEntry.org) == org)
    if since is not None:
        query = query.where(col(AuditEntry.at) >= since)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(AuditEntry.at).desc(), col(AuditEntry.id))
                        .offset(offset).limit(limit)).all()
    return list(rows), int(total)
