"""Every error answer is an RFC 9457 problem (``application/problem+json``), and its words come
from one table.

Each kind of problem has a stable ``code`` (also the last part of its ``type``), a status, an
English title and a detail template with named fields. The API fills the template; it never
writes an error's text anywhere else, so the texts can be translated by ``code`` alone. The
fields put into a template are names of fields, facts, statuses and numbers, never a value
the client sent.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from asgi_correlation_id import correlation_id
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "/problems/"


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of problem: its stable id, HTTP status and English words."""

    code: str
    status: int
    title: str
    detail: str  # a str.format template; its fields are named in `fields`

    @property
    def type(self) -> str:
        return TYPE_PREFIX + self.code


_TABLE = (
    # The request
    Kind("invalid_request", 422, "The request is not valid",
         "the request is not valid: {fields}; `errors` says what each allows"),
    Kind("invalid_profile", 422, "The profile does not fit the facts",
         "these facts are not valid: {facts}; GET /v1/facts lists what each allows"),
    Kind("too_many_items", 413, "Too many items",
         "the request has more than {limit} items; send them in smaller batches"),
    Kind("body_too_large", 413, "The body is too large",
         "the request body is over {limit} bytes"),
    Kind("not_found", 404, "Nothing here",
         "no such path; GET /openapi.json lists the paths"),
    Kind("method_not_allowed", 405, "Method not allowed",
         "this path does not take this method; the Allow header lists those it takes"),
    Kind("not_acceptable", 406, "Not offered in that form",
         "this is offered as {offered}; send one of them in Accept"),
    Kind("request_timeout", 408, "The request took too long to arrive",
         "the request body did not arrive within {seconds} seconds"),
    Kind("rate_limited", 429, "Too many requests",
         "over the limit of requests per minute; try again after Retry-After seconds"),
    Kind("too_many_failed_keys", 429, "Too many wrong keys",
         "too many wrong keys from this client; try again after Retry-After seconds"),
    Kind("overloaded", 503, "The service is busy",
         "the service is answering as many requests as it can; try again after Retry-After "
         "seconds"),
    Kind("evaluation_timeout", 503, "The evaluation took too long",
         "the evaluation could not be answered in the time the service allows; try again "
         "after Retry-After seconds"),
    Kind("audit_unavailable", 503, "The audit log cannot be written",
         "the audit log cannot be written, so the answer is held back; eligibility still "
         "answers"),
    Kind("case_not_found", 404, "No such case",
         "no case with this reference in this key's organisation"),
    Kind("admin_only", 403, "Only an admin may do this",
         "only an admin of the organisation may do this"),
    Kind("http_error", 400, "The request cannot be served", "{reason}"),
    Kind("unknown_problem", 404, "No such kind of problem",
         "no kind of problem with this code; GET /problems lists them"),
    # The rules
    Kind("unknown_entitlement", 404, "No such entitlement",
         "no such entitlement; GET /v1/entitlements lists them"),
    Kind("ruleset_invalid", 422, "The rules are not valid",
         "{count} rule error(s); `errors` names the file, line and column of each"),
    Kind("reload_refused", 409, "The rules on disk cannot replace the serving ones",
         "{count} rule error(s); the rules loaded before keep serving"),
    # Records
    Kind("screening_not_found", 404, "No such screening",
         "no screening with this id for this key's organisation"),
    Kind("claim_not_found", 404, "No such claim",
         "no claim with this id for this key's organisation"),
    Kind("key_not_found", 404, "No such key", "no API key with this id"),
    Kind("claim_already_open", 409, "A claim is already open",
         "claim {claim_id} for this entitlement is still open for this case; move it on, or "
         "close it before opening another"),
    Kind("claim_opened_meanwhile", 409, "A claim was opened meanwhile",
         "a claim for this entitlement was opened for this case meanwhile"),
    Kind("claim_changed", 409, "The claim changed meanwhile",
         "the claim changed meanwhile; read it again and retry"),
    Kind("illegal_move", 409, "This move is not allowed",
         "a claim that is {current} may move only to: {allowed}"),
    Kind("claim_closed", 409, "The claim is closed",
         "a claim that is {current} is closed and cannot move"),
    Kind("profile_no_longer_fits", 409, "The stored profile no longer fits the rules",
         "the stored profile no longer fits the facts of the rules now serving: {facts}"),
    Kind("idempotency_key_reused", 422, "The Idempotency-Key was used for another request",
         "this Idempotency-Key was used within {hours} hours with a different request; "
         "send a new key with a new request"),
    Kind("idempotency_key_in_use", 409, "The first request with this Idempotency-Key is "
         "still running", "the first request with this Idempotency-Key has not finished; "
         "retry in a few seconds"),
    # Access
    Kind("key_missing", 401, "An API key is needed",
         "this needs an API key: Authorization: Bearer <key>"),
    Kind("key_invalid", 401, "The API key is not valid",
         "the API key is not valid or has been revoked"),
    Kind("admin_credential_missing", 401, "The admin credential is needed",
         "reloading the rules needs the admin token or an admin's API key: "
         "Authorization: Bearer <token or key>"),
    Kind("role_not_allowed", 403, "Not for this key's role",
         "analysts see reports, not screenings or claims"),
    Kind("reload_not_allowed", 403, "This credential may not reload the rules",
         "reloading the rules needs the admin token or an admin's API key"),
    # The service
    Kind("storage_unavailable", 503, "The database does not answer",
         "screenings, claims and reports are unavailable for now; eligibility still answers"),
    Kind("internal_error", 500, "An unexpected error",
         "an unexpected error; it has been logged with the request id (X-Request-ID)"),
)
KINDS: dict[str, Kind] = {kind.code: kind for kind in _TABLE}


class ErrorItem(BaseModel):
    loc: list[str | int] = Field(description="where in the request the problem is")
    type: str = Field(description="a stable machine-readable kind")
    msg: str = Field(description="what is wrong and what is allowed")


class Problem(BaseModel):
    """An error, as RFC 9457 problem details. `code` is the stable id of its kind: the same
    code always has the same title, and its detail the same wording."""

    type: str = Field(description="a URI reference naming the kind of problem: "
                      "/problems/{code}", examples=["/problems/invalid_request"])
    title: str = Field(description="the kind of problem, in a few words; the same for "
                       "every problem of this code")
    status: int = Field(ge=400, le=599, description="the HTTP status")
    detail: str = Field(description="this occurrence, in a sentence; never a value sent")
    instance: str = Field(description="this occurrence: the request id (X-Request-ID) as a "
                          "URN, to find it in the service's logs; never the path or query sent, "
                          "which may carry what the client typed",
                          examples=["urn:uuid:6f1c2b0e-8a54-4b43-9d3e-2f1a7c9e5b10"])
    code: str = Field(description="the stable id of the kind of problem, for programs and "
                      "translations", examples=["invalid_request"])
    errors: list[ErrorItem] = Field(default_factory=list, description="each field that is "
                                    "not valid, with what is allowed; empty for other kinds")
    current: str | None = Field(None, description="illegal_move and claim_closed: the "
                                "claim's status now")
    allowed: list[str] | None = Field(None, description="illegal_move and claim_closed: the "
                                      "statuses the claim may move to; empty once closed")


def problem(code: str, instance: str, *, errors: list[ErrorItem] | None = None,
            status: int | None = None, **fields: Any) -> Problem:
    """The problem of kind ``code``, its detail filled with ``fields``. ``current`` and
    ``allowed`` go into the body as members, and into the detail too."""
    kind = KINDS[code]
    extra = {k: fields[k] for k in ("current", "allowed") if k in fields}
    words = {k: ", ".join(v) if isinstance(v, list | tuple) else v for k, v in fields.items()}
    return Problem(type=kind.type, title=kind.title, status=status or kind.status,
                   detail=kind.detail.format(**words), instance=instance, code=code,
                   errors=errors or [], **extra)


def instance(route: str | None = None) -> str:
    """The request id as a URN; without one (an app without the request-id middleware), the
    route's template, never the path as sent."""
    found = correlation_id.get()
    if found:
        with contextlib.suppress(ValueError):
            return uuid.UUID(found).urn
    return route or "/"


def body(p: Problem) -> dict[str, Any]:
    return p.model_dump(exclude_none=True)


def response(p: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body(p), status_code=p.status, headers=headers, media_type=MEDIA_TYPE)


async def send(send_message: Any, code: str, *, retry_after: int | None = None,
               close: bool = False, **fields: Any) -> None:
    """Answer with the problem of kind ``code`` from ASGI middleware, below the app's own
    error handlers (body limits, rate limits, overload, the audit log)."""
    found = problem(code, instance(), **fields)
    payload = json.dumps(body(found)).encode()
    headers = [(b"content-type", MEDIA_TYPE.encode()),
               (b"content-length", str(len(payload)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    if close:
        headers.append((b"connection", b"close"))
    await send_message({"type": "http.response.start", "status": found.status,
                        "headers": headers})
    await send_message({"type": "http.response.body", "body": payload})
