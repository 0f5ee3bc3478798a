"""Idempotency keys: a POST retried with the same key and the same request gets the first
answer again, and creates nothing twice.

The first request claims the key by inserting its row before it runs (the primary key makes
the claim atomic on SQLite and PostgreSQL alike), then fills in its answer. Meanwhile a
retry is told to wait; a row left half-done by a crash is taken over after ``ABANDONED``.
Rows older than ``WINDOW`` are forgotten. Only hashes of the client's key and of the
request are kept, with the answer itself (a record the service keeps anyway).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.store.tables import IdempotencyKey

WINDOW = dt.timedelta(hours=24)
ABANDONED = dt.timedelta(minutes=2)  # far longer than any create takes


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Claimed:
    """What a request with a key may do: ``run`` (it is the first), ``replay`` the first
    answer, or refuse because the key went with another request (``mismatch``) or the first
    is still running (``busy``)."""

    outcome: Literal["run", "replay", "mismatch", "busy"]
    status: int | None = None
    body: str | None = None
    location: str | None = None


def claim(session: Session, *, key_id: str, key: str, request_hash: str,
          now: dt.datetime) -> Claimed:
    key_hash = digest(key.encode())
    session.exec(delete(IdempotencyKey).where(col(IdempotencyKey.created_at) < now - WINDOW))
    session.commit()
    for _ in range(3):  # a row that expires or is abandoned between our reads: try again
        try:
            # In SQL, not through the session's identity map, which may hold the old row.
            session.exec(insert(IdempotencyKey).values(
                key_id=key_id, key_hash=key_hash, request_hash=request_hash, created_at=now))
            session.commit()
            return Claimed("run")
        except IntegrityError:
            session.rollback()
        row = session.exec(select(IdempotencyKey).where(
            IdempotencyKey.key_id == key_id, IdempotencyKey.key_hash == key_hash)).first()
        if row is None:
            continue
        if row.request_hash != request_hash:
            return Claimed("mismatch")
        if row.status is not None:
            return Claimed("replay", row.status, row.body, row.location)
        if row.created_at > now - ABANDONED:
            return Claimed("busy")
        _forget(session, key_id, key_hash, created_at=row.created_at)
    return Claimed("busy")


def keep(session: Session, *, key_id: str, key: str, status: int, body: str,
         location: str | None) -> None:
    """Store the first answer under the key it claimed."""
    row = session.get(IdempotencyKey, (key_id, digest(key.encode())))
    if row is None:  # taken over meanwhile as abandoned: nothing to keep
        return
    row.status, row.body, row.location = status, body, location
    session.add(row)
    session.commit()


def release(session: Session, *, key_id: str, key: str) -> None:
    """The first request failed: forget its claim, so that a retry runs afresh."""
    _forget(session, key_id, digest(key.encode()))


def _forget(session: Session, key_id: str, key_hash: str,
            created_at: dt.datetime | None = None) -> None:
    unfinished = delete(IdempotencyKey).where(
        col(IdempotencyKey.key_id) == key_id, col(IdempotencyKey.key_hash) == key_hash,
        col(IdempotencyKey.status).is_(None))
    if created_at is not None:
        unfinished = unfinished.where(col(IdempotencyKey.created_at) == created_at)
    session.exec(unfinished)
    session.commit()
