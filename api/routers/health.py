"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import HolderDep
from api.schemas import Health
from service.engine.evaluate import ruleset_ref

router = APIRouter(tags=["health"])


@router.get("/livez")
def livez() -> Health:
    """The process answers."""
    return Health(status="ok")


@router.get("/readyz")
def readyz(holder: HolderDep) -> Health:
    """Rules are loaded and the service can answer eligibility requests."""
    return Health(status="ready", ruleset=ruleset_ref(holder.current))
