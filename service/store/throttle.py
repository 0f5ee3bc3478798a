"""Rate limits and key-check back-off that hold across every worker of the service.

A sliding log: each request let through leaves one row (bucket, time); a bucket may have at
most ``limit`` rows in the last minute, so a limit of N per minute lets through at most N in
any minute, however many workers answer. Requests refused leave no row. Buckets are hashes
(of a client address or a key), never the address or key itself.

On PostgreSQL, a transaction-scoped advisory lock per bucket makes count-then-insert atomic;
on SQLite every transaction is ``BEGIN IMMEDIATE``, which does the same for the whole file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import BindParameter, Table, bindparam, delete, func, insert, select, text
from sqlmodel import Session, col

from service.store.tables import KeyFailure, RateHit

WINDOW_MS = 60_000

# A lease is taken on the request path (for a client sending now and then, one a request), so
# its statements are SQLAlchemy Core on the table, built once, and a trip's clients share
# them: the ORM's unit of work and its bookkeeping for deleted rows were about two thirds of
# a lease's time (2.1 ms a lease on SQLite, measured).
_HITS: Table = RateHit.metadata.tables[RateHit.__tablename__]
_NAMES: BindParameter[list[str]] = bindparam("names", expanding=True)
_STALE = delete(_HITS).where(_HITS.c.bucket.in_(_NAMES), _HITS.c.at_ms <= bindparam("cutoff"))
_COUNTS = (select(_HITS.c.bucket, func.sum(_HITS.c.permits), func.min(_HITS.c.at_ms))
           .where(_HITS.c.bucket.in_(_NAMES)).group_by(_HITS.c.bucket))
_ADD = insert(_HITS)


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    retry_after_ms: int = 0
    reason: str = ""  # "rate_limited" or "backing_off" when refused
    bucket: str = ""  # the bucket that refused


ALLOWED = Verdict(True)


@dataclass(frozen=True, slots=True)
class Backoff:
    """After ``free`` failed key checks, refuse the client's keyed requests for ``base_ms``,
    doubling with each further failure up to ``cap_ms``; forget failures ``forget_ms`` after
    the last one."""

    free: int = 10
    base_ms: int = 1_000
    cap_ms: int = 900_000
    forget_ms: int = 900_000

    def blocked_for(self, failures: int) -> int:
        if failures < self.free:
            return 0
        return int(min(self.cap_ms, self.base_ms * 2 ** min(failures - self.free, 40)))


def bucket(kind: str, value: str) -> str:
    """``kind`` ("c" client, "k" key) and a hash of the value: no address or key is kept."""
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


# Every bucket's lock in one statement, taken in the array's order (a gathered trip may name
# dozens of buckets: one statement each was most of its time on PostgreSQL).
_PG_LOCKS = text("SELECT pg_advisory_xact_lock(hashtext(b)) "
                 "FROM unnest(CAST(:names AS text[])) AS b")


def _lock(session: Session, names: Sequence[str]) -> None:
    if names and session.get_bind().dialect.name == "postgresql":
        # one order everywhere (sorted): no deadlock between workers
        session.execute(_PG_LOCKS, {"names": sorted(set(names))})


def blocked(session: Session, client: str, now_ms: int) -> Verdict | None:
    """Refusal while ``client`` backs off after failed key checks; None when it may try."""
    row = session.get(KeyFailure, client)
    if row is not None and row.blocked_until_ms > now_ms:
        return Verdict(False, row.blocked_until_ms - now_ms, "backing_off", client)
    return None


def admit(session: Session, limits: Sequence[tuple[str, int]], now_ms: int) -> Verdict:
    """Let one request through if no bucket has had its limit in the last minute, and
    record it in every bucket. Commits."""
    return lease(session, limits, now_ms)[0]


def lease(session: Session, limits: Sequence[tuple[str, int]], now_ms: int, want: int = 1,
          hold_ms: int = 0) -> tuple[Verdict, int]:
    """Let up to ``want`` requests through at once, to be used by a worker within ``hold_ms``.
    The one used now is recorded at ``now_ms``, the others at ``now_ms + hold_ms``, the latest
    they may be used, so that each stays in its window at least a minute after it is used.
    Never more than a quarter of what is left in any bucket (at least one), so that near a
    limit permits go one at a time and none are stranded in a worker that does not need
    them. Returns the verdict and how many were let through. Commits."""
    return leases(session, [(limits, want)], now_ms, hold_ms)[0]


def leases(session: Session, asks: Sequence[tuple[Sequence[tuple[str, int]], int]],
           now_ms: int, hold_ms: int = 0) -> list[tuple[Verdict, int]]:
    """``lease`` for several clients in one transaction, each ask its limits and how many
    permits it wants: a worker's clients that need permits at the same moment cost one trip
    to the database together, three statements for all of them. Each ask sees the permits of
    the asks before it. Commits once."""
    names = sorted({name for limits, _ in asks for name, _ in limits})
    _lock(session, names)
    connection = session.connection()
    windows: dict[str, list[int]] = {}  # bucket: [permits in the minute, the oldest's time]
    if names:
        connection.execute(_STALE, {"names": names, "cutoff": now_ms - WINDOW_MS})
        windows = {name: [permits, oldest] for name, permits, oldest
                   in connection.execute(_COUNTS, {"names": names})}
    found: list[tuple[Verdict, int]] = []
    rows: list[dict[str, object]] = []
    for limits, want in asks:
        verdict, granted = _lease(windows, limits, want, now_ms)
        found.append((verdict, granted))
        if not verdict.allowed:
            continue
        # the permit used now, and the rest at the latest they may be used: two rows at most
        times = [(now_ms, 1)] + ([(now_ms + hold_ms, granted - 1)] if granted > 1 else [])
        for name, _ in limits:
            window = windows.setdefault(name, [0, now_ms])
            window[0] += granted
            window[1] = min(window[1], now_ms)
            rows += [{"bucket": name, "at_ms": at, "permits": n} for at, n in times]
    if rows:
        connection.execute(_ADD, rows)
    session.commit()
    return found


def _lease(windows: dict[str, list[int]], limits: Sequence[tuple[str, int]], want: int,
           now_ms: int) -> tuple[Verdict, int]:
    granted = want
    for name, limit in limits:
        count, oldest = windows.get(name, (0, now_ms))
        if count >= limit:
            return Verdict(False, max(oldest + WINDOW_MS - now_ms, 1), "rate_limited", name), 0
        granted = min(granted, max(1, (limit - count) // 4))
    return ALLOWED, granted


def fail(session: Session, client: str, now_ms: int, policy: Backoff) -> int:
    """Count one failed key check from ``client``; return how long (ms) it is now blocked."""
    _lock(session, [client])
    row = session.get(KeyFailure, client)
    if row is None:
        row = KeyFailure(bucket=client, failures=0, last_ms=now_ms, blocked_until_ms=0)
    elif now_ms - row.last_ms > policy.forget_ms:
        row.failures = 0
    row.failures += 1
    row.last_ms = now_ms
    blocked = policy.blocked_for(row.failures)
    if blocked:
        row.blocked_until_ms = now_ms + blocked
    session.add(row)
    session.commit()
    return blocked


def sweep(session: Session, now_ms: int, policy: Backoff) -> None:
    """Remove hits out of every window and failures long forgotten. Commits."""
    session.execute(delete(RateHit).where(col(RateHit.at_ms) <= now_ms - WINDOW_MS))
    session.execute(delete(KeyFailure).where(
        col(KeyFailure.last_ms) < now_ms - policy.forget_ms,
        col(KeyFailure.blocked_until_ms) < now_ms))
    session.commit()
