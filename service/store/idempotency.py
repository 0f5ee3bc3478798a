"""Idempotency keys: a POST retried with the same key and the same request gets the first
answer again, and creates nothing twice.

The first request claims the key by inserting its row before it runs (the primary key makes
the claim atomic on SQLite and PostgreSQL alike), then fills in its answer. Meanwhile a
retry is told to wait; a row left half-done by a crash is taken over after ``ABANDONED``.
Rows older than ``WINDOW`` are forgotten. Only hashes of the client's key and of the
request are kept, with the answer itself (a record the service keeps anyway).

Each answer carries a hash of its record's case, so that erasing the case erases the
answer too (``erase_case``). The key stays, empty and marked erased, until the window ends:
a retry is then told the record was erased, instead of making it again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import delete, func, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.store.tables import Claim, IdempotencyKey, Screening

WINDOW_HOURS = 24
WINDOW = dt.timedelta(hours=WINDOW_HOURS)
ABANDONED = dt.timedelta(minutes=2)  # far longer than any create takes


# What an erased answer keeps: its key's hash and when it was erased, no trace of the case.
_EMPTIED = {"status": None, "body": None, "location": None, "request_hash": "",
            "case_hash": None}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def case_digest(org: str, case_ref: str) -> str:
    """The key an answer is found by when its case is erased. A lookup, not a secret: a case
    reference is short enough to guess, and the answer beside it names it anyway."""
    return digest(f"{org}\n{case_ref}".encode())


@dataclass(frozen=True, slots=True)
class Claimed:
    """What a request with a key may do: ``run`` (it is the first), ``replay`` the first
    answer, or refuse because the key went with another request (``mismatch``), the first
    is still running (``busy``), or the record it made has been erased (``erased``)."""

    outcome: Literal["run", "replay", "mismatch", "busy", "erased"]
    status: int | None = None
    body: str | None = None
    location: str | None = None


def claim(session: Session, *, key_id: str, key: str, request_hash: str,
          now: dt.datetime) -> Claimed:
    key_hash = digest(key.encode())
    expire(session, now=now)
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
        if row.erased_at is not None:  # before the request's hash, which erasure cleared
            return Claimed("erased")
        if row.request_hash != request_hash:
            return Claimed("mismatch")
        if row.status is not None:
            return Claimed("replay", row.status, row.body, row.location)
        if row.created_at > now - ABANDONED:
            return Claimed("busy")
        _forget(session, key_id, key_hash, created_at=row.created_at)
    return Claimed("busy")


def keep(session: Session, *, key_id: str, key: str, status: int, body: str,
         location: str | None, record: Screening | Claim, now: dt.datetime) -> None:
    """Store the first answer under the key it claimed, with its record's case.

    An erasure of the case that ran meanwhile leaves the key marked erased, never holding
    the answer: on PostgreSQL the record is read ``FOR SHARE``, so either this commits first
    and the erasure (waiting on the record) then finds the answer by its case, or the
    erasure commits first and the record is seen gone here. SQLite runs one at a time.
    """
    this = _row(key_id, digest(key.encode()))
    kept = session.exec(update(IdempotencyKey).where(
        *this, col(IdempotencyKey.erased_at).is_(None)).values(
        status=status, body=body, location=location,
        case_hash=case_digest(record.org, record.case_ref)))
    if kept.rowcount == 0:  # taken over as abandoned, or erased: nothing to keep
        session.rollback()
        return
    table = type(record)
    there = session.exec(select(table.id).where(table.id == record.id)
                         .with_for_update(read=True)).first()
    if there is None:
        session.exec(update(IdempotencyKey).where(*this).values(
            **_EMPTIED, erased_at=now))
    session.commit()


def erase_case(session: Session, *, org: str, case_ref: str, now: dt.datetime) -> int:
    """Empty the answers of this case, keeping their keys marked erased; how many. Runs in
    the caller's transaction (the erasure's), and does not commit."""
    result = session.exec(update(IdempotencyKey).where(
        col(IdempotencyKey.case_hash) == case_digest(org, case_ref)).values(
        **_EMPTIED, erased_at=now))
    return int(result.rowcount)


def expire(session: Session, *, now: dt.datetime) -> int:
    """Forget every key older than the window, erased or not; how many. Commits."""
    result = session.exec(delete(IdempotencyKey).where(_past(now)))
    session.commit()
    return int(result.rowcount)


def expired(session: Session, *, now: dt.datetime) -> int:
    """How many keys ``expire`` would forget now."""
    return int(session.exec(select(func.count()).select_from(IdempotencyKey)
                            .where(_past(now))).one())


def _past(now: dt.datetime) -> Any:
    return col(IdempotencyKey.created_at) < now - WINDOW


def release(session: Session, *, key_id: str, key: str) -> None:
    """The first request failed: forget its claim, so that a retry runs afresh."""
    _forget(session, key_id, digest(key.encode()))


def _row(key_id: str, key_hash: str) -> tuple[Any, Any]:
    return col(IdempotencyKey.key_id) == key_id, col(IdempotencyKey.key_hash) == key_hash


def _forget(session: Session, key_id: str, key_hash: str,
            created_at: dt.datetime | None = None) -> None:
    # Unfinished only: an erased key has no status either, and must stay until it expires.
    unfinished = delete(IdempotencyKey).where(
        *_row(key_id, key_hash), col(IdempotencyKey.status).is_(None),
        col(IdempotencyKey.erased_at).is_(None))
    if created_at is not None:
        unfinished = unfinished.where(col(IdempotencyKey.created_at) == created_at)
    session.exec(unfinished)
    session.commit()
