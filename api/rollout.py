"""Every worker serves the rules the last reload accepted, within about a second.

A reload reaches the one worker that got the request. That worker records the accepted
digest in the database (``record_accepted``); each worker polls it every
``ruleset_poll_seconds`` (``Follower``), reloads itself from its own rules directory when
the digest is not the one it serves (and was accepted after it loaded its rules), and records
a heartbeat saying which digest it serves, for GET /v1/ruleset. So that the others need not
wait for a whole load after the acceptance, the reloading worker first records that a
reload was asked for (``record_request``): they load the directory at the same time, and
swap the result in as soon as its digest is the one accepted.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import secrets
import time

import anyio.to_thread

from api.holder import LoadFailure, RulesetHolder
from service.errors import StoreUnavailable
from service.rules.ruleset import Ruleset
from service.store import rollout
from service.store.database import Database
from service.store.tables import RulesetAccepted, WorkerBeat

log = logging.getLogger("adhikar.rules")
BEAT_SECONDS = 1.0  # a heartbeat at least this often, and at once when the digest changes
SILENT_SECONDS = 5.0  # without a heartbeat, a worker is no longer listed


def worker_id() -> str:
    """An opaque name for this worker process (no host name or pid is shown)."""
    return secrets.token_hex(6)


def record_request(db: Database, holder: RulesetHolder, follower: Follower) -> None:
    """Before a reload: the other workers start loading the directory at once (this one's
    follower leaves it to the reload itself). (Thread.)"""
    rules, now = holder.current, dt.datetime.now(dt.UTC)
    follower.own_request = now
    with contextlib.suppress(StoreUnavailable), db.session() as session:
        rollout.request(session, digest=rules.digest, version=rules.version,
                        rules_dir=str(holder.rules_dir), now=now)


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
    since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=max(SILENT_SECONDS, 2 * poll_seconds))
    try:
        with db.session() as session:
            return rollout.serving(session, since=since)
    except StoreUnavailable:
        return None


class Follower:
    """Polls the accepted rules; loads the directory as soon as a reload is asked for on any
    worker (in step with it), and swaps the new rules in once that reload is accepted."""

    def __init__(self, holder: RulesetHolder, db: Database, poll_seconds: float) -> None:
        self.holder, self.db, self.poll = holder, db, poll_seconds
        self.id = worker_id()
        self._tried: tuple[str, dt.datetime] | None = None  # reload tried for this acceptance
        self._seen_request: dt.datetime | None = None
        self._candidate: asyncio.Task[Ruleset | LoadFailure] | None = None
        self._beaten: tuple[str, float] = ("", 0.0)  # digest and time of the last heartbeat
        self.own_request: dt.datetime | None = None  # a reload asked of this very worker

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                wanted = await anyio.to_thread.run_sync(self._poll)
                if wanted is not None:
                    await self._follow(wanted)
            except StoreUnavailable:
                pass  # /readyz says so; the rules serving keep serving
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.poll)
        if self._candidate is not None:
            await self._candidate

    def _poll(self) -> RulesetAccepted | None:
        rules, now = self.holder.current, dt.datetime.now(dt.UTC)
        with self.db.session() as session:
            wanted = rollout.accepted(session)
            digest, at = self._beaten
            if digest != rules.digest or time.monotonic() - at >= BEAT_SECONDS:
                rollout.beat(session, self.id, digest=rules.digest, version=rules.version,
                             now=now)
                self._beaten = (rules.digest, time.monotonic())
                if secrets.randbelow(100) == 0:  # now and then: stopped workers' heartbeats
                    rollout.forget(session, before=now - dt.timedelta(hours=1))
            return wanted

    async def _follow(self, wanted: RulesetAccepted) -> None:
        asked = wanted.requested_at
        if (asked is not None and asked > self.holder.loaded_at
                and asked not in (self._seen_request, self.own_request)):
            # Another worker is loading new rules: load them here too, at the same time.
            self._seen_request = asked
            self._candidate = asyncio.create_task(anyio.to_thread.run_sync(self.holder.prepare))
        if not self._should_reload(wanted):
            return
        self._tried = (wanted.digest, wanted.accepted_at)
        candidate, self._candidate = self._candidate, None
        fresh = await candidate if candidate is not None else None
        if isinstance(fresh, Ruleset) and fresh.digest == wanted.digest:
            await anyio.to_thread.run_sync(self.holder.adopt, fresh)
        else:
            await anyio.to_thread.run_sync(self.holder.reload)
        self._report(wanted)
        self._beaten = ("", 0.0)
        await anyio.to_thread.run_sync(self._poll)  # say so at once

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
