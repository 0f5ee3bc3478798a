"""Retention: which cases have had no activity for the retention period, so may be purged.

A case (organisation and case reference) is due when its newest screening and its claims'
latest changes are all older than the cut-off, and none of its claims is still open (a
survivor still waiting for her money keeps her record, however long it takes).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlmodel import Session

from service.store.tables import OPEN_CLAIM

_DUE = f"""
SELECT org, case_ref FROM (
    SELECT org, case_ref, created_at AS at, 0 AS open FROM screenings
    UNION ALL
    SELECT org, case_ref, updated_at AS at,
           CASE WHEN {OPEN_CLAIM} THEN 1 ELSE 0 END AS open FROM claims
) AS activity
GROUP BY org, case_ref
HAVING MAX(at) < :before AND MAX(open) = 0
ORDER BY org, case_ref
"""


def due(session: Session, *, before: dt.datetime) -> list[tuple[str, str]]:
    """(organisation, case reference) of every case due for purging."""
    naive = before.astimezone(dt.UTC).replace(tzinfo=None)  # stored as naive UTC
    rows = session.connection().execute(text(_DUE), {"before": naive})
    return [(str(org), str(ref)) for org, ref in rows]
