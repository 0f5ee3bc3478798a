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
from typing import Any

from asgi_correlation_id import correlation_id
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from service.text import Words
from service.text.problems import KINDS

MEDIA_TYPE = "application/problem+json"




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
            status: int | None = None, words: Words | None = None, **fields: Any) -> Problem:
    """The problem of kind ``code``, its detail filled with ``fields``, its title and detail
    in the language of ``words`` (English when not given, or when not translated).
    ``current`` and ``allowed`` go into the body as members, and into the detail too."""
    kind = KINDS[code]
    extra = {k: fields[k] for k in ("current", "allowed") if k in fields}
    filled = {k: ", ".join(v) if isinstance(v, list | tuple) else v for k, v in fields.items()}
    title, detail = kind.title, kind.detail.format(**filled)
    if words is not None:
        title = words.t(kind.title)
        with contextlib.suppress(KeyError, IndexError, ValueError):  # a broken translation
            detail = words.t(kind.detail).format(**filled)
    return Problem(type=kind.type, title=title, status=status or kind.status,
                   detail=detail, instance=instance, code=code, errors=errors or [], **extra)


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
