"""The middleware for running in production, in one place: request ids, metrics, compression,
ETags and CORS. Added last, so that the request id is set before anything logs."""

from __future__ import annotations

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from api.compression import Compression
from api.etag import RulesetETag, ruleset_tag
from api.holder import RulesetHolder
from api.metrics import Metrics, RequestMetrics
from api.settings import Settings
from service.dates import india_today


def add_operations(app: FastAPI, settings: Settings, holder: RulesetHolder,
                   metrics: Metrics) -> None:
    app.add_middleware(RulesetETag, tag=lambda: ruleset_tag(holder.current.digest,
                                                            india_today().isoformat()))
    app.add_middleware(Compression)  # zstd, brotli or gzip, as the client accepts
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
    app.add_middleware(CorrelationIdMiddleware, header_name="X-Request-ID",
                       update_request_header=False)
