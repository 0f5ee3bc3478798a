"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DatabaseDep, HolderDep
from api.schemas import Health
from service.engine.evaluate import ruleset_ref

router = APIRouter(tags=["health"])


@router.get("/livez")
def livez() -> Health:
    """The process answers."""
    return Health(status="ok")


@router.get("/readyz")
def readyz(holder: HolderDep, db: DatabaseDep) -> Health:
    """Rules are loaded and the service can answer eligibility requests. `degraded` (still
    200) when the database does not answer: screenings and claims then answer 503."""
    problem = db.check()
    if problem is not None:
        return Health(status="degraded", ruleset=ruleset_ref(holder.current),
                      detail=f"{problem}: screenings, claims and reports answer 503; "
                      "eligibility and the catalogue serve")
    return Health(status="ready", ruleset=ruleset_ref(holder.current))
