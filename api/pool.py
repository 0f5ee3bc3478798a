"""CPU-bound evaluations run on a few threads, off the event loop, so that one client's
profiles cannot stall every other request the worker holds (screening writes, health checks).

At most ``eval_threads`` run at once; ``eval_queue`` more may wait; beyond that the answer
is 503 with Retry-After rather than a queue that grows without end. An evaluation that takes
longer than ``eval_timeout_seconds`` is answered 503 too (its thread finishes on its own:
Python cannot stop a thread, but nobody waits for it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread
from fastapi import Request

from api.settings import Settings

T = TypeVar("T")


class Busy(Exception):
    """The worker cannot take this evaluation now: 503 with Retry-After."""

    def __init__(self, code: str, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after = retry_after


class EvaluationPool:
    def __init__(self, threads: int, queue: int, timeout: float) -> None:
        self.threads, self.queue, self.timeout = threads, queue, timeout
        self._limiter: anyio.CapacityLimiter | None = None  # made on the event loop

    @classmethod
    def from_settings(cls, settings: Settings) -> EvaluationPool:
        return cls(settings.eval_threads, settings.eval_queue, settings.eval_timeout_seconds)

    async def run(self, func: Callable[..., T], *args: object) -> T:
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.threads)
        stats = self._limiter.statistics()
        if stats.borrowed_tokens >= self.threads and stats.tasks_waiting >= self.queue:
            raise Busy("overloaded", "the service is answering as many evaluations as it "
                       "can; try again after Retry-After seconds")
        try:
            with anyio.fail_after(self.timeout):
                return await anyio.to_thread.run_sync(func, *args, limiter=self._limiter,
                                                       abandon_on_cancel=True)
        except TimeoutError:
            raise Busy("evaluation_timeout", "the evaluation took longer than the service "
                       "allows; try again after Retry-After seconds",
                       retry_after=max(1, round(self.timeout))) from None


async def evaluate(request: Request, func: Callable[..., T], *args: object) -> T:
    """Run ``func(*args)`` on the app's evaluation pool (made with the default settings in
    an app of one router, which the factory did not build)."""
    pool: EvaluationPool | None = getattr(request.app.state, "pool", None)
    if pool is None:
        pool = request.app.state.pool = EvaluationPool(threads=2, queue=32, timeout=10.0)
    return await pool.run(func, *args)
