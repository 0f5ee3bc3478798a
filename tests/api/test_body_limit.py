"""The body limit's time limit (``api.middleware.BodyLimit``), driven through ASGI: its own
timer turns a slow body into a 408 and nothing else, and it is gone once the body is in."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest

from api.middleware import BodyLimit

SCOPE = {"type": "http", "method": "POST", "path": "/v1/eligibility", "headers": []}


class Client:
    """The server's side of one request: the body's messages as given, then nothing (a
    client that stops sending); what the app sent back."""

    def __init__(self, *messages: dict[str, Any]) -> None:
        self.messages = list(messages)
        self.sent: list[dict[str, Any]] = []
        self.waiting = False  # for the rest of the body

    async def receive(self) -> dict[str, Any]:
        if self.messages:  # at once, with no turn of the loop: no test races the clock
            return self.messages.pop(0)
        self.waiting = True
        await asyncio.Event().wait()  # the rest of the body never comes
        raise AssertionError("unreachable")

    async def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)

    def status(self) -> int | None:
        return next((m["status"] for m in self.sent if m["type"] == "http.response.start"),
                    None)

    def code(self) -> str:
        body = b"".join(m.get("body", b"") for m in self.sent
                        if m["type"] == "http.response.body")
        return str(orjson.loads(body)["code"])


class App:
    """Records the body it was given, then takes ``seconds`` to answer."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self.bodies: list[bytes] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.bodies.append((await receive())["body"])
        await asyncio.sleep(self.seconds)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})


def chunk(data: bytes, more: bool) -> dict[str, Any]:
    return {"type": "http.request", "body": data, "more_body": more}


def test_a_body_that_stops_coming_is_408_and_the_app_never_sees_it() -> None:
    app, client = App(), Client(chunk(b'{"pro', more=True))
    asyncio.run(BodyLimit(app, limit=1000, timeout=0.05)(SCOPE, client.receive, client.send))
    assert client.status() == 408 and client.code() == "request_timeout"
    assert app.bodies == []


def test_the_timer_is_gone_once_the_body_is_in() -> None:
    # The app takes longer than the body's time limit: it must not be cancelled for it
    app, client = App(seconds=0.3), Client(chunk(b'{"profile"', more=True),
                                          chunk(b': {}}', more=False))
    asyncio.run(BodyLimit(app, limit=1000, timeout=0.05)(SCOPE, client.receive, client.send))
    assert app.bodies == [b'{"profile": {}}'] and client.status() == 200


def test_a_body_over_the_limit_as_it_streams_is_413() -> None:
    app, client = App(), Client(chunk(b"x" * 600, more=True), chunk(b"x" * 600, more=False))
    asyncio.run(BodyLimit(app, limit=1000, timeout=30)(SCOPE, client.receive, client.send))
    assert client.status() == 413 and client.code() == "body_too_large" and app.bodies == []


def test_a_cancellation_from_outside_goes_on_up_and_is_no_408() -> None:
    # The server stopping cancels the request's task while its body is awaited
    app, client = App(), Client(chunk(b"{", more=True))

    async def main() -> None:
        task = asyncio.create_task(
            BodyLimit(app, limit=1000, timeout=30)(SCOPE, client.receive, client.send))
        while not client.waiting:
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert client.sent == [] and app.bodies == []


def test_a_cancellation_from_outside_as_the_timer_fires_goes_on_up() -> None:
    # Both in one turn of the loop, the timer's first: the other must not be swallowed.
    # A time limit of 0 fires at the loop's next turn, in the order the timers were set.
    app, client = App(), Client()

    async def main() -> None:
        task = asyncio.create_task(
            BodyLimit(app, limit=1000, timeout=0)(SCOPE, client.receive, client.send))
        await asyncio.sleep(0)  # the task sets its timer and waits for the body
        assert client.waiting
        asyncio.get_running_loop().call_later(0, task.cancel)
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert client.sent == [] and app.bodies == []
