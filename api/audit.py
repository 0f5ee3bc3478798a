"""Every read and write of case data leaves a line in the audit log: the key, its
organisation, the route (method and template), the record's id, the time and the status.
Never the data itself, nor the case reference.

An ASGI middleware on the case-data routes (screenings, claims, case erasure): it holds the
answer (these are small JSON documents), and once the handler has finished and a key was
accepted, writes the line, and only then sends the answer. If the line cannot be written,
the answer is a 503 instead: no unaudited read.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import problems
from service.errors import StoreUnavailable
from service.store import audit
from service.store.database import Database
from service.store.keys import Principal

log = logging.getLogger("adhikar.api")
CASE_DATA = re.compile(r"^/v1/(screenings|claims|cases)(/|$)")
_ID = re.compile(r"^[0-9a-f]{32}$")


class AuditTrail:
    def __init__(self, app: ASGIApp, db: Database) -> None:
        self.app = app
        self.db = db

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not CASE_DATA.match(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        # The answer is held until the line is written: the request's own database session
        # (SQLite's write lock with it) ends only when the handler has finished.
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)
        start = next((m for m in held if m["type"] == "http.response.start"), None)
        principal = scope.get("state", {}).get("principal")
        if start is not None and isinstance(principal, Principal):
            try:
                await anyio.to_thread.run_sync(self._record, scope, start, principal)
            except StoreUnavailable:
                await _unavailable(send)
                return
        for message in held:
            await send(message)

    def _record(self, scope: Scope, message: Message, principal: Principal) -> None:
        with self.db.session() as session:
            audit.record(session, key_id=principal.key_id, org=principal.org,
                         action=_action(scope), object_id=_object_id(scope, message),
                         status=int(message["status"]), now=dt.datetime.now(dt.UTC))


def _action(scope: Scope) -> str:
    route = scope.get("route")
    template = getattr(route, "path", None) or "?"
    return f"{scope.get('method', '?')} {template}"


def _object_id(scope: Scope, message: Message) -> str | None:
    for value in scope.get("path_params", {}).values():
        if isinstance(value, str) and _ID.match(value):
            return value
    for name, value in message.get("headers", []):
        if name.lower() == b"location":
            last = value.decode("latin-1").rstrip("/").rsplit("/", 1)[-1]
            return last if _ID.match(last) else None
    return None


async def _unavailable(send: Send) -> None:
    await problems.send(send, "audit_unavailable", retry_after=5)
