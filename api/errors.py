"""Every error answer is a problem (RFC 9457, api/problems.py), and none repeats what the
client sent.

FastAPI's own 422 echoes the submitted input; profiles hold sensitive facts, so it is
rebuilt here with only where (``loc``), what kind (``type``) and what is allowed (``msg``).
Each domain error maps to one kind of problem here, once.
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api import problems
from api.language import request_words
from api.pool import Busy
from api.problems import ErrorItem
from service.engine import districts
from service.errors import (
    AdhikarError,
    Conflict,
    IllegalMove,
    InvalidInput,
    InvalidProfile,
    NotFound,
    RulesetInvalid,
    StoreUnavailable,
    UnknownDistrict,
    UnknownEntitlement,
)
from service.text import Words

log = logging.getLogger("adhikar.api")

__all__ = ["ErrorItem", "NotAllowed", "Refused", "Unauthenticated", "answer", "install"]
RETRY_AFTER_SECONDS = "5"
_IDENTITY = re.compile(r"name|phone|mobile|address|aadhaa?r|email|pan_?(card|no)|passport|"
                       r"voter|ration_?(card_)?(no|number)|account_?(no|number)|contact|"
                       r"father|mother|husband|guardian|village|street|pin_?code|dob|birth_?date",
                       re.IGNORECASE)
_SAFE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,47}$")


class Refused(Exception):
    """A request the API itself refuses, as the problem of kind ``code`` (api/problems.py)."""

    def __init__(self, code: str, errors: list[ErrorItem] | None = None,
                 headers: dict[str, str] | None = None, **fields: Any) -> None:
        super().__init__(code)
        self.code, self.errors, self.headers, self.fields = code, errors, headers, fields


class NotAllowed(Refused):
    """A request this caller may not make (an admin action without the admin token, an
    analyst asking for a screening)."""


class Unauthenticated(Refused):
    """No API key, or one that is unknown or revoked."""

    def __init__(self, code: str) -> None:
        super().__init__(code, headers={"WWW-Authenticate": "Bearer"})


def answer(request: Request, code: str, *, errors: list[ErrorItem] | None = None,
           headers: dict[str, str] | None = None, status: int | None = None,
           **fields: Any) -> JSONResponse:
    """The problem of kind ``code`` for this request, as a response, in the language the
    request asks for (``?lang=`` or Accept-Language; English when none is offered)."""
    route = getattr(request.scope.get("route"), "path", None)
    words = _words(request)
    found = problems.problem(code, problems.instance(route), errors=errors, status=status,
                             words=words, **fields)
    return problems.response(found, headers)


def _words(request: Request) -> Words | None:
    holder = getattr(request.app.state, "rules", None)
    if holder is None:  # an app of one router, without the ruleset holder
        return None
    lang = request.query_params.get("lang")  # not yet checked: an over-long one is ignored
    return request_words(request, holder.current, lang if lang and len(lang) <= 35 else None)


def _safe_loc(loc: tuple[Any, ...]) -> list[str | int]:
    # A key the client invented is shown only if it looks like a field name, not like data.
    return [p if isinstance(p, int) or _SAFE_KEY.match(str(p)) else "<field>" for p in loc]


def _item(err: dict[str, Any], vocabulary: frozenset[str] = frozenset()) -> ErrorItem:
    loc = _safe_loc(tuple(err.get("loc", ())))
    kind, msg = err.get("type", "invalid"), str(err.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        # A key the client invented is never repeated, only its place; a name of the rules'
        # own vocabulary (a derived fact sent as if it were a base fact) is named.
        key = str(err["loc"][-1]) if err.get("loc") else ""
        if key not in vocabulary:
            loc = [*loc[:-1], "<field>"]
        if "profile" in err.get("loc", ())[:2] and key in vocabulary:
            msg = "a fact the service works out from others; GET /v1/facts lists those to send"
        elif "profile" in err.get("loc", ())[:2] and _IDENTITY.search(key):
            kind = "identity_not_allowed"
            msg = ("identity data is not a fact: a profile carries facts, never names, phone "
                   "numbers, addresses or ID numbers")
        elif "profile" in err.get("loc", ())[:2]:
            msg = "not a fact this service knows; GET /v1/facts lists them"
        else:
            msg = "not a field of this request; the contract (GET /openapi.json) lists them"
    elif kind == "json_invalid":
        msg = "the body is not valid JSON"
    return ErrorItem(loc=loc, type=kind, msg=msg)


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    holder = getattr(request.app.state, "rules", None)  # absent in an app of one router
    vocabulary = frozenset(holder.current.derived) if holder is not None else frozenset()
    items = [_item(e, vocabulary) for e in exc.errors()]
    return answer(request, "invalid_request", errors=items, fields=_fields(items))


def _fields(items: list[ErrorItem]) -> str:
    return ", ".join(".".join(str(p) for p in i.loc) for i in items[:5])


def _fact_items(found: list[tuple[str, str]]) -> list[ErrorItem]:
    return [ErrorItem(loc=["body", "profile", *_safe_loc((fact,))], type="invalid_fact",
                      msg=msg) for fact, msg in found]


def _facts(items: list[ErrorItem]) -> str:
    return ", ".join(str(i.loc[-1]) for i in items[:5])


async def _domain(request: Request, exc: AdhikarError) -> JSONResponse:
    if isinstance(exc, IllegalMove):
        item = ErrorItem(loc=["body", "to_status"], type=exc.code, msg=str(exc))
        return answer(request, "illegal_move" if exc.allowed else "claim_closed",
                      errors=[item], current=exc.current, allowed=list(exc.allowed))
    if isinstance(exc, StoreUnavailable):
        return answer(request, "storage_unavailable",
                      headers={"Retry-After": RETRY_AFTER_SECONDS})
    if isinstance(exc, UnknownDistrict):
        return answer(request, "invalid_request", errors=[_district_item(request, exc)],
                      fields=".".join(str(p) for p in exc.loc))
    if isinstance(exc, InvalidInput):
        items = [ErrorItem(loc=list(loc), type=kind, msg=msg) for loc, kind, msg in exc.problems]
        return answer(request, "invalid_request", errors=items, fields=_fields(items))
    if isinstance(exc, InvalidProfile):
        items = _fact_items(exc.problems)
        return answer(request, "invalid_profile", errors=items, facts=_facts(items))
    if isinstance(exc, UnknownEntitlement):
        # The id asked for may be anything the client typed: not repeated.
        return answer(request, "unknown_entitlement")
    if isinstance(exc, RulesetInvalid):
        items = [ErrorItem(loc=[e.file, e.line, e.col], type=e.code, msg=e.text)
                 for e in exc.errors]
        return answer(request, exc.code, errors=items, count=len(items))
    if isinstance(exc, NotFound):
        return answer(request, f"{exc.kind}_not_found")
    if isinstance(exc, Conflict):
        items = _fact_items(exc.problems)
        fields: dict[str, Any] = {"facts": _facts(items), **exc.params}
        return answer(request, exc.kind, errors=items, **fields)
    return await _unexpected(request, exc)


def _district_item(request: Request, exc: UnknownDistrict) -> ErrorItem:
    """The refusal in the request's language (the district sent is never repeated)."""
    holder = getattr(request.app.state, "rules", None)
    words = _words(request)
    msg = (districts.say(words, holder.current.places.source, exc.state, exc.suggestion)
           if holder is not None and words is not None else str(exc))
    return ErrorItem(loc=list(exc.loc), type="unknown_district", msg=msg)


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    if exc.status_code == 400:
        # FastAPI's answer to a body it cannot decode (not UTF-8, say): the same 422 as any
        # other body that does not fit the contract.
        item = ErrorItem(loc=["body"], type="json_invalid",
                         msg="the body is not valid JSON in UTF-8")
        return answer(request, "invalid_request", errors=[item], fields="body")
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 404:
        return answer(request, "not_found", headers=headers)
    if exc.status_code == 405:
        # Starlette names only the first route on the path; list every route's methods.
        headers = (headers or {}) | {"Allow": ", ".join(_methods(request))}
        return answer(request, "method_not_allowed", headers=headers)
    return answer(request, "http_error", headers=headers, status=exc.status_code,
                  reason=HTTPStatus(exc.status_code).phrase)


def _methods(request: Request) -> list[str]:
    # From the published contract (built once, then cached by FastAPI): the routes it lists.
    path = request.url.path
    found: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if re.fullmatch(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)), path):
            found |= {m.upper() for m in operations if m.upper() in _HTTP_METHODS}
    return sorted(found)


_HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}


async def _refused(request: Request, exc: Refused) -> JSONResponse:
    return answer(request, exc.code, errors=exc.errors, headers=exc.headers, **exc.fields)


async def _busy(request: Request, exc: Busy) -> JSONResponse:
    return answer(request, exc.code, headers={"Retry-After": str(exc.retry_after)})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The one broad handler, at the edge. The log names the route, never the request body.
    log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
    return answer(request, "internal_error")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(AdhikarError, _domain)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(Refused, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(Busy, _busy)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
