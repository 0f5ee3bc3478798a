"""ASGI middleware: a body-size limit counted as the body streams (and a time limit on
sending it), a limit on requests at once, and ruleset headers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import problems


class BodyLimit:
    """Reads the body up to ``limit`` bytes before the app sees it; more is a 413.

    ``Content-Length`` is not trusted: the bytes are counted as they arrive.
    """

    def __init__(self, app: ASGIApp, limit: int, paths: dict[str, int] | None = None,
                 timeout: float = 30.0) -> None:
        self.app = app
        self.default = limit
        self.paths = paths or {}  # paths with a limit of their own (batch requests)
        self.timeout = timeout  # seconds to send the whole body: a slow client gets 408

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(scope.get("path", ""), self.default)
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await problems.send(send, "body_too_large", close=True, limit=limit)
            return
        body = await self._read(receive, send, limit)
        if body is not None:
            await self.app(scope, replaying(whole(body), receive), send)

    async def _read(self, receive: Receive, send: Send, limit: int) -> bytes | None:
        """The whole body; None when it was refused (too large, too slow) or the client left.

        The time limit is a timer of the event loop's that cancels this task, as
        ``asyncio.timeout`` does but without its context manager and without AnyIO's look-up
        of the async library: 2 to 3 µs a request, not 7 to 8 (bench/README.md). Only its
        own cancellation becomes the 408: any other (the server stopping) goes on up."""
        task = asyncio.current_task()
        assert task is not None  # an ASGI app runs in a task
        expired = False

        def expire() -> None:
            nonlocal expired
            expired = True
            task.cancel()

        timer = asyncio.get_running_loop().call_later(self.timeout, expire)
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    break
                chunks.append(chunk)
                if not message.get("more_body", False):
                    return b"".join(chunks)
        except asyncio.CancelledError:
            if not expired or task.uncancel() > 0:  # not ours, or not only ours
                raise
            await problems.send(send, "request_timeout", close=True,
                                seconds=f"{self.timeout:g}")
            return None
        finally:
            timer.cancel()
        await problems.send(send, "body_too_large", close=True, limit=limit)
        return None


def whole(body: bytes) -> Message:
    """The request's body as one message."""
    return {"type": "http.request", "body": body, "more_body": False}


def replaying(first: Message, receive: Receive) -> Receive:
    """``receive`` for an app after a middleware read ``first``: it gets ``first``, then
    whatever comes next."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return first
        return await receive()

    return replay



class InFlightLimit:
    """At most ``limit`` requests at once in this worker; more get 503 with Retry-After at
    once, rather than waiting in a queue (uvicorn's own limit answers without Retry-After)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.active = 0  # only the event loop's thread changes it

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.active >= self.limit:
            await problems.send(send, "overloaded", retry_after=1, close=True)
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1


class RulesetHeaders:
    """Adds the serving ruleset's version and digest to every answer, and the language of an
    answer that chose one (``api.language``) as Content-Language."""

    def __init__(self, app: ASGIApp, current: Callable[[], tuple[str, str]]) -> None:
        self.app = app
        self.current = current
        # The serving ruleset and its two headers, encoded once for every answer until a
        # reload changes them.
        self._encoded: tuple[tuple[str, str], list[tuple[bytes, bytes]]] = (("", ""), [])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        serving = self.current()
        seen, added = self._encoded
        if serving != seen:
            added = [(b"x-ruleset-version", serving[0].encode()),
                     (b"x-ruleset-digest", serving[1].encode())]
            self._encoded = serving, added

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += added
                language = scope.get("state", {}).get("language")
                if language:
                    headers += [(b"content-language", language.encode()),
                                (b"vary", b"Accept-Language")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
