"""ASGI middleware: a body-size limit counted as the body streams, and ruleset headers."""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import problems


class BodyLimit:
    """Reads the body up to ``limit`` bytes before the app sees it; more is a 413.

    ``Content-Length`` is not trusted: the bytes are counted as they arrive.
    """

    def __init__(self, app: ASGIApp, limit: int, paths: dict[str, int] | None = None) -> None:
        self.app = app
        self.default = limit
        self.paths = paths or {}  # paths with a limit of their own (batch requests)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(scope.get("path", ""), self.default)
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, send, limit)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._too_large(scope, send, limit)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, send: Send, limit: int) -> None:
        found = problems.problem("body_too_large", problems.instance(), limit=limit)
        body = json.dumps(problems.body(found)).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", problems.MEDIA_TYPE.encode()),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class RulesetHeaders:
    """Adds the serving ruleset's version and digest to every answer, and the language of an
    answer that chose one (``api.language``) as Content-Language."""

    def __init__(self, app: ASGIApp, current: Callable[[], tuple[str, str]]) -> None:
        self.app = app
        self.current = current

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        version, digest = self.current()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-ruleset-version", version.encode()),
                            (b"x-ruleset-digest", digest.encode())]
                language = scope.get("state", {}).get("language")
                if language:
                    headers += [(b"content-language", language.encode()),
                                (b"vary", b"Accept-Language")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
