"""The middleware for running in production, in one place: request ids, metrics, gzip,
ETags and CORS. Added last, so that the request id is set before anything logs."""

from __future__ import annotations

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from api.etag import RulesetETag, ruleset_tag
from api.holder import RulesetHolder
from api.metrics import Metrics, RequestMetrics
from api.settings import Settings
from service.dates import india_today

GZIP_FROM_BYTES = 1024  # smaller answers are not worth the phone's CPU
# zlib's level 4, not Starlette's 9: a full answer (about 200 KB of JSON) took 5.1 ms to
# compress at 9, five times the answer itself, for 40 KB; at 4, 1.8 ms for 44 KB. A brief
# one (6 KB): 72 -> 59 µs, for 2.0 KB rather than 1.9. (bench/README.md)
GZIP_LEVEL = 4
# What this service sends that is compressed already (the paralegal's PDF brief, the docs'
# icon): not gzipped again. Starlette's default list names fourteen types, each tidied again
# on every request.
GZIP_NOT = ("application/pdf", "image/*")


def add_operations(app: FastAPI, settings: Settings, holder: RulesetHolder,
                   metrics: Metrics) -> None:
    app.add_middleware(RulesetETag, tag=lambda: ruleset_tag(holder.current.digest,
                                                            india_today().isoformat()))
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
