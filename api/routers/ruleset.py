"""GET /v1/ruleset: which rules are serving, and whether the last reload failed.
POST /v1/ruleset/reload: load the rules directory again, without a restart."""

from __future__ import annotations

import hmac
from collections import Counter
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, Header, Request

from api.auth import is_admin_key, open_access, presented_key
from api.deps import HolderDep
from api.errors import NotAllowed, Unauthenticated
from api.holder import RulesetHolder
from api.problems import Problem
from api.rollout import record_accepted, record_request, workers
from api.routers import OPEN
from api.schemas import LoadFailureOut, RuleErrorOut, RulesetPublic, WorkerServing
from api.settings import Settings
from service.errors import ReloadRefused

router = APIRouter(prefix="/v1/ruleset", tags=["ruleset"])
_LOOPBACK = {"127.0.0.1", "::1"}
# A proxy names the original caller in these; a request that carries any of them came
# through a proxy, and its peer address says nothing about who sent it.
_FORWARDED = (b"forwarded", b"x-forwarded-for", b"x-real-ip", b"x-forwarded-host")


def require_admin(request: Request,
                  authorization: Annotated[str | None, Header()] = None) -> None:
    """The admin token (compared in constant time) or an admin's API key, always. Only with
    ADHIKAR_ALLOW_LOCAL_RELOAD=true does a request from this machine, with no credential and
    not through a proxy, reload without one."""
    settings: Settings = request.app.state.settings
    key = presented_key(request)
    if key is None:
        if settings.allow_local_reload and _from_this_machine(request):
            return
        raise Unauthenticated("admin_credential_missing")
    if settings.admin_token is not None:
        expected = settings.admin_token.get_secret_value().encode()
        if hmac.compare_digest(key.encode(), expected):
            return
    if is_admin_key(request, key):
        return
    raise NotAllowed("reload_not_allowed")


def _from_this_machine(request: Request) -> bool:
    headers = dict(request.scope.get("headers", ()))
    if any(name in headers for name in _FORWARDED):
        return False
    client = request.scope.get("client")
    return client is not None and client[0] in _LOOPBACK


@router.get("", dependencies=[Depends(open_access)], responses=OPEN)
def get_ruleset(holder: HolderDep, request: Request) -> RulesetPublic:
    """Version, digest of all rule files, counts and load time; the last failed reload; and
    which digest each worker process serves."""
    return describe(holder, _workers(request))


@router.post("/reload", dependencies=[Depends(require_admin)], responses={
    401: {"model": Problem, "description": "no credential"},
    403: {"model": Problem, "description": "a credential that is neither the admin token "
          "nor an admin's API key"},
    409: {"model": Problem, "description": "the rules on disk are invalid or an example "
          "fails; the rules loaded before keep serving"}})
async def reload_ruleset(holder: HolderDep, request: Request) -> RulesetPublic:
    """Load and check the whole rules directory and run every example; swap the new rules in
    only if all of that passes. The other worker processes follow within about a second
    (GET /v1/ruleset lists the digest each serves)."""
    await anyio.to_thread.run_sync(record_request, request.app.state.db, holder,
                                   request.app.state.follower)
    failure = await anyio.to_thread.run_sync(holder.reload)
    if failure is not None:
        raise ReloadRefused(list(failure.errors))
    await anyio.to_thread.run_sync(record_accepted, request.app.state.db, holder)
    return describe(holder, await anyio.to_thread.run_sync(_workers, request))


def _workers(request: Request) -> list[WorkerServing] | None:
    settings: Settings = request.app.state.settings
    beats = workers(request.app.state.db, settings.ruleset_poll_seconds)
    if beats is None:
        return None
    return [WorkerServing(worker=b.id, version=b.version, digest=b.digest, seen_at=b.seen_at)
            for b in beats]


def describe(holder: RulesetHolder,
             serving: list[WorkerServing] | None = None) -> RulesetPublic:
    rules = holder.current
    counts: dict[str, int] = dict(Counter(e.domain for e in rules.entitlements.values()))
    counts |= {"entitlements": len(rules.entitlements), "facts": len(rules.facts),
               "derived_facts": len(rules.derived), "offices": len(rules.offices),
               "documents": len(rules.documents)}
    failure = holder.last_failure
    return RulesetPublic(
        name=rules.name, version=rules.version, digest=rules.digest,
        loaded_at=holder.loaded_at, files=rules.files, counts=counts, workers=serving,
        last_failure=None if failure is None else LoadFailureOut(
            at=failure.at, errors=[RuleErrorOut(file=e.file, line=e.line, col=e.col,
                                                code=e.code, message=e.text)
                                   for e in failure.errors]))
