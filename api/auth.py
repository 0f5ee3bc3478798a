"""Who is asking: API keys sent as ``Authorization: Bearer <key>`` or ``X-API-Key``.

Screenings and claims need a caseworker's (or an admin's) key and show only the key's
organisation (an admin sees all); reports take any key. Eligibility and the catalogue are
open unless ``ADHIKAR_REQUIRE_KEY`` is set. A key checked in the last ``STALE_OK`` seconds
still opens the stateless endpoints while the database is down, so that they keep serving.
"""

from __future__ import annotations

import hashlib
import threading
import time
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.errors import NotAllowed, Unauthenticated
from api.settings import Settings
from service.errors import StoreUnavailable
from service.store import keys
from service.store.database import Database
from service.store.keys import Principal

STALE_OK = 600.0
_bearer = HTTPBearer(auto_error=False, scheme_name="bearer",
                     description="an API key: `Authorization: Bearer adk_...`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="apiKey",
                       description="or the same key in `X-API-Key`")


class KeyCache:
    """Keys recently found valid, by hash; used only when the database does not answer."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[Principal, float]] = {}
        self._lock = threading.Lock()

    def remember(self, key: str, principal: Principal | None) -> None:
        digest = hashlib.sha256(key.encode()).hexdigest()
        with self._lock:
            if principal is None:
                self._seen.pop(digest, None)
            else:
                self._seen[digest] = (principal, time.monotonic())

    def recall(self, key: str) -> Principal | None:
        with self._lock:
            found = self._seen.get(hashlib.sha256(key.encode()).hexdigest())
        if found is None or time.monotonic() - found[1] > STALE_OK:
            return None
        return found[0]


def presented_key(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("x-api-key") or None


def lookup(request: Request, key: str) -> Principal | None:
    """The key's principal (None if unknown or revoked); ``StoreUnavailable`` when the
    database does not answer."""
    if not keys.well_formed(key):
        return None
    db: Database = request.app.state.db
    cache: KeyCache = request.app.state.keys
    with db.session() as session:
        principal = keys.authenticate(session, key)
    cache.remember(key, principal)
    return principal


def get_principal(request: Request,
                  bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
                  header: Annotated[str | None, Security(_header)]) -> Principal:
    key = bearer.credentials if bearer else header
    if not key:
        raise Unauthenticated("key_missing")
    principal = lookup(request, key)
    if principal is None:
        raise Unauthenticated("key_invalid")
    request.state.principal = principal  # for the audit log (api/audit.py)
    return principal


def records_access(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if principal.role == "analyst":
        raise NotAllowed("role_not_allowed")
    return principal


async def open_access(request: Request) -> None:
    """Nothing, unless the service requires a key for everything. (async: the open path
    must not cost eligibility a hop to the thread pool.)"""
    settings: Settings = request.app.state.settings
    if not settings.require_key:
        return
    key = presented_key(request)
    if not key:
        raise Unauthenticated("key_missing")
    try:
        principal = await anyio.to_thread.run_sync(lookup, request, key)
    except StoreUnavailable:
        principal = request.app.state.keys.recall(key)
        if principal is None:
            raise
    if principal is None:
        raise Unauthenticated("key_invalid")


def is_admin_key(request: Request, key: str) -> bool:
    try:
        principal = lookup(request, key)
    except StoreUnavailable:
        return False
    return principal is not None and principal.role == "admin"


PrincipalDep = Annotated[Principal, Depends(get_principal)]
RecordsDep = Annotated[Principal, Depends(records_access)]
