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
from api.errors import ErrorBody, NotAllowed
from api.holder import RulesetHolder
from api.routers import OPEN
from api.schemas import LoadFailureOut, RuleErrorOut, RulesetPublic
from api.settings import Settings
from service.errors import ReloadRefused

router = APIRouter(prefix="/v1/ruleset", tags=["ruleset"])
_LOCAL = {"127.0.0.1", "::1", "localhost"}


def require_admin(request: Request,
                  authorization: Annotated[str | None, Header()] = None) -> None:
    """The admin token, or an admin's API key; with neither configured, this machine."""
    settings: Settings = request.app.state.settings
    if settings.admin_token is not None and authorization is not None:
        expected = f"Bearer {settings.admin_token.get_secret_value()}"
        if hmac.compare_digest(authorization.encode(), expected.encode()):
            return
    key = presented_key(request)
    if key is not None and is_admin_key(request, key):
        return
    if settings.admin_token is None and key is None:
        host = request.client.host if request.client else ""
        if host in _LOCAL:
            return
        raise NotAllowed("reloading from another machine needs an admin's API key or "
                         "ADHIKAR_ADMIN_TOKEN")
    raise NotAllowed("this needs the admin token or an admin's API key: "
                     "Authorization: Bearer <token or key>")


@router.get("", dependencies=[Depends(open_access)], responses=OPEN)
def get_ruleset(holder: HolderDep) -> RulesetPublic:
    """Version, digest of all rule files, counts and load time; and the last failed reload."""
    return describe(holder)


@router.post("/reload", dependencies=[Depends(require_admin)], responses={
    403: {"model": ErrorBody, "description": "neither the admin token nor an admin's API "
          "key"},
    409: {"model": ErrorBody, "description": "the rules on disk are invalid or an example "
          "fails; the rules loaded before keep serving"}})
async def reload_ruleset(holder: HolderDep) -> RulesetPublic:
    """Load and check the whole rules directory and run every example; swap the new rules in
    only if all of that passes."""
    failure = await anyio.to_thread.run_sync(holder.reload)
    if failure is not None:
        raise ReloadRefused(list(failure.errors))
    return describe(holder)


def describe(holder: RulesetHolder) -> RulesetPublic:
    rules = holder.current
    counts: dict[str, int] = dict(Counter(e.domain for e in rules.entitlements.values()))
    counts |= {"entitlements": len(rules.entitlements), "facts": len(rules.facts),
               "derived_facts": len(rules.derived), "offices": len(rules.offices),
               "documents": len(rules.documents)}
    failure = holder.last_failure
    return RulesetPublic(
        name=rules.name, version=rules.version, digest=rules.digest,
        loaded_at=holder.loaded_at, files=rules.files, counts=counts,
        last_failure=None if failure is None else LoadFailureOut(
            at=failure.at, errors=[RuleErrorOut(file=e.file, line=e.line, col=e.col,
                                                code=e.code, message=e.text)
                                   for e in failure.errors]))
