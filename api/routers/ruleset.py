"""GET /v1/ruleset: which rules are serving, and whether the last reload failed."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter

from api.deps import HolderDep
from api.schemas import LoadFailureOut, RuleErrorOut, RulesetPublic

router = APIRouter(prefix="/v1/ruleset", tags=["ruleset"])


@router.get("")
def get_ruleset(holder: HolderDep) -> RulesetPublic:
    """Version, digest of all rule files, counts and load time."""
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
