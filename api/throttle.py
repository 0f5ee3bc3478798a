"""Rate limits on /v1 and back-off after failed key checks, shared by every worker.

A request with a valid key (or the admin token) counts against that key's limit; any other
request counts against its client address (the connection's, or what uvicorn already
believes from a trusted proxy). A wrong key counts as a failed check for the address; after
``key_failures_free`` of them, the address's keyed requests get 429 for a time that doubles
with each further failure. Counters live in the database (service/store/throttle.py); while
it does not answer, each worker counts on its own, so that eligibility keeps serving.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import hmac
import math
import threading
import time
from collections.abc import Callable

import anyio.to_thread
from sqlmodel import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from api import problems
from api.settings import Settings
from service.errors import StoreUnavailable
from service.store import keys, throttle
from service.store.database import Database
from service.store.throttle import Backoff, Verdict

PREFIX = "/v1/"
_MEMO_MAX = 10_000
LEASE_SECONDS = 1.0  # how long a worker may hold permits taken from the shared count
LEASE_MAX = 64  # the most permits one trip to the database takes


class Leases:
    """Permits a worker took from the shared count ahead of need, by bucket set: a client
    sending many requests costs one trip to the database for up to ``LEASE_MAX`` of them,
    not one each. A lease lasts ``LEASE_SECONDS``; its size doubles while leases run out
    before they end and halves when they do not, so a client sending now and then takes one
    permit at a time. The database never lets more out than the limit (``throttle.lease``)."""

    def __init__(self, seconds: float = LEASE_SECONDS) -> None:
        self.seconds = seconds
        self._held: dict[tuple[str, ...], list[float]] = {}  # [permits, until, size]
        self._lock = threading.Lock()

    def take(self, names: tuple[str, ...]) -> bool:
        """One permit for ``names`` from a lease still running; False when there is none."""
        now = time.monotonic()
        with self._lock:
            held = self._held.get(names)
            if held is None or held[0] < 1 or held[1] <= now:
                return False
            held[0] -= 1
            return True

    def size(self, names: tuple[str, ...]) -> int:
        """How many permits to ask for now, learned from how the last lease went."""
        with self._lock:
            held = self._held.get(names)
            if held is None:
                return 1
            ran_out = held[0] < 1 and held[1] > time.monotonic()
            return int(min(LEASE_MAX, held[2] * 2) if ran_out else max(1, held[2] // 2))

    def hold(self, names: tuple[str, ...], granted: int, asked: int) -> None:
        """Keep ``granted`` permits, one of them used at once by the request that asked."""
        with self._lock:
            if len(self._held) > _MEMO_MAX:
                now = time.monotonic()
                self._held = {k: v for k, v in self._held.items() if v[1] > now}
            self._held[names] = [granted - 1, time.monotonic() + self.seconds, asked]

    def drop(self, bucket: str) -> None:
        """Forget every lease that counts in ``bucket`` (a client whose key check failed)."""
        with self._lock:
            self._held = {k: v for k, v in self._held.items() if bucket not in k}


class Gathered:
    """Trips to the database for anonymous clients' permits, gathered. A phone that sends
    now and then holds no lease, so each of its requests needs a trip; one at a time per
    worker, each taking at once the permits of every client that came to need one while the
    last was in flight (``decide_many``, on a thread, one transaction). Trips made one per
    request queued on the database's write lock instead: measured, brief answers from a new
    address each fell from about 1,400 to 270 a second, with p99 over a second."""

    def __init__(self, decide_many: Callable[[list[str]], list[Verdict]]) -> None:
        self.decide_many = decide_many
        # By event loop: a worker has one, but a test client makes one for each request.
        self._waiting: dict[asyncio.AbstractEventLoop,
                            list[tuple[str, asyncio.Future[Verdict]]]] = {}
        self._trips: dict[asyncio.AbstractEventLoop, asyncio.Task[None]] = {}

    async def decide(self, client: str) -> Verdict:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Verdict] = loop.create_future()
        self._waiting.setdefault(loop, []).append((client, future))
        if loop not in self._trips:
            self._trips[loop] = loop.create_task(self._run(loop))
        return await future

    async def _run(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            while batch := self._waiting.pop(loop, []):
                try:
                    verdicts = await anyio.to_thread.run_sync(
                        self.decide_many, [client for client, _ in batch])
                except Exception as exc:  # each waiting request fails as its own trip would
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                except BaseException:  # cancelled: the worker is stopping
                    for _, future in batch:
                        future.cancel()
                    raise
                for (_, future), verdict in zip(batch, verdicts, strict=True):
                    if not future.done():  # not given up on (a client that went away)
                        future.set_result(verdict)
        finally:
            del self._trips[loop]
            for _, future in self._waiting.pop(loop, []):  # only left when cancelled
                future.cancel()


class LocalWindows:
    """The same sliding log in memory, for one worker, while the database is down."""

    def __init__(self) -> None:
        self._hits: dict[str, collections.deque[int]] = {}
        self._lock = threading.Lock()

    def admit(self, limits: list[tuple[str, int]], now_ms: int) -> Verdict:
        with self._lock:
            if len(self._hits) > _MEMO_MAX:
                self._hits = {b: q for b, q in self._hits.items()
                              if q and q[-1] > now_ms - throttle.WINDOW_MS}
            for name, limit in limits:
                hits = self._hits.setdefault(name, collections.deque())
                while hits and hits[0] <= now_ms - throttle.WINDOW_MS:
                    hits.popleft()
                if len(hits) >= limit:
                    return Verdict(False, hits[0] + throttle.WINDOW_MS - now_ms,
                                   "rate_limited", name)
            for name, _ in limits:
                self._hits[name].append(now_ms)
            return throttle.ALLOWED


class Throttle:
    def __init__(self, app: ASGIApp, db: Database, settings: Settings) -> None:
        self.app = app
        self.db = db
        self.settings = settings
        self.policy = Backoff(free=settings.key_failures_free,
                              base_ms=int(settings.key_backoff_seconds * 1000),
                              cap_ms=int(settings.key_backoff_max_seconds * 1000))
        self.local = LocalWindows()
        self.leases = Leases()
        self.gathered = Gathered(self._decide_many)
        self._fetching: dict[tuple[str, ...], asyncio.Future[None]] = {}  # trips in flight
        # Buckets refused until a time (monotonic): refused again without asking the
        # database, so that a client hammering at its limit costs almost nothing.
        self._refused: dict[str, float] = {}
        self._lock = threading.Lock()
        self._swept = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        credential = _credential(scope)
        if credential is None and self.settings.rate_per_client == 0:
            await self.app(scope, receive, send)
            return
        verdict = await self._admit(client, credential)
        if not verdict.allowed:
            await _refuse(send, verdict)
            return
        await self.app(scope, receive, send)

    async def _admit(self, client: str, credential: str | None) -> Verdict:
        """From a lease this worker holds when it can; else from the database, one trip at a
        time per client: requests that arrive together wait for the trip in flight and then
        share the lease it brings, rather than each taking one."""
        names = _lease_names(client, credential)
        while True:
            verdict = self._remembered(names)
            if verdict is not None:
                return verdict
            if self.leases.take(names):
                return throttle.ALLOWED
            pending = self._fetching.get(names)
            if pending is not None:
                await asyncio.shield(pending)
                continue
            pending = self._fetching[names] = asyncio.get_running_loop().create_future()
            try:
                if credential is None:
                    return await self.gathered.decide(client)
                return await anyio.to_thread.run_sync(self._decide, client, credential)
            finally:
                del self._fetching[names]
                pending.set_result(None)

    def _remembered(self, buckets: tuple[str, ...]) -> Verdict | None:
        """A refusal still running for these buckets (``_lease_names``: the address, and the
        key when one was shown), answered from memory."""
        names = [("rate_limited", buckets[0])] if len(buckets) == 1 else [
            ("backing_off", buckets[0]), ("rate_limited", buckets[1])]
        now = time.monotonic()
        with self._lock:
            for reason, name in names:
                until = self._refused.get(f"{reason}:{name}", 0.0)
                if until > now:
                    return Verdict(False, math.ceil((until - now) * 1000), reason, name)
        return None

    def _decide(self, client: str, credential: str) -> Verdict:
        """A keyed request's trip: the key checked, then its lease (anonymous clients go
        together, ``_decide_many``)."""
        now_ms = time.time_ns() // 1_000_000  # the wall clock: shared by every worker
        by_client = _client_bucket(client)
        if not self.db.answering:
            # Down: count here rather than wait on reconnecting (storage requests and
            # /readyz do that); eligibility keeps its pace.
            return self.local.admit(self._limits(client, credential), now_ms)
        try:
            with self.db.session() as session:
                refusal = throttle.blocked(session, by_client, now_ms)
                if refusal is not None:
                    self._remember(refusal)
                    return refusal
                valid = self._valid(session, credential)
                if not valid:
                    throttle.fail(session, by_client, now_ms, self.policy)
                    self.leases.drop(by_client)
                limits = self._limits(client, credential if valid else None)
                verdict = (self._lease(session, limits, _lease_names(client, credential if valid
                                                                     else None), now_ms)
                           if limits else throttle.ALLOWED)
                self._sweep(session, now_ms)
        except StoreUnavailable:
            verdict = self.local.admit(self._limits(client, credential), now_ms)
        if not verdict.allowed:
            self._remember(verdict)
        return verdict

    def _decide_many(self, clients: list[str]) -> list[Verdict]:
        """``_decide`` for anonymous clients, their leases taken in one transaction."""
        now_ms = time.time_ns() // 1_000_000
        asks = [(self._limits(client, None), _lease_names(client, None)) for client in clients]
        if not self.db.answering:
            return [self.local.admit(limits, now_ms) for limits, _ in asks]
        try:
            with self.db.session() as session:
                verdicts = self._leases(session, asks, now_ms)
                self._sweep(session, now_ms)
        except StoreUnavailable:
            verdicts = [self.local.admit(limits, now_ms) for limits, _ in asks]
        for verdict in verdicts:
            if not verdict.allowed:
                self._remember(verdict)
        return verdicts

    def _lease(self, session: Session, limits: list[tuple[str, int]],
               names: tuple[str, ...], now_ms: int) -> Verdict:
        return self._leases(session, [(limits, names)], now_ms)[0]

    def _leases(self, session: Session, asks: list[tuple[list[tuple[str, int]], tuple[str, ...]]],
                now_ms: int) -> list[Verdict]:
        wants = [self.leases.size(names) for _, names in asks]
        found = throttle.leases(session, [(limits, want) for (limits, _), want
                                          in zip(asks, wants, strict=True)],
                                now_ms, hold_ms=int(self.leases.seconds * 1000))
        for (_, names), want, (verdict, granted) in zip(asks, wants, found, strict=True):
            if verdict.allowed:
                self.leases.hold(names, granted, want)
        return [verdict for verdict, _ in found]

    def _limits(self, client: str, key: str | None) -> list[tuple[str, int]]:
        if key is not None:
            pair = (throttle.bucket("k", key), self.settings.rate_per_key)
        else:
            pair = (_client_bucket(client), self.settings.rate_per_client)
        return [pair] if pair[1] > 0 else []

    def _valid(self, session: Session, credential: str) -> bool:
        token = self.settings.admin_token
        if token is not None and hmac.compare_digest(
                credential.encode(), token.get_secret_value().encode()):
            return True
        return keys.well_formed(credential) and keys.authenticate(
            session, credential) is not None

    def _remember(self, verdict: Verdict) -> None:
        with self._lock:
            now = time.monotonic()
            if len(self._refused) > _MEMO_MAX:
                self._refused = {b: t for b, t in self._refused.items() if t > now}
            self._refused[f"{verdict.reason}:{verdict.bucket}"] = (
                now + verdict.retry_after_ms / 1000)

    def _sweep(self, session: Session, now_ms: int) -> None:
        # Once a minute per worker: hits out of every window, failures long forgotten.
        if now_ms / 1000 - self._swept < 60:
            return
        self._swept = now_ms / 1000
        throttle.sweep(session, now_ms, self.policy)


def _lease_names(client: str, credential: str | None) -> tuple[str, ...]:
    """The buckets a lease is held for: the address, and the key when one was shown (a lease
    is only ever kept for a key that was valid when it was taken)."""
    by_client = _client_bucket(client)
    return (by_client,) if credential is None else (by_client, throttle.bucket("k", credential))


@functools.lru_cache(maxsize=4096)
def _client_bucket(client: str) -> str:
    # Hashed once per address rather than on every request (a phone sends many); keys are
    # not kept here, only addresses, as the worker already sees them.
    return throttle.bucket("c", client)


def _credential(scope: Scope) -> str | None:
    headers: dict[bytes, bytes] = dict(scope.get("headers", ()))
    scheme, _, value = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    key = headers.get(b"x-api-key", b"").decode("latin-1").strip()
    return key or None


async def _refuse(send: Send, verdict: Verdict) -> None:
    seconds = max(1, math.ceil(verdict.retry_after_ms / 1000))
    code = "too_many_failed_keys" if verdict.reason == "backing_off" else "rate_limited"
    await problems.send(send, code, retry_after=seconds)
