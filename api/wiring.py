"""The middleware for running in production, in one place: request ids, metrics, compression,
ETags and CORS. Added last, so that the request id is set before anything logs."""

from __future__ import annotations

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette_compress import CompressMiddleware, add_compress_type

from api.etag import RulesetETag, ruleset_tag
from api.holder import RulesetHolder
from api.metrics import Metrics, RequestMetrics
from api.settings import Settings
from service.dates import india_today

GZIP_FROM_BYTES = 1024  # smaller answers are not worth the phone's CPU
# Each answer compressed the cheapest way the client accepts: zstd (Chrome since 123, httpx),
# then brotli (Safari), by starlette-compress; else gzip (phones' HTTP libraries, curl), by
# Starlette's middleware, which gzips a large answer on a thread of its own. A full answer
# (about 200 KB of JSON) takes 2.1 ms to gzip at level 4, twice the answer itself, for
# 44.7 KB; zstd at 3 takes 0.57 ms for 43.7 KB (at 4, twice that for 3 KB less), brotli at 3
# 1.3 ms for 42.9 KB. Starlette's gzip stays for the rest: done on the event loop, as
# starlette-compress does it, it took a worker's full answers asked gzipped from 205 to 158 a
# second on two cores. (bench/README.md)
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


def add_operations(app: FastAPI, settings: Settings, holder: RulesetHolder,
                   metrics: Metrics) -> None:
    app.add_middleware(RulesetETag, tag=lambda: ruleset_tag(holder.current.digest,
                                                            india_today().isoformat()))
    for media_type in COMPRESSED_TOO:
        add_compress_type(media_type)  # the library's list is its own, kept across apps
    app.add_middleware(CompressMiddleware, minimum_size=GZIP_FROM_BYTES,
                       zstd_level=ZSTD_LEVEL, brotli_quality=BROTLI_QUALITY, gzip=False)
    # Outside it: an answer it compressed already passes through untouched.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_FROM_BYTES,
                       compresslevel=GZIP_LEVEL, exclude_content_types=GZIP_NOT)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "X-API-Key", "Content-Type",
                                          "Idempotency-Key", "If-None-Match", "X-Request-ID"],
                           expose_headers=["ETag", "Location", "X-Request-ID",
                                           "X-Ruleset-Version", "X-Ruleset-Digest"])
    app.add_middleware(RequestMetrics, metrics=metrics)
    # Outermost: a request id (a fresh UUID unless the client sent a valid one) on every log
    # line of the request and in the X-Request-ID answer header.
    app.add_middleware(CorrelationIdMiddleware, header_name="X-Request-ID")
