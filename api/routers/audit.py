"""GET /v1/audit: who read or wrote which case record, and when (admins only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from api.auth import PrincipalDep
from api.deps import SessionDep
from api.errors import NotAllowed
from api.instants import Instant
from api.routers import INVALID, RECORDS
from api.schemas import DIGITS
from service.store import audit
from service.store.keys import Principal

router = APIRouter(prefix="/v1/audit", tags=["audit"])


class AuditEntryPublic(BaseModel):
    at: dt.datetime
    key_id: str | None = Field(description="the API key that made the request")
    org: str = Field(description="the key's organisation")
    action: str = Field(description="method and route, e.g. `GET /v1/screenings/{screening_id}`")
    object_id: str | None = Field(description="the screening or claim read or written")
    status: int = Field(description="the answer's HTTP status")


class AuditPublic(BaseModel):
    data: list[AuditEntryPublic]
    count: int


def admin(principal: PrincipalDep) -> Principal:
    if principal.role != "admin":
        raise NotAllowed("admin_only")
    return principal


@router.get("", responses={**RECORDS, **INVALID})
def read_audit_log(principal: Annotated[Principal, Depends(admin)], session: SessionDep,
                   org: Annotated[str | None, Query(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$",
                                                    description="one organisation")] = None,
                   since: Annotated[Instant | None, Query(description="only entries from "
                                                          "this instant (ISO 8601)")] = None,
                   limit: Annotated[int, Query(ge=1, le=500), DIGITS] = 100,
                   offset: Annotated[int, Query(ge=0, le=1_000_000), DIGITS] = 0,
                   ) -> AuditPublic:
    """Every read and write of screenings and claims, newest first: key, organisation, route,
    record id, time and status; never case data."""
    rows, total = audit.entries(session, org=org, since=since, limit=limit, offset=offset)
    return AuditPublic(data=[AuditEntryPublic(at=r.at, key_id=r.key_id, org=r.org,
                                              action=r.action, object_id=r.object_id,
                                              status=r.status) for r in rows], count=total)
