"""DELETE /v1/cases/{case_ref}: erase a case (an admin of its organisation)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from api.auth import PrincipalDep
from api.deps import SessionDep
from api.errors import NotAllowed
from api.routers import INVALID, RECORD
from service.store import erasure
from service.store.keys import Principal

router = APIRouter(prefix="/v1/cases", tags=["cases"])
CaseRefPath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$",
                                  description="the case reference used for its records")]


class ErasurePublic(BaseModel):
    id: str = Field(description="the tombstone's id")
    erased_at: dt.datetime
    screenings: int = Field(description="screenings erased")
    claims: int = Field(description="claims erased")
    events: int = Field(description="claim events erased")


def organisation_admin(principal: PrincipalDep) -> Principal:
    if principal.role != "admin":
        raise NotAllowed("admin_only")
    return principal


@router.delete("/{case_ref}", responses={**RECORD, **INVALID})
def erase_case(case_ref: CaseRefPath,
               principal: Annotated[Principal, Depends(organisation_admin)],
               session: SessionDep) -> ErasurePublic:
    """Erase every screening, claim and claim event of this case in the admin's
    organisation, for good, and the answers kept for retries with an Idempotency-Key (a
    retry is then a 410). A tombstone with the counts (and no case data) stays, and the
    audit log keeps who erased, when."""
    tomb = erasure.erase(session, org=principal.org, case_ref=case_ref,
                         key_id=principal.key_id, now=dt.datetime.now(dt.UTC))
    return ErasurePublic(id=tomb.id, erased_at=tomb.erased_at, screenings=tomb.screenings,
                         claims=tomb.claims, events=tomb.events)
