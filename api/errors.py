"""Every error answer has one shape, and none repeats what the client sent.

FastAPI's own 422 echoes the submitted input; profiles hold sensitive facts, so it is
rebuilt here with only where (``loc``), what kind (``type``) and what is allowed (``msg``).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from api.pool import Busy
from service.errors import (
    AdhikarError,
    Conflict,
    IllegalMove,
    InvalidInput,
    InvalidProfile,
    NotFound,
    ReloadRefused,
    RulesetInvalid,
    StoreUnavailable,
    UnknownEntitlement,
)

log = logging.getLogger("adhikar.api")

STATUS: dict[type[AdhikarError], int] = {
    UnknownEntitlement: 404, InvalidProfile: 422, RulesetInvalid: 422, ReloadRefused: 409,
    NotFound: 404, InvalidInput: 422, IllegalMove: 409, Conflict: 409, StoreUnavailable: 503,
}
RETRY_AFTER_SECONDS = "5"
_IDENTITY = re.compile(r"name|phone|mobile|address|aadhaa?r|email|pan_?(card|no)|passport|"
                       r"voter|ration_?(card_)?(no|number)|account_?(no|number)|contact|"
                       r"father|mother|husband|guardian|village|street|pin_?code|dob|birth_?date",
                       re.IGNORECASE)
_SAFE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,47}$")


class NotAllowed(Exception):
    """A request this caller may not make (an admin action without the admin token, an
    analyst asking for a screening)."""


class Unauthenticated(Exception):
    """No API key, or one that is unknown or revoked."""


class ErrorItem(BaseModel):
    loc: list[str | int] = Field(description="where in the request the problem is")
    type: str = Field(description="a stable machine-readable kind")
    msg: str = Field(description="what is wrong and what is allowed")


class ErrorBody(BaseModel):
    error: str
    message: str
    errors: list[ErrorItem] = Field(default_factory=list)


class IllegalMoveBody(ErrorBody):
    current: str = Field(description="the claim's status now")
    allowed: list[str] = Field(description="the statuses it may move to; empty once closed")


def error_response(status: int, error: str, message: str, items: list[ErrorItem] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(error=error, message=message, errors=items or [])
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


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
    fields = ", ".join(".".join(str(p) for p in i.loc) for i in items[:5])
    return error_response(422, "invalid_request", f"the request is not valid: {fields}", items)


async def _domain(request: Request, exc: AdhikarError) -> JSONResponse:
    status = STATUS.get(type(exc), 400)
    items: list[ErrorItem] = []
    if isinstance(exc, IllegalMove):
        body = IllegalMoveBody(
            error=exc.code, message=str(exc), current=exc.current, allowed=list(exc.allowed),
            errors=[ErrorItem(loc=["body", "to_status"], type=exc.code, msg=str(exc))])
        return JSONResponse(body.model_dump(), status_code=status)
    if isinstance(exc, StoreUnavailable):
        return error_response(status, exc.code, f"{exc}; eligibility still answers",
                              headers={"Retry-After": RETRY_AFTER_SECONDS})
    if isinstance(exc, InvalidInput):
        items = [ErrorItem(loc=list(loc), type=kind, msg=msg) for loc, kind, msg in exc.problems]
    elif isinstance(exc, InvalidProfile):
        items = [ErrorItem(loc=["body", "profile", *_safe_loc((f,))], type="invalid_fact",
                           msg=m) for f, m in exc.problems]
    elif isinstance(exc, UnknownEntitlement):
        # The id asked for may be anything the client typed: not repeated.
        return error_response(status, exc.code, "no such entitlement; GET /v1/entitlements "
                              "lists them")
    elif isinstance(exc, RulesetInvalid):
        items = [ErrorItem(loc=[e.file, e.line, e.col], type=e.code, msg=e.text)
                 for e in exc.errors]
    return error_response(status, exc.code, str(exc), items)


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    if exc.status_code == 400:
        # FastAPI's answer to a body it cannot decode (not UTF-8, say): the same 422 as any
        # other body that does not fit the contract.
        item = ErrorItem(loc=["body"], type="json_invalid",
                         msg="the body is not valid JSON in UTF-8")
        return error_response(422, "invalid_request", "the request is not valid: body", [item])
    error = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}.get(
        exc.status_code, "http_error")
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 405:
        # Starlette names only the first route on the path; list every route's methods.
        headers = (headers or {}) | {"Allow": ", ".join(_methods(request))}
    return error_response(exc.status_code, error, str(exc.detail), headers=headers)


def _methods(request: Request) -> list[str]:
    # From the published contract (built once, then cached by FastAPI): the routes it lists.
    path = request.url.path
    found: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if re.fullmatch(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)), path):
            found |= {m.upper() for m in operations if m.upper() in _HTTP_METHODS}
    return sorted(found)


_HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}


async def _not_allowed(request: Request, exc: NotAllowed) -> JSONResponse:
    return error_response(403, "forbidden", str(exc))


async def _unauthenticated(request: Request, exc: Unauthenticated) -> JSONResponse:
    return error_response(401, "unauthenticated", str(exc),
                          headers={"WWW-Authenticate": "Bearer"})


async def _busy(request: Request, exc: Busy) -> JSONResponse:
    return error_response(503, exc.code, str(exc), headers={"Retry-After": str(exc.retry_after)})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The one broad handler, at the edge. The log names the route, never the request body.
    log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
    return error_response(500, "internal_error", "an unexpected error; it has been logged")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(AdhikarError, _domain)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(NotAllowed, _not_allowed)  # type: ignore[arg-type]
    app.add_exception_handler(Unauthenticated, _unauthenticated)  # type: ignore[arg-type]
    app.add_exception_handler(Busy, _busy)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
