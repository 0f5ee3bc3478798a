"""A fast lane for POST /v1/eligibility: the phone's list (`detail: brief`) and the full
answer, answered without FastAPI's request handling.

A brief answer takes well under a tenth of a millisecond to work out; FastAPI's handling of
the request around it (routing, solving the route's dependencies, reading the body twice,
its exception layers) took several times that, and a fifth of a full request's instructions
(bench/README.md). This middleware sits inside every other one (rate limits, body limit,
metrics, request ids, security and ruleset headers all still apply) and answers a request
itself only when the route would have nothing to add: no query string, no key required, a
JSON body that the route's own request model accepts, a profile and district the rules
accept, and no case-data request holding the evaluation gate. It works the answer out with
the route's own functions (``eligibility.brief_answer``, ``eligibility.full_answer``): a brief
one on the event loop, a full one on the evaluation pool, as the route does.

Everything else, and every request it cannot answer, goes on to the route as it came, body
included: a refusal is always the route's own, with its problem document and its words. The
one refusal it says itself is the pool's (503, overloaded or over the time limit), in the
words and document the route's handler gives it (``errors.answer``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import errors
from api.holder import RulesetHolder, Serving
from api.metrics import Metrics
from api.middleware import replaying, whole
from api.pool import Busy, EvaluationPool
from api.routers import eligibility
from api.settings import Settings
from service.dates import india_today
from service.engine.case import Case
from service.errors import InvalidProfile, UnknownDistrict
from service.text import Words, choose_language, words_for

_JSON = (b"application/json", b"application/json; charset=utf-8")


class EligibilityLane:
    def __init__(self, app: ASGIApp, request_model: type[BaseModel], route: BaseRoute,
                 holder: RulesetHolder, settings: Settings, pool: EvaluationPool,
                 metrics: Metrics) -> None:
        self.app = app
        self.request_model = request_model
        self.route = route  # the route it stands in for: metrics and logs name its template
        self.holder, self.settings, self.pool, self.metrics = holder, settings, pool, metrics
        self.served = 0  # answered here rather than by the route

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["path"] != eligibility.PATH
                or scope["method"] != "POST" or scope["query_string"]
                or self.settings.require_key):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        body, rest = await _whole_body(receive)
        read = (self._read(headers, body) if rest is None
                and headers.get(b"content-type", b"").lower() in _JSON else None)
        # While a case-data request holds the evaluation gate, the route answers and waits
        # at the gate as it always has (checked with no await before the evaluation starts).
        if read is None or self.pool.protecting_now:  # the route's turn, body as it came
            await self.app(scope, replaying(whole(body) if rest is None else rest, receive),
                           send)
            return
        serving, request, case, words = read
        scope.setdefault("state", {})["language"] = words.language  # for Content-Language
        scope["route"] = self.route
        brief = request.detail == "brief"
        try:
            written = await self.pool.run(
                eligibility.brief_answer if brief else eligibility.full_answer, self.metrics,
                serving, request, case, None, words, request.as_of or india_today(),
                inline=brief)
        except Busy as exc:  # as the route's handler answers it (api/errors.py)
            refused = errors.answer(Request(scope), exc.code,
                                    headers={"Retry-After": str(exc.retry_after)})
            await refused(scope, receive, send)
            return
        self.served += 1
        # What starlette's Response(written, media_type="application/json") sends, without
        # building one
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", b"%d" % len(written)),
                                (b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": written})

    def _read(self, headers: dict[bytes, bytes],
              body: bytes) -> tuple[Serving, Any, Case, Words] | None:
        """The rules serving now with their stores, the request, its case and its words;
        None when the route should answer."""
        try:
            # Parsed and checked in one pass by pydantic's own JSON reader (3.5 µs less than
            # orjson's parse and a check of the dict it makes); anything it refuses is the route's.
            request: Any = self.request_model.model_validate_json(body)
        except ValidationError:
            return None
        serving = self.holder.serving
        rules = serving.rules
        try:
            case = eligibility.read_case(rules, request)
        except (InvalidProfile, UnknownDistrict):
            return None
        accept = headers.get(b"accept-language")
        code = choose_language(rules.catalogues, None,
                               None if accept is None else accept.decode("latin-1"))
        return serving, request, case, words_for(rules, code)


async def _whole_body(receive: Receive) -> tuple[bytes, Message | None]:
    """The body, when it comes in one message (as the body limit sends it on); else what
    came and the message that was not the body's end."""
    message = await receive()
    if message["type"] == "http.request" and not message.get("more_body", False):
        return message.get("body", b""), None
    return b"", message
