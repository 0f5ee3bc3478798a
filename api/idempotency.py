"""``Idempotency-Key`` on the POSTs that create things: a phone that lost the answer retries
with the same key and gets the first answer (status, body, ``Location``), marked
``Idempotent-Replayed: true``, and nothing is made twice. The same key with another request
is a 422; while the first is still running, a 409; once the record it made was erased
with its case, a 410, so that a retry never makes an erased record again. Keys are kept per
API key for a day (service/store/idempotency.py).

Used as a dependency: it claims the key before the handler runs, and the handler hands its
answer to ``Once.keep``. A handler that fails releases the key, so that a retry runs afresh.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, FastAPI, Header, Request, Response
from sqlmodel import Session

from api.auth import RecordsDep
from api.deps import SessionDep
from api.errors import Refused
from service.store import idempotency
from service.store.keys import Principal
from service.store.tables import Claim, Screening

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
JSON = "application/json"
KeyHeader = Annotated[str | None, Header(
    alias=HEADER, pattern=r"^[A-Za-z0-9._:+/=-]{8,128}$",
    description="a key you make for this request (a UUID, say): send the same key when you "
    "retry it, and within 24 hours you get the first answer again, not a second record. "
    "The same key with a different request is a 422")]


class Replay(Exception):
    """Raised by the dependency to answer with the first answer; api/errors answers it."""

    def __init__(self, response: Response) -> None:
        super().__init__("replay")
        self.response = response


@dataclass
class Once:
    """The key this request claimed, if it sent one."""

    session: Session
    key_id: str
    key: str | None

    def keep(self, response: Response, record: Screening | Claim) -> Response:
        """Keep the answer that made (or changed) ``record``; its case is kept with it, so
        that erasing the case erases the answer."""
        if self.key is not None and 200 <= response.status_code < 300:
            idempotency.keep(self.session, key_id=self.key_id, key=self.key,
                             status=response.status_code, body=bytes(response.body).decode(),
                             location=response.headers.get("location"), record=record,
                             now=dt.datetime.now(dt.UTC))
        return response


async def once(request: Request, principal: RecordsDep, session: SessionDep,
               key: KeyHeader = None) -> AsyncIterator[Once]:
    if key is None:
        yield Once(session, principal.key_id, None)
        return
    found = fingerprint(request.method, request.url.path, await request.body())
    claimed = await anyio.to_thread.run_sync(_claim, session, principal, key, found)
    if claimed.outcome == "mismatch":
        raise Refused("idempotency_key_reused", hours=idempotency.WINDOW_HOURS)
    if claimed.outcome == "busy":
        raise Refused("idempotency_key_in_use", headers={"Retry-After": "2"})
    if claimed.outcome == "erased":
        raise Refused("record_erased")
    if claimed.outcome == "replay":
        assert claimed.status is not None and claimed.body is not None
        headers = {REPLAYED: "true"} | ({"Location": claimed.location}
                                       if claimed.location else {})
        raise Replay(Response(claimed.body, status_code=claimed.status, media_type=JSON,
                              headers=headers))
    try:
        yield Once(session, principal.key_id, key)
    except BaseException:
        await anyio.to_thread.run_sync(_release, session, principal, key)
        raise


OnceDep = Annotated[Once, Depends(once)]


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What makes two requests the same: method, path and body; the same JSON however its
    keys are ordered or spaced is the same request."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = body.decode(errors="replace")
    return idempotency.digest(f"{method} {path}\n{canonical}".encode())


def _claim(session: Session, principal: Principal, key: str,
           request_hash: str) -> idempotency.Claimed:
    return idempotency.claim(session, key_id=principal.key_id, key=key,
                             request_hash=request_hash, now=dt.datetime.now(dt.UTC))


def _release(session: Session, principal: Principal, key: str) -> None:
    try:
        idempotency.release(session, key_id=principal.key_id, key=key)
    except Exception:
        session.rollback()  # the row is taken over as abandoned later


async def _replay(request: Request, exc: Replay) -> Response:
    return exc.response


def install(app: FastAPI) -> None:
    app.add_exception_handler(Replay, _replay)  # type: ignore[arg-type]
