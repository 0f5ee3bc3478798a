"""Erasure of one case of one organisation: its screenings, claims and claim events go, and
so do the answers kept for retries with an Idempotency-Key (their keys stay, marked erased,
until they expire); a tombstone (``Erasure``) stays, with counts and no case data.

Claim events are append-only, by ORM guard and database trigger. Erasure is the one way
past both: it runs as SQL on the session's connection (not through the ORM), in one
transaction whose tombstone row is marked in progress, which is what the triggers let
through; the mark is cleared before the commit, so no other transaction ever sees it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import TextClause, bindparam, text
from sqlmodel import Session

from service.errors import NotFound
from service.store import idempotency
from service.store.tables import Erasure


def erase(session: Session, *, org: str, case_ref: str, key_id: str | None,
          now: dt.datetime) -> Erasure:
    """Erase the case ``case_ref`` of ``org``; ``NotFound`` if it has no records. Commits."""
    connection = session.connection()
    case = {"org": org, "ref": case_ref}
    screenings = [r[0] for r in connection.execute(text(
        "SELECT id FROM screenings WHERE org = :org AND case_ref = :ref"), case)]
    claims = [r[0] for r in connection.execute(text(
        "SELECT id FROM claims WHERE org = :org AND case_ref = :ref"), case)]
    if not screenings and not claims:
        raise NotFound("case")
    tombstone = Erasure(id=uuid.uuid4().hex, org=org, key_id=key_id, erased_at=now,
                        screenings=len(screenings), claims=len(claims), events=0,
                        in_progress=True)
    session.add(tombstone)
    session.flush()
    events = 0
    if claims:
        events = connection.execute(_in("DELETE FROM claim_events WHERE claim_id IN :ids"),
                                    {"ids": claims}).rowcount
        connection.execute(_in("DELETE FROM claims WHERE id IN :ids"), {"ids": claims})
    if screenings:
        # Links from records of other cases (there should be none) are cut, not followed.
        connection.execute(_in("UPDATE claims SET screening_id = NULL "
                               "WHERE screening_id IN :ids"), {"ids": screenings})
        connection.execute(_in("UPDATE screenings SET rerun_of = NULL WHERE rerun_of IN :ids "
                               "AND NOT (org = :org AND case_ref = :ref)"),
                           {"ids": screenings, **case})
        connection.execute(_in("DELETE FROM screenings WHERE id IN :ids"), {"ids": screenings})
    # After the records: an answer being kept meanwhile waits on its record (FOR SHARE), so
    # this sees it once it is committed (service/store/idempotency.py, keep).
    idempotency.erase_case(session, org=org, case_ref=case_ref, now=now)
    tombstone.events, tombstone.in_progress = events, False
    session.add(tombstone)
    session.commit()
    return tombstone


def _in(sql: str) -> TextClause:
    return text(sql).bindparams(bindparam("ids", expanding=True))
