"""/v1/claims: one survivor's pursuit of one entitlement, step by step, with its history."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from sqlmodel import Session

from api.auth import RecordsDep
from api.claim_models import ClaimCreate, ClaimEventCreate, ClaimPublic, ClaimsPublic, ClaimSummary
from api.deps import RulesetDep, SessionDep
from api.idempotency import OnceDep
from api.instants import Instant
from api.problems import Problem
from api.routers import IDEMPOTENT, INVALID, RECORD, RECORDS
from api.schemas import DIGITS, CaseRefFilter
from service.dates import india_today
from service.rules.ruleset import Ruleset
from service.store import claims
from service.store.lifecycle import ClaimStatus
from service.store.tables import Claim

router = APIRouter(prefix="/v1/claims", tags=["claims"])
ClaimId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="the claim's id")]


@router.post("", status_code=201, response_model=ClaimPublic, responses={
    **RECORD, **INVALID, **IDEMPOTENT, 409: {"model": Problem, "description": "a claim for "
                                             "this entitlement is already open for this case; "
                                             "or the Idempotency-Key is in use"}})
def open_claim(body: ClaimCreate, principal: RecordsDep, rules: RulesetDep,
               session: SessionDep, once: OnceDep) -> Response:
    """Open a claim for one entitlement, usually from a screening's results. The version in
    force on `as_of` and its office come from the rules; the claim starts `identified`.
    404 when `screening_id` names no screening of this organisation."""
    ask = claims.ClaimOpen(**body.model_dump())
    claim = claims.open_claim(session, rules, ask, org=principal.org, scope=principal.scope,
                              key_id=principal.key_id, now=_now())
    return once.keep(_created(claim, rules, session), claim)


@router.get("", responses={**RECORDS, **INVALID})
def list_claims(principal: RecordsDep, rules: RulesetDep, session: SessionDep,
                case_ref: Annotated[CaseRefFilter | None, Query()] = None,
                status: Annotated[ClaimStatus | None, Query()] = None,
                entitlement: Annotated[str | None, Query(
                    pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)] = None,
                overdue: Annotated[bool | None, Query(
                    description="true: only open claims past their due date, most overdue "
                    "first, each with the office to escalate to")] = None,
                updated_since: Annotated[Instant | None, Query(
                    description="only those changed after this instant (ISO 8601 with a "
                    "time zone), by the server's clock: pass the newest `updated_at` you hold "
                    "to sync a phone")] = None,
                limit: Annotated[int, Query(ge=1, le=200), DIGITS] = 50,
                offset: Annotated[int, Query(ge=0, le=1_000_000), DIGITS] = 0) -> ClaimsPublic:
    """This organisation's claims, most recently changed first."""
    today = india_today()
    rows, total = claims.find(session, scope=principal.scope, today=today, case_ref=case_ref,
                              status=status, entitlement=entitlement, overdue=overdue,
                              updated_since=updated_since, limit=limit, offset=offset)
    return ClaimsPublic(data=[ClaimSummary.of(c, rules, today) for c in rows], count=total)


@router.get("/{claim_id}", responses={**RECORD, **INVALID})
def get_claim(claim_id: ClaimId, principal: RecordsDep, rules: RulesetDep,
              session: SessionDep) -> ClaimPublic:
    """One claim with its deadline, where to escalate once overdue, and its history."""
    claim = claims.get(session, claim_id, scope=principal.scope)
    return ClaimPublic.full(claim, rules, india_today(), claims.history(session, claim.id))


@router.post("/{claim_id}/events", status_code=201, response_model=ClaimPublic, responses={
    **RECORD, **INVALID, **IDEMPOTENT, 409: {"model": Problem, "description": "a move the "
                                             "claim's lifecycle does not allow (the body lists "
                                             "the moves it does); or the Idempotency-Key is in "
                                             "use"}})
def add_claim_event(claim_id: ClaimId, body: ClaimEventCreate, principal: RecordsDep,
                    rules: RulesetDep, session: SessionDep, once: OnceDep) -> Response:
    """Record what happened: a move to the next status (identified -> documents_ready ->
    applied -> sanctioned -> received; or rejected / withdrawn while open), or a note alone.
    Events are appended; earlier ones are never changed."""
    move = claims.Move(to_status=body.to_status, note=body.note, reason=body.reason,
                       amount=body.amount, at=body.at)
    claim = claims.append(session, rules, claim_id, move, scope=principal.scope,
                          key_id=principal.key_id, now=_now())
    return once.keep(_created(claim, rules, session), claim)


def _created(claim: Claim, rules: Ruleset, session: Session) -> Response:
    public = ClaimPublic.full(claim, rules, india_today(), claims.history(session, claim.id))
    return Response(public.model_dump_json(), status_code=201, media_type="application/json",
                    headers={"Location": f"/v1/claims/{claim.id}"})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)

