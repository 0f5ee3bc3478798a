"""POST /v1/compensation-routes: a case's facts in, every road to compensation out. Stateless.

Wire it like eligibility: the request model is built at start-up from facts.yaml,

    app.include_router(compensation.build(compensation.request_model(holder.current, profile)))
"""

# No `from __future__ import annotations` here: FastAPI must see the request model, built at
# start-up, as a real class in the handler's signature.

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, TypeAdapter, create_model

from api import schemas
from api.deps import RulesetDep
from api.pool import evaluate
from api.routers import INVALID
from service.compensation.answer import routes_for
from service.compensation.result import RoutesAnswer
from service.dates import india_today
from service.engine.case import Case
from service.rules.ruleset import Ruleset


def request_model(ruleset: Ruleset, profile: type[BaseModel]) -> type[BaseModel]:
    """The eligibility request without `domains`: the same profile, date, documents, district."""
    same = schemas.eligibility_request(ruleset, profile).model_fields
    fields: dict[str, Any] = {name: (f.annotation, f) for name, f in same.items()
                              if name not in ("domains", "detail")}
    return create_model("CompensationRoutesRequest", __config__=schemas.Strict, **fields)


def build(request_model: Any) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["compensation-routes"])
    answer = TypeAdapter(RoutesAnswer)

    @router.post("/compensation-routes", responses=INVALID, response_model=RoutesAnswer)
    async def compensation_routes(body: request_model, rules: RulesetDep,
                                  request: Request) -> Response:
        """Every compensation route for this case on `as_of` (today by default): open, not yet
        open (and on which event) or closed, with the deciding facts; who decides, pays and may
        apply; documents held or missing; interim and final amounts; time limits as dates;
        how the routes interact; and the next steps, with where to escalate."""
        case = Case.read(rules, body.profile.model_dump(exclude_none=True),
                         district=body.district, documents_held=body.documents_held)
        result = await evaluate(request, routes_for, rules, case, body.as_of or india_today())
        return Response(answer.dump_json(result), media_type="application/json")

    return router
