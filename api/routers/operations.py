"""For operators: /metrics for Prometheus. (/ is the web app's screener: api.web.)"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST

from api.metrics import Metrics

router = APIRouter(tags=["health"])


@router.get("/metrics", response_class=Response, responses={
    200: {"content": {"text/plain": {}}, "description": "Prometheus text format"}})
def metrics(request: Request) -> Response:
    """Request counts and latency by route, evaluations by entitlement and outcome, reloads,
    database errors, claims by status and overdue claims by office. Needs a key when the
    service requires keys (ADHIKAR_REQUIRE_KEY)."""
    registry: Metrics = request.app.state.metrics
    return Response(registry.exposition(), media_type=CONTENT_TYPE_LATEST)
