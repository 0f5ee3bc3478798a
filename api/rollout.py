"""Every worker serves the rules the last reload accepted, within about a second.

A reload reaches the one worker that got the request. That worker records the accepted
digest in the database (``record_accepted``); each worker polls it every
``ruleset_poll_seconds`` (``follow_reloads``), reloads itself from its own rules directory
when the digest is not the one it serves (and was accepted after it loaded its rules), and
records a heartbeat saying which digest it serves, for GET /v1/ruleset.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import secrets

import anyio.to_thread

from api.holder import RulesetHolder
from service.errors import StoreUnavailable
from service.store import rollout
from service.store.database import Database
from service.store.tables import RulesetAccepted, WorkerBeat

log = logging.getLogger("adhikar.rules")
SILENT_AFTER = 5  # polls without a heartbeat before a worker is no longer listed


def worker_id() -> str:
    """An opaque name for this worker process (no host name or pid is shown)."""
    return secrets.token_hex(6)


def record_accepted(db: Database, holder: RulesetHolder) -> None:
    """After a successful reload: tell the other workers. (Thread; the database may be down,
    and then only this worker has the new rules until it answers again.)"""
    rules = holder.current
    try:
        with db.session() as session:
            rollout.accept(session, digest=rules.digest, version=rules.version,
                           rules_dir=str(holder.rules_dir), now=dt.datetime.now(dt.UTC))
    except StoreUnavailable:
        log.warning("rules reloaded here, but the database does not answer: the other "
                    "workers keep their rules until it does")


def workers(db: Database, poll_seconds: float) -> list[WorkerBeat] | None:
    """The workers heard from lately, with the digest each serves; None if unknown."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=max(2.0, SILENT_AFTER * poll_seconds))
    try:
        with db.session() as session:
            return rollout.serving(session, since=since)
    except StoreUnavailable:
        return None


class Follower:
    def __init__(self, holder: RulesetHolder, db: Database, poll_seconds: float) -> None:
        self.holder, self.db, self.poll = holder, db, poll_seconds
        self.id = worker_id()
        self._tried: tuple[str, dt.datetime] | None = None  # reload tried for this acceptance

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                wanted = await anyio.to_thread.run_sync(self._beat)
                if wanted is not None and self._should_reload(wanted):
                    self._tried = (wanted.digest, wanted.accepted_at)
                    await anyio.to_thread.run_sync(self.holder.reload)
                    self._report(wanted)
                    await anyio.to_thread.run_sync(self._beat)  # say so at once
            except StoreUnavailable:
                pass  # /readyz says so; the rules serving keep serving
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.poll)

    def _beat(self) -> RulesetAccepted | None:
        rules, now = self.holder.current, dt.datetime.now(dt.UTC)
        with self.db.session() as session:
            rollout.beat(session, self.id, digest=rules.digest, version=rules.version, now=now)
            wanted = rollout.accepted(session)
            if secrets.randbelow(60) == 0:  # now and then: heartbeats of stopped workers
                rollout.forget(session, before=now - dt.timedelta(hours=1))
            return wanted

    def _should_reload(self, wanted: RulesetAccepted) -> bool:
        return (wanted.digest != self.holder.current.digest
                and wanted.accepted_at > self.holder.loaded_at
                and self._tried != (wanted.digest, wanted.accepted_at))

    def _report(self, wanted: RulesetAccepted) -> None:
        if self.holder.current.digest == wanted.digest:
            log.info("rules reloaded to follow a reload on another worker: %s", wanted.digest)
        else:
            log.warning("another worker accepted rules %s, but this worker's rules directory "
                        "gives %s: it keeps serving those", wanted.digest,
                        self.holder.current.digest)
