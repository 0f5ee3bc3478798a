"""GET /v1/facts: the vocabulary, so that a caseworker app can build its form."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RulesetDep
from api.language import WordsDep
from api.schemas import FactOut, FactsPublic
from service.engine.evaluate import ruleset_ref

router = APIRouter(prefix="/v1/facts", tags=["facts"])


@router.get("")
def list_facts(rules: RulesetDep, words: WordsDep) -> FactsPublic:
    """Every fact a profile may carry (type, allowed values, unit, the question to ask, its
    name and values in words), then the derived facts and how each is computed."""
    data = [FactOut(name=f.name, type=f.kind, question=words.t(f.question),
                    description=f.description, unit=f.unit, values=list(f.values) or None,
                    min=f.min, max=f.max, derived=False, label=words.label(f.name),
                    value_labels={v: words.value(f.name, v) for v in f.values} or None)
            for f in rules.facts.values()]
    data += [FactOut(name=d.name, type="bool", question=words.maybe(d.question),
                     description=d.description, unit=None, values=None, min=None, max=None,
                     derived=True, expr=d.expr, label=words.label(d.name))
             for d in rules.derived.values()]
    return FactsPublic(ruleset=ruleset_ref(rules), data=data, count=len(data))
