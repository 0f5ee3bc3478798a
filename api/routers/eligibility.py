"""POST /v1/eligibility: a profile in, every entitlement out; POST /v1/eligibility/batch: up
to 1,000 of them, answered line by line. Stateless."""

# No `from __future__ import annotations` here: the request model is built at start-up from
# facts.yaml, and FastAPI must see it as a real class in the handler's signature.

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field, create_model

from api import answers
from api.deps import HolderDep
from api.errors import ErrorItem, Refused
from api.holder import Serving
from api.language import WordsDep
from api.metrics import Metrics
from api.pool import evaluate
from api.problems import Problem
from api.routers import INVALID, NOT_FOUND, Responses
from api.schemas import Strict, case_of
from service.dates import india_today
from service.engine.brief import BriefEvaluation, evaluate_brief
from service.engine.case import Case
from service.engine.evaluate import evaluate_case
from service.engine.result import Evaluation, Question, RulesetRef
from service.errors import InvalidInput, InvalidProfile, UnknownDistrict, UnknownEntitlement
from service.rules.ruleset import Ruleset
from service.text import Words

PATH = "/v1/eligibility"
BATCH_PATH = "/v1/eligibility/batch"
MAX_ITEMS = 1000
NDJSON = "application/x-ndjson"
FIELD_NAMES = tuple(dict.fromkeys(answers.FULL_FIELDS + answers.BRIEF_FIELDS))
_NAME = "(" + "|".join(FIELD_NAMES) + ")"
FieldsQuery = Annotated[str | None, Query(
    pattern=f"^{_NAME}(,{_NAME})*$",
    description="only these parts of each result, after the entitlement's id, comma "
    "separated (`status,missing`); a part the answer's detail does not have is left out")]

EntitlementQuery = Annotated[str | None, Query(
    pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64,
    description="only this entitlement (its id, as GET /v1/entitlements lists them): the full "
    "answer for one line of a brief list; 404 when the rules have no such entitlement")]


class EvaluationParts(BaseModel):
    """An answer asked for with `fields`: each result holds its entitlement's id and the
    parts named."""

    ruleset: RulesetRef
    as_of: dt.date
    counts: dict[str, int]
    results: list[dict[str, Any]]
    questions: list[Question] | list[dict[str, Any]]


ANSWER: Responses = {200: {"model": Evaluation | BriefEvaluation | EvaluationParts,
                           "description": "the full answer; the brief one (`detail: brief`): "
                           "per entitlement its status, title, first-year rupees, office, "
                           "documents still to get and the facts that would decide it; or the "
                           "parts asked for (`fields`)"}}


def build(request_model: Any) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["eligibility"])
    batch_model = create_model(
        "EligibilityBatchRequest", __config__=Strict,
        items=(list[request_model], Field(
            description=f"up to {MAX_ITEMS} eligibility requests, each as POST /v1/eligibility "
            "takes it; more is a 413")))
    def one(request: Request, now: Serving, body: Any, case: Case, fields: list[str] | None,
            words: Words, only: str | None = None) -> bytes:
        answer = brief_answer if body.detail == "brief" else full_answer
        return answer(request.app.state.metrics, now, body, case, fields, words,
                      body.as_of or india_today(), only)

    # The evaluation runs on the app's evaluation pool (api/pool.py), off the event loop;
    # the answer is written straight to JSON by orjson (api/answers.py).
    @router.post("/eligibility", responses={**INVALID, **ANSWER, **NOT_FOUND})
    async def check_eligibility(body: request_model, holder: HolderDep, request: Request,
                                words: WordsDep, fields: FieldsQuery = None,
                                entitlement: EntitlementQuery = None) -> Response:
        """Every entitlement in force on `as_of` (today by default) for this profile: status,
        reasons, amounts, documents, offices, steps; and the next questions worth asking.
        `detail: brief` gives what a list on a phone needs; `fields`, only the parts named."""
        now = holder.serving  # the rules with their stores, read once
        if entitlement is not None and entitlement not in now.rules.entitlements:
            raise UnknownEntitlement(entitlement)
        case = read_case(now.rules, body)
        written = await evaluate(request, one, request, now, body, case, _names(fields), words,
                                 entitlement, inline=body.detail == "brief")
        return Response(written, media_type="application/json")

    # Response, not the default JSON: the answer is NDJSON only, as `responses` says.
    @router.post("/eligibility/batch", response_class=Response, responses={
        **INVALID, 413: {"model": Problem, "description": f"more than {MAX_ITEMS} items, or "
                         "a body over the batch size limit"},
        200: {"content": {NDJSON: {"schema": {"$ref": "#/components/schemas/Evaluation"}}},
              "description": "one answer per line (NDJSON), in the order of the items, each "
              "as POST /v1/eligibility gives it; streamed as they are worked out"}})
    def check_eligibility_batch(body: batch_model, holder: HolderDep, request: Request,
                                words: WordsDep, fields: FieldsQuery = None) -> Response:
        """Many profiles at once (a registry, a day's intake): every item is checked before
        the first answer is sent, so a bad one is a 422 naming its index."""
        items = body.items  # type: ignore[attr-defined]
        if len(items) > MAX_ITEMS:
            item = ErrorItem(loc=["body", "items"], type="too_many_items",
                             msg=f"at most {MAX_ITEMS} items in one request")
            raise Refused("too_many_items", errors=[item], limit=MAX_ITEMS)
        now = holder.serving  # one for the batch
        cases = [read_case(now.rules, item, index) for index, item in enumerate(items)]
        names = _names(fields)

        def lines() -> Iterator[bytes]:
            for item, case in zip(items, cases, strict=True):
                yield one(request, now, item, case, names, words) + b"\n"

        return StreamingResponse(lines(), media_type=NDJSON)

    return router


def route_of(router: APIRouter) -> APIRoute:
    """``build``'s route for POST /v1/eligibility."""
    return next(r for r in router.routes if isinstance(r, APIRoute)
                and r.path == PATH and "POST" in (r.methods or ()))


def _names(fields: str | None) -> list[str] | None:
    return None if fields is None else fields.split(",")


def full_answer(metrics: Metrics, now: Serving, body: Any, case: Case,
                fields: list[str] | None, words: Words, as_of: dt.date,
                only: str | None = None) -> bytes:
    """The full answer's bytes, counted in the metrics: for the route and its fast lane
    (api/lane.py) alike."""
    result = evaluate_case(now.rules, case, as_of, domains=body.domains, cache=now.parts,
                           entitlements=None if only is None else (only,), words=words)
    metrics.count(result)
    return answers.full(result, now.fragments, fields)


def brief_answer(metrics: Metrics, now: Serving, body: Any, case: Case,
                 fields: list[str] | None, words: Words, as_of: dt.date,
                 only: str | None = None) -> bytes:
    """The brief answer's bytes, counted in the metrics: for the route and its fast lane
    (api/lane.py) alike."""
    brief = evaluate_brief(now.rules, case, as_of, domains=body.domains,
                           entitlements=None if only is None else (only,), words=words,
                           standings=now.standings, lines=now.lines)
    metrics.count(brief)
    return answers.brief(brief, fields)


def read_case(rules: Ruleset, body: Any, index: int | None = None) -> Case:
    try:
        return case_of(rules, body)
    except InvalidProfile as exc:
        if index is None:
            raise
        raise InvalidInput([(("body", "items", index, "profile", fact), "invalid_fact", msg)
                            for fact, msg in exc.problems]) from None
    except UnknownDistrict as exc:
        if index is None:
            raise
        raise UnknownDistrict(str(exc), state=exc.state, suggestion=exc.suggestion,
                              loc=("body", "items", index, "district")) from None
