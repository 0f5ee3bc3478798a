"""CPU-bound evaluations run on a few threads, off the event loop, so that one client's
profiles cannot stall every other request the worker holds (screening writes, health checks).

At most ``eval_threads`` run at once; ``eval_queue`` more may wait; beyond that the answer
is 503 with Retry-After rather than a queue that grows without end. An evaluation that takes
longer than ``eval_timeout_seconds`` is answered 503 too (its thread finishes on its own:
Python cannot stop a thread, but nobody waits for it).

A brief answer is the exception: with its memo of standings it takes well under a tenth of a
millisecond, far less than the hop to a thread and back (measured: a third of the CPU of the
whole request), so it runs on the event loop itself (``inline``), unless case-data requests
hold the gate.

Threads share one interpreter lock, so a stream of evaluations slows every other thread of
the worker, screening writes included. Case-data requests therefore hold a gate
(``Protected``): while one runs, no new evaluation starts (one already running finishes),
for up to a quarter of a second.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

import anyio
import anyio.to_thread
from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from api.settings import Settings

T = TypeVar("T")
GATE_SECONDS = 0.25  # the longest an evaluation waits for case-data requests to end


class Busy(Exception):
    """The worker cannot take this evaluation now: 503 with Retry-After."""

    def __init__(self, code: str, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after = retry_after


class EvaluationPool:
    def __init__(self, threads: int, queue: int, timeout: float,
                 gate_seconds: float = GATE_SECONDS) -> None:
        self.threads, self.queue, self.timeout = threads, queue, timeout
        self.gate_seconds = gate_seconds
        self._limiter: anyio.CapacityLimiter | None = None  # made on the event loop
        # Case-data requests in progress (screenings, claims): while there are any, no new
        # evaluation starts, so that they do not share the interpreter with a stream of
        # anonymous ones (threads take turns on one GIL).
        self._protected = 0
        self._resume: anyio.Event | None = None
        self._gated = 0  # evaluations waiting for case-data requests to end

    @classmethod
    def from_settings(cls, settings: Settings) -> EvaluationPool:
        return cls(settings.eval_threads, settings.eval_queue, settings.eval_timeout_seconds,
                   settings.eval_gate_seconds)

    @property
    def protecting_now(self) -> bool:
        """Whether a case-data request holds the gate (no evaluation may start inline)."""
        return self._protected > 0

    @contextlib.asynccontextmanager
    async def protecting(self) -> AsyncIterator[None]:
        """While inside, evaluations wait before they start."""
        self._protected += 1
        try:
            yield
        finally:
            self._protected -= 1
            if self._protected == 0 and self._resume is not None:
                self._resume.set()
                self._resume = None

    async def run(self, func: Callable[..., T], *args: object, inline: bool = False) -> T:
        """``func(*args)`` on a thread of the pool; on the event loop when ``inline`` (for
        work far shorter than a hop to a thread) and no case-data request holds the gate."""
        if inline and self._protected == 0:
            return func(*args)
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.threads)
        stats = self._limiter.statistics()
        busy = self._protected > 0 or stats.borrowed_tokens >= self.threads
        if busy and stats.tasks_waiting + self._gated >= self.queue:
            raise Busy("overloaded", "the service is answering as many evaluations as it "
                       "can; try again after Retry-After seconds")
        try:
            with anyio.fail_after(self.timeout):
                await self._wait_for_protected()
                return await anyio.to_thread.run_sync(func, *args, limiter=self._limiter,
                                                       abandon_on_cancel=True)
        except TimeoutError:
            raise Busy("evaluation_timeout", "the evaluation could not be answered in the "
                       "time the service allows; try again after Retry-After seconds",
                       retry_after=max(1, round(self.timeout))) from None

    async def _wait_for_protected(self) -> None:
        # At most gate_seconds: a steady stream of case-data requests must not stop
        # eligibility altogether.
        self._gated += 1
        try:
            with anyio.move_on_after(self.gate_seconds):
                while self._protected > 0:
                    if self._resume is None:
                        self._resume = anyio.Event()
                    await self._resume.wait()
        finally:
            self._gated -= 1


class Protected:
    """ASGI middleware: case-data requests hold the evaluation pool's gate while they run."""

    def __init__(self, app: ASGIApp, pool: EvaluationPool, paths: re.Pattern[str]) -> None:
        self.app, self.pool, self.paths = app, pool, paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.paths.match(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        async with self.pool.protecting():
            await self.app(scope, receive, send)


async def evaluate(request: Request, func: Callable[..., T], *args: object,
                   inline: bool = False) -> T:
    """Run ``func(*args)`` on the app's evaluation pool (made with the default settings in
    an app of one router, which the factory did not build)."""
    pool: EvaluationPool | None = getattr(request.app.state, "pool", None)
    if pool is None:
        pool = request.app.state.pool = EvaluationPool(threads=2, queue=32, timeout=10.0)
    return await pool.run(func, *args, inline=inline)
