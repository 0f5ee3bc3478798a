"""Liveness and readiness."""

from __future__ import annotations

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request

from api.deps import DatabaseDep, HolderDep
from api.schemas import Health
from api.settings import Settings
from service.engine.evaluate import ruleset_ref
from service.store.database import Database

router = APIRouter(tags=["health"])


@router.get("/livez")
def livez() -> Health:
    """The process answers."""
    return Health(status="ok")


@router.get("/readyz")
async def readyz(holder: HolderDep, db: DatabaseDep, request: Request) -> Health:
    """Rules are loaded and the service can answer eligibility requests. `degraded` (still
    200) when the database does not answer, or not within a second or two: screenings and
    claims then answer 503."""
    settings: Settings = request.app.state.settings
    problem = "the database did not answer within " \
              f"{settings.ready_timeout_seconds:g} s"
    with anyio.move_on_after(settings.ready_timeout_seconds):
        # A database that never answers must not hold the probe: the check is left to
        # finish on its own thread.
        problem = await anyio.to_thread.run_sync(_check, db, abandon_on_cancel=True)
    if problem:
        return Health(status="degraded", ruleset=ruleset_ref(holder.current),
                      detail=f"{problem}: screenings, claims and reports answer 503; "
                      "eligibility and the catalogue serve")
    return Health(status="ready", ruleset=ruleset_ref(holder.current))


def _check(db: Database) -> str:
    return db.check() or ""
