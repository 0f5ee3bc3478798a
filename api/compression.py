"""Answers compressed the cheapest way the client accepts: zstd (Chrome since 123, httpx) or
brotli (Safari) by starlette-compress; else gzip (phones' HTTP libraries, curl) by Starlette's
own middleware, which gzips a large answer on a thread of its own.

A full answer (about 200 KB of JSON) takes 2.1 ms to gzip at level 4, twice the answer itself,
for 44.7 KB; zstd at 3 takes 0.57 ms for 43.7 KB (at 4, twice that for 3 KB less), brotli at 3
1.3 ms for 42.9 KB. starlette-compress gzips on the event loop: letting it gzip too took a
worker's full answers asked gzipped from 205 to 158 a second on two cores. Each request goes to
one of the two, never through both, so that an answer says ``Vary: Accept-Encoding`` once; or,
asking for neither (``identity``, or no header), to ``as_is``.
(bench/README.md)
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette_compress import CompressMiddleware, add_compress_type
from starlette_compress._utils import parse_accept_encoding  # the library's own reading

FROM_BYTES = 1024  # smaller answers are not worth the phone's CPU
ZSTD_LEVEL = 3
BROTLI_QUALITY = 3
# zlib's level 4, not Starlette's 9: a full answer took 5.1 ms at 9 for 40 KB.
GZIP_LEVEL = 4
# What the service sends that starlette-compress leaves alone unless told: problem documents,
# CSV exports, and the batch answers' lines (compressed as a stream, not flushed line by line).
COMPRESSED_TOO = ("application/problem+json", "text/csv", "application/x-ndjson")
# What is compressed already (the paralegal's PDF brief, the docs' icon): not gzipped again.
# Starlette's default list names fourteen types, each tidied again on every request.
GZIP_NOT = ("application/pdf", "image/*")


class Compression:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app  # what every middleware names the app it wraps
        for media_type in COMPRESSED_TOO:
            add_compress_type(media_type)  # the library's list is its own, kept across apps
        self.newer = CompressMiddleware(app, minimum_size=FROM_BYTES, zstd_level=ZSTD_LEVEL,
                                        brotli_quality=BROTLI_QUALITY, gzip=False)
        self.gzip = GZipMiddleware(app, minimum_size=FROM_BYTES, compresslevel=GZIP_LEVEL,
                                   exclude_content_types=GZIP_NOT)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = b",".join(v for k, v in scope["headers"] if k == b"accept-encoding")
        if asked and not parse_accept_encoding(asked.decode("latin-1")).isdisjoint(
                ("zstd", "br")):
            await self.newer(scope, receive, send)
        elif b"gzip" in asked:  # Starlette's own test of the header
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, as_is(send))


def as_is(send: Send) -> Send:
    """What Starlette's gzip middleware sends a client that asked for no coding it makes: the
    answer as it is, saying ``Vary: Accept-Encoding`` where a client that asked would have had
    it compressed, so that a cache keeps the two apart. Its way, set up for every request,
    cost a brief answer 6% of its instructions in-process; this is the same, message for
    message (tests/api/test_compression.py)."""
    start: Message | None = None

    async def sending(message: Message) -> None:
        nonlocal start
        kind = message["type"]
        if kind == "http.response.start":
            if message["status"] != 206 and _compressible(message.get("headers", [])):
                start = message  # held until the body tells its size
                return
        elif start is not None and kind != "http.response.early_hint":
            head, start = start, None
            if kind == "http.response.body" and (message.get("more_body", False)
                                                 or len(message.get("body", b"")) >= FROM_BYTES):
                head["headers"] = _varying(head.get("headers", []))
            await send(head)
        await send(message)

    return sending


def _compressible(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    media_type = None  # ASGI names headers in lower case
    for key, value in headers:
        if key == b"content-encoding":
            return False
        if key == b"content-type" and media_type is None:
            media_type = value
    kind = (media_type or b"").decode("latin-1").partition(";")[0].strip().lower()
    return kind not in GZIP_NOT and f"{kind.partition('/')[0]}/*" not in GZIP_NOT


def _varying(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``headers`` with Accept-Encoding added to Vary as Starlette adds it: every Vary value
    joined, in the first Vary header's place, or in a Vary header at the end."""
    said = [value for key, value in headers if key == b"vary"]
    vary = (b"vary", b", ".join([*said, b"Accept-Encoding"]))
    if not said:
        return [*headers, vary]
    first = next(i for i, (key, _) in enumerate(headers) if key == b"vary")
    return [vary if i == first else (key, value) for i, (key, value) in enumerate(headers)
            if key != b"vary" or i == first]
