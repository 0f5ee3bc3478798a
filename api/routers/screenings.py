"""/v1/screenings: an eligibility answer kept under a case reference, and re-run later."""

# No `from __future__ import annotations`: the request model is built at start-up from
# facts.yaml, and FastAPI must see it as a real class in the handler's signature.

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from api.auth import RecordsDep
from api.deps import HolderDep, SessionDep
from api.idempotency import OnceDep
from api.instants import Instant
from api.problems import Problem
from api.routers import IDEMPOTENT, INVALID, RECORD, RECORDS
from api.schemas import DIGITS, CaseRefFilter
from api.screening_models import RerunPublic, ScreeningPublic, ScreeningsPublic, ScreeningSummary
from api.screening_models import screening_json as as_json
from service.dates import india_today
from service.store import screenings

ScreeningId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="the screening's id")]
JSON = "application/json"


def build(request_model: Any) -> APIRouter:
    router = APIRouter(prefix="/v1/screenings", tags=["screenings"])

    @router.post("", status_code=201, response_model=ScreeningPublic,
                 responses={**RECORDS, **INVALID, **IDEMPOTENT})
    def create_screening(body: request_model, principal: RecordsDep, holder: HolderDep,
                         session: SessionDep, request: Request, once: OnceDep) -> Response:
        """Evaluate like POST /v1/eligibility, and keep the profile and the answer under
        the case reference, with the ruleset's version and digest."""
        asked = screenings.Asked(
            profile=body.profile.model_dump(mode="json", exclude_none=True),
            as_of=body.as_of or india_today(), documents_held=body.documents_held,
            domains=body.domains, district=body.district)
        now = holder.serving
        evaluation, asked = screenings.run(now.rules, asked, cache=now.parts)
        request.app.state.metrics.count(evaluation)
        row = screenings.save(session, evaluation, asked, case_ref=body.case_ref,
                              org=principal.org, key_id=principal.key_id, now=_now())
        return once.keep(Response(as_json(row), status_code=201, media_type=JSON,
                                  headers={"Location": f"/v1/screenings/{row.id}"}), row)

    @router.get("", responses={**RECORDS, **INVALID})
    def list_screenings(principal: RecordsDep, session: SessionDep,
                        case_ref: Annotated[CaseRefFilter | None, Query()] = None,
                        limit: Annotated[int, Query(ge=1, le=200), DIGITS] = 50,
                        offset: Annotated[int, Query(ge=0, le=1_000_000), DIGITS] = 0,
                        updated_since: Annotated[Instant | None, Query(
                            description="only those made after this instant (ISO 8601), by "
                            "the server's clock; a screening never changes once made")] = None,
                        ) -> ScreeningsPublic:
        """This organisation's screenings, newest first; of one case with `case_ref`."""
        rows, total = screenings.find(session, scope=principal.scope, case_ref=case_ref,
                                      limit=limit, offset=offset,
                                      created_since=updated_since)
        return ScreeningsPublic(data=[ScreeningSummary.of(r) for r in rows], count=total)

    @router.get("/{screening_id}", response_model=ScreeningPublic,
                responses={**RECORD, **INVALID})
    def get_screening(screening_id: ScreeningId, principal: RecordsDep,
                      session: SessionDep) -> Response:
        """One screening: the profile as sent and the answer as it was given."""
        row = screenings.get(session, screening_id, scope=principal.scope)
        return Response(as_json(row), media_type=JSON)

    @router.post("/{screening_id}/rerun", status_code=201, responses={
        **RECORD, **INVALID, 409: {"model": Problem, "description": "the stored profile "
                                   "no longer fits the facts of the rules now serving"}})
    def rerun_screening(screening_id: ScreeningId, principal: RecordsDep, holder: HolderDep,
                        session: SessionDep) -> RerunPublic:
        """Evaluate the stored profile again with the rules now serving and the same
        `as_of`; keep it as a new screening linked to the old, and say what changed."""
        serving = holder.serving
        new, old, changes = screenings.rerun(session, serving.rules, screening_id,
                                             scope=principal.scope, key_id=principal.key_id,
                                             now=_now(), cache=serving.parts)
        return RerunPublic.of(new, old, changes)

    return router


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)

