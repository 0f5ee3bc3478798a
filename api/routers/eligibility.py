"""POST /v1/eligibility: a profile in, every entitlement out; POST /v1/eligibility/batch: up
to 1,000 of them, answered line by line. Stateless."""

# No `from __future__ import annotations` here: the request model is built at start-up from
# facts.yaml, and FastAPI must see it as a real class in the handler's signature.

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import Field, TypeAdapter, create_model

from api.deps import HolderDep
from api.errors import ErrorBody, ErrorItem, error_response
from api.pool import evaluate
from api.routers import INVALID
from api.schemas import Strict
from service.dates import india_today
from service.engine.case import Case
from service.engine.evaluate import evaluate_case
from service.engine.parts import PartsCache
from service.engine.result import Evaluation
from service.errors import InvalidInput, InvalidProfile
from service.rules.ruleset import Ruleset

BATCH_PATH = "/v1/eligibility/batch"
MAX_ITEMS = 1000
NDJSON = "application/x-ndjson"


def build(request_model: Any) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["eligibility"])
    answer = TypeAdapter(Evaluation)
    batch_model = create_model(
        "EligibilityBatchRequest", __config__=Strict,
        items=(list[request_model], Field(
            description=f"up to {MAX_ITEMS} eligibility requests, each as POST /v1/eligibility "
            "takes it; more is a 413")))

    def one(rules: Ruleset, parts: PartsCache, body: Any, case: Case) -> Evaluation:
        return evaluate_case(rules, case, body.as_of or india_today(), domains=body.domains,
                             brief=body.detail == "brief", cache=parts)

    # The evaluation runs on the app's evaluation pool (api/pool.py), off the event loop.
    # The answer is serialised straight to JSON, without re-validating it.
    @router.post("/eligibility", responses=INVALID, response_model=Evaluation)
    async def check_eligibility(body: request_model, holder: HolderDep,
                                request: Request) -> Response:
        """Every entitlement in force on `as_of` (today by default) for this profile: status,
        reasons, amounts, documents, offices, steps; and the next questions worth asking."""
        rules, parts = holder.current, holder.parts  # the parts' keys name the rules' digest
        case = _case(rules, body)
        result = await evaluate(request, one, rules, parts, body, case)
        request.app.state.metrics.count(result)
        return Response(answer.dump_json(result), media_type="application/json")

    @router.post("/eligibility/batch", responses={
        **INVALID, 413: {"model": ErrorBody, "description": f"more than {MAX_ITEMS} items, or "
                         "a body over the batch size limit"},
        200: {"content": {NDJSON: {"schema": {"$ref": "#/components/schemas/Evaluation"}}},
              "description": "one answer per line (NDJSON), in the order of the items, each "
              "as POST /v1/eligibility gives it; streamed as they are worked out"}})
    def check_eligibility_batch(body: batch_model, holder: HolderDep) -> Response:
        """Many profiles at once (a registry, a day's intake): every item is checked before
        the first answer is sent, so a bad one is a 422 naming its index."""
        items = body.items  # type: ignore[attr-defined]
        if len(items) > MAX_ITEMS:
            item = ErrorItem(loc=["body", "items"], type="too_many_items",
                             msg=f"at most {MAX_ITEMS} items in one request")
            return error_response(413, "too_many_items", f"the request has more than "
                                  f"{MAX_ITEMS} items; send them in several requests", [item])
        rules, parts = holder.current, holder.parts  # one ruleset for the whole batch
        cases = [_case(rules, item, index) for index, item in enumerate(items)]

        def lines() -> Iterator[bytes]:
            for item, case in zip(items, cases, strict=True):
                yield answer.dump_json(one(rules, parts, item, case)) + b"\n"

        return StreamingResponse(lines(), media_type=NDJSON)

    return router


def _case(rules: Ruleset, body: Any, index: int | None = None) -> Case:
    try:
        return Case.read(rules, body.profile.model_dump(exclude_none=True),
                         district=body.district, documents_held=body.documents_held)
    except InvalidProfile as exc:
        if index is None:
            raise
        raise InvalidInput([(("body", "items", index, "profile", fact), "invalid_fact", msg)
                            for fact, msg in exc.problems]) from None
