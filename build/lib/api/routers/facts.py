"""GET /v1/facts: the vocabulary, so that a caseworker app can build its form."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RulesetDep
from api.schemas import FactOut, FactsPublic
from service.engine.evaluate import ruleset_ref

router = APIRouter(prefix="/v1/facts", tags=["facts"])


@router.get("")
def list_facts(rules: RulesetDep) -> FactsPublic:
    """Every fact a profile may carry (type, allowed values, unit, the question to ask), then
    the derived facts and how each is computed."""
    data = [FactOut(name=f.name, type=f.kind, question=f.question, description=f.description,
                    unit=f.unit, values=list(f.values) or None, min=f.min, max=f.max,
                    derived=False) for f in rules.facts.values()]
    data += [FactOut(name=d.name, type="bool", question=d.question, description=d.description,
                     unit=None, values=None, min=None, max=None, derived=True, expr=d.expr)
             for d in rules.derived.values()]
    return FactsPublic(ruleset=ruleset_ref(rules), data=data, count=len(data))
