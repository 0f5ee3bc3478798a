"""POST /v1/compensation-routes: a case's facts in, every road to compensation out; and
POST /v1/compensation-routes/brief: the same answer as the paralegal's one-page brief, in
Markdown, HTML or PDF as the request's Accept asks. Stateless.

Wire it like eligibility: the request model is built at start-up from facts.yaml,

    app.include_router(compensation.build(compensation.request_model(holder.current, profile)))
"""

# No `from __future__ import annotations` here: FastAPI must see the request model, built at
# start-up, as a real class in the handler's signature.

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response
from pydantic import BaseModel, TypeAdapter, create_model

from api import schemas
from api.deps import RulesetDep
from api.errors import Refused
from api.language import WordsDep
from api.pool import evaluate
from api.problems import Problem
from api.routers import INVALID
from service.compensation import render
from service.compensation.answer import routes_for
from service.compensation.brief import brief
from service.compensation.result import RoutesAnswer
from service.dates import india_today
from service.rules.ruleset import Ruleset
from service.text import Words

# What the brief is offered as, in the order a bare `*/*` or no Accept picks.
OFFERED = {"text/markdown": "markdown", "text/html": "html", "application/pdf": "pdf"}
BRIEF_RESPONSES: dict[int | str, dict[str, Any]] = {
    **INVALID,
    200: {"description": "the brief, one A4 page when printed",
          "content": {media: {"schema": {"type": "string"}} for media in OFFERED}},
    406: {"model": Problem, "description": "Accept names none of text/markdown, text/html, "
          "application/pdf"},
}


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
                                  words: WordsDep, request: Request) -> Response:
        """Every compensation route for this case on `as_of` (today by default): open, not yet
        open (and on which event) or closed, with the deciding facts; who decides, pays and may
        apply; documents held or missing; interim and final amounts; time limits as dates;
        how the routes interact; and the next steps, with where to escalate."""
        case = schemas.case_of(rules, body)
        result = await evaluate(request, partial(routes_for, words=words), rules, case,
                                body.as_of or india_today())
        return Response(answer.dump_json(result), media_type="application/json")

    @router.post("/compensation-routes/brief", responses=BRIEF_RESPONSES,
                 response_class=Response)
    def compensation_brief(body: request_model, rules: RulesetDep, words: WordsDep,
                           accept: Annotated[str | None, Header(include_in_schema=False)] = None,
                           ) -> Response:
        """The paralegal's brief for this case, on one printed A4 page: where to start (the
        offices in the order to go to them, with the papers to carry and the dates due), the
        amounts she can expect and under which instrument, what is not yet open and what
        opens it, the questions that most change the amount, and the rules' version and
        digest. `Accept: text/markdown` (the default), `text/html` or `application/pdf`; the
        language by `lang` or Accept-Language."""
        # A plain def, not async: printing a PDF takes a moment, so it runs in the threadpool.
        media = choose_media(accept)
        if media is None:
            raise Refused("not_acceptable", offered=", ".join(OFFERED))
        case = schemas.case_of(rules, body)
        result = routes_for(rules, case, body.as_of or india_today(), words=words)
        return Response(_laid_out(result, words, OFFERED[media]), media_type=media)

    return router


def _laid_out(answer: RoutesAnswer, words: Words, form: str) -> bytes:
    page = brief(answer, words)
    if form == "markdown":
        return render.markdown(page).encode()
    html = render.html(page)
    return html.encode() if form == "html" else render.pdf(html)


def choose_media(accept: str | None) -> str | None:
    """The offered type the Accept header likes best (RFC 9110 s.12.5.1); the first offered
    for no header or `*/*`; None when it accepts none of them."""
    best: tuple[float, int, str] | None = None
    for part in (accept or "*/*").split(","):
        kind, _, params = part.strip().partition(";")
        kind = kind.strip().lower()
        q = _quality(params)
        for i, media in enumerate(OFFERED):
            major = media.split("/")[0]
            if q > 0 and kind in (media, f"{major}/*", "*/*"):
                candidate = (-q, i, media)
                best = candidate if best is None or candidate < best else best
    return best[2] if best else None


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0
