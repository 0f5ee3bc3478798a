"""Which rules the service's workers should serve, and which each one does.

A successful reload records the accepted rules' digest (one row); every worker polls it,
reloads itself when it serves another digest, and records its own in a heartbeat, so that
anyone can see whether a reload has reached every worker.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, delete, select

from service.store.tables import RulesetAccepted, WorkerBeat

_ONE = 1  # the accepted rules are one row


def accept(session: Session, *, digest: str, version: str, rules_dir: str,
           now: dt.datetime) -> None:
    row = session.get(RulesetAccepted, _ONE) or RulesetAccepted(
        id=_ONE, digest=digest, version=version, rules_dir=rules_dir, accepted_at=now)
    row.digest, row.version, row.rules_dir, row.accepted_at = digest, version, rules_dir, now
    session.add(row)
    session.commit()


def request(session: Session, *, digest: str, version: str, rules_dir: str,
            now: dt.datetime) -> None:
    """A reload is starting: the other workers may load the directory at the same time."""
    row = session.get(RulesetAccepted, _ONE) or RulesetAccepted(
        id=_ONE, digest=digest, version=version, rules_dir=rules_dir, accepted_at=now)
    row.requested_at = now
    session.add(row)
    session.commit()


def accepted(session: Session) -> RulesetAccepted | None:
    return session.get(RulesetAccepted, _ONE)


def beat(session: Session, worker: str, *, digest: str, version: str,
         now: dt.datetime) -> None:
    row = session.get(WorkerBeat, worker) or WorkerBeat(
        id=worker, digest=digest, version=version, seen_at=now)
    row.digest, row.version, row.seen_at = digest, version, now
    session.add(row)
    session.commit()


def serving(session: Session, *, since: dt.datetime) -> list[WorkerBeat]:
    """Workers heard from since ``since``, by id."""
    return list(session.exec(select(WorkerBeat).where(col(WorkerBeat.seen_at) >= since)
                             .order_by(col(WorkerBeat.id))).all())


def forget(session: Session, *, before: dt.datetime) -> None:
    """Remove heartbeats of workers silent since ``before`` (stopped or restarted)."""
    session.exec(delete(WorkerBeat).where(col(WorkerBeat.seen_at) < before))
    session.commit()
