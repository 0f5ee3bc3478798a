"""Answers compressed the cheapest way the client accepts: zstd (Chrome since 123, httpx) or
brotli (Safari) by starlette-compress; else gzip (phones' HTTP libraries, curl) by Starlette's
own middleware, which gzips a large answer on a thread of its own.

A full answer (about 200 KB of JSON) takes 2.1 ms to gzip at level 4, twice the answer itself,
for 44.7 KB; zstd at 3 takes 0.57 ms for 43.7 KB (at 4, twice that for 3 KB less), brotli at 3
1.3 ms for 42.9 KB. starlette-compress gzips on the event loop: letting it gzip too took a
worker's full answers asked gzipped from 205 to 158 a second on two cores. Each request goes to
one of the two, never through both, so that an answer says ``Vary: Accept-Encoding`` once.
(bench/README.md)
"""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send
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
        if scope["type"] == "http":
            asked = b",".join(v for k, v in scope["headers"] if k == b"accept-encoding")
            if asked and not parse_accept_encoding(asked.decode("latin-1")).isdisjoint(
                    ("zstd", "br")):
                await self.newer(scope, receive, send)
                return
        await self.gzip(scope, receive, send)
