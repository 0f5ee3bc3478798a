"""An answer asked for without a coding the service makes goes out as Starlette's gzip
middleware would send it (``api.compression.as_is``), message for message."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import Message, Receive, Scope, Send

from api.compression import FROM_BYTES, GZIP_LEVEL, GZIP_NOT, Compression

BIG, SMALL = b"x" * FROM_BYTES, b"x" * (FROM_BYTES - 1)
JSON = (b"content-type", b"application/json")

# What an app may send: (status, headers, the body's messages).
ANSWERS: list[tuple[int, list[tuple[bytes, bytes]], list[Message]]] = [
    (200, [JSON], [{"type": "http.response.body", "body": BIG}]),
    (200, [JSON], [{"type": "http.response.body", "body": SMALL}]),
    (200, [JSON], [{"type": "http.response.body", "body": b""}]),
    (200, [JSON], [{"type": "http.response.body", "body": b"a", "more_body": True},
                   {"type": "http.response.body", "body": b"b"}]),
    (200, [JSON, (b"vary", b"Origin")], [{"type": "http.response.body", "body": BIG}]),
    (200, [(b"vary", b"Origin"), JSON, (b"vary", b"Accept-Language")],
     [{"type": "http.response.body", "body": BIG}]),
    (200, [(b"vary", b"Origin"), JSON], [{"type": "http.response.body", "body": SMALL}]),
    (200, [JSON, (b"content-encoding", b"br")], [{"type": "http.response.body", "body": BIG}]),
    (200, [(b"content-type", b"application/pdf")],
     [{"type": "http.response.body", "body": BIG}]),
    (200, [(b"content-type", b"image/png")], [{"type": "http.response.body", "body": BIG}]),
    (200, [(b"content-type", b"Text/HTML; charset=utf-8")],
     [{"type": "http.response.body", "body": BIG}]),
    (200, [], [{"type": "http.response.body", "body": BIG}]),
    (206, [JSON], [{"type": "http.response.body", "body": BIG}]),
    (404, [(b"content-type", b"application/problem+json")],
     [{"type": "http.response.body", "body": BIG}]),
    (200, [JSON], [{"type": "http.response.pathsend", "path": "/tmp/x"}]),
]


def _app(status: int, headers: list[tuple[bytes, bytes]], body: list[Message]) -> Any:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": list(headers)})
        for message in body:
            await send(dict(message))
    return app


def _sent(middleware: Any, accept: bytes | None) -> list[Message]:
    scope = {"type": "http", "method": "GET", "path": "/", "query_string": b"",
             "headers": [] if accept is None else [(b"accept-encoding", accept)]}
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append({**message, "headers": list(message.get("headers", []))}
                    if message["type"] == "http.response.start" else message)

    asyncio.run(middleware(scope, receive, send))
    return sent


@pytest.mark.parametrize("answer", ANSWERS, ids=range(len(ANSWERS)))
@pytest.mark.parametrize("accept", [None, b"identity", b"deflate", b"compress, identity"])
def test_an_answer_not_asked_compressed_goes_as_starlette_sends_it(
        answer: tuple[int, list[tuple[bytes, bytes]], list[Message]],
        accept: bytes | None) -> None:
    app = _app(*answer)
    theirs = _sent(GZipMiddleware(app, minimum_size=FROM_BYTES, compresslevel=GZIP_LEVEL,
                                  exclude_content_types=GZIP_NOT), accept)
    ours = _sent(Compression(app), accept)
    assert ours == theirs


def test_what_the_cases_above_rest_on() -> None:
    # Some answers gain a Vary, in place of the first or at the end; some do not.
    def vary(answer: tuple[int, list[tuple[bytes, bytes]], list[Message]]) -> list[bytes]:
        start = _sent(Compression(_app(*answer)), None)[0]
        return [v for k, v in start["headers"] if k == b"vary"]

    assert vary(ANSWERS[0]) == [b"Accept-Encoding"]
    assert vary(ANSWERS[1]) == []  # too small to compress
    assert vary(ANSWERS[3]) == [b"Accept-Encoding"]  # streamed
    assert vary(ANSWERS[5]) == [b"Origin, Accept-Language, Accept-Encoding"]
    assert vary(ANSWERS[8]) == []  # a PDF is not compressed
    assert _sent(Compression(_app(*ANSWERS[0])), b"gzip")[0]["headers"] != _sent(
        Compression(_app(*ANSWERS[0])), None)[0]["headers"]  # asked, it is gzipped
