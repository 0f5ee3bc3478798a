"""POST /v1/eligibility: a profile in, every entitlement out. Stateless."""

# No `from __future__ import annotations` here: the request model is built at start-up from
# facts.yaml, and FastAPI must see it as a real class in the handler's signature.

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import TypeAdapter

from api.deps import HolderDep
from api.routers import INVALID
from service.dates import india_today
from service.engine.case import Case
from service.engine.evaluate import evaluate_case
from service.engine.result import Evaluation


def build(request_model: Any) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["eligibility"])
    answer = TypeAdapter(Evaluation)

    # async: the evaluation is short and CPU-bound, so a thread-pool hop would cost more than
    # it saves. The answer is serialised straight to JSON, without re-validating it.
    @router.post("/eligibility", responses=INVALID, response_model=Evaluation)
    async def check_eligibility(body: request_model, holder: HolderDep,
                                request: Request) -> Response:
        """Every entitlement in force on `as_of` (today by default) for this profile: status,
        reasons, amounts, documents, offices, steps; and the next questions worth asking."""
        rules, parts = holder.current, holder.parts  # the parts' keys name the rules' digest
        case = Case.read(rules, body.profile.model_dump(exclude_none=True),
                         district=body.district, documents_held=body.documents_held)
        result = evaluate_case(rules, case, body.as_of or india_today(), domains=body.domains,
                               brief=body.detail == "brief", cache=parts)
        request.app.state.metrics.count(result)
        return Response(answer.dump_json(result), media_type="application/json")

    return router
