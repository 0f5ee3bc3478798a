"""GET /v1/entitlements and /v1/entitlements/{id}: the rule base, as a caseworker reads it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import RulesetDep
from api.language import WordsDep
from api.routers import NOT_FOUND
from api.schemas import (
    BenefitOut,
    ConditionOut,
    DocumentOut,
    EntitlementPublic,
    EntitlementsPublic,
    EntitlementSummary,
    ParameterOut,
    ParameterValueOut,
    SlabOut,
    VersionOut,
    VersionSummary,
)
from service.engine.evaluate import ruleset_ref
from service.engine.offices import Place, office_ref
from service.errors import UnknownEntitlement
from service.rules import model
from service.rules.parameters import Parameter, Value
from service.rules.ruleset import Benefit, Entitlement, Ruleset, Version
from service.text import Words

router = APIRouter(prefix="/v1/entitlements", tags=["entitlements"])


@router.get("")
def list_entitlements(rules: RulesetDep, words: WordsDep,
                      domain: Annotated[model.Domain | None, Query()] = None) -> EntitlementsPublic:
    """Every entitlement with its versions and dates."""
    data = [_summary(e, words) for e in rules.entitlements.values()
            if domain is None or e.domain == domain]
    return EntitlementsPublic(ruleset=ruleset_ref(rules), data=data, count=len(data))


@router.get("/{entitlement_id}", responses=NOT_FOUND)
def get_entitlement(entitlement_id: str, rules: RulesetDep, words: WordsDep) -> EntitlementPublic:
    """One entitlement with all its versions: conditions, amounts, documents, offices, steps,
    legal basis and sources."""
    ent = rules.entitlements.get(entitlement_id)
    if ent is None:
        raise UnknownEntitlement(entitlement_id)
    return EntitlementPublic(ruleset=ruleset_ref(rules), id=ent.id, title=words.t(ent.title),
                             domain=ent.domain,
                             summary=words.t(ent.summary),
                             versions=[_version(rules, v, words) for v in ent.versions],
                             sources=list(ent.sources),
                             parameters=[_parameter(rules.parameters[p]) for p in ent.parameters])


def _summary(ent: Entitlement, words: Words) -> EntitlementSummary:
    return EntitlementSummary(
        id=ent.id, title=words.t(ent.title), domain=ent.domain, summary=words.t(ent.summary),
        versions=[VersionSummary(valid_from=v.valid_from, valid_until=v.valid_until,
                                 title=words.maybe(v.title), verified=v.verified)
                  for v in ent.versions])


def _version(rules: Ruleset, v: Version, words: Words) -> VersionOut:
    here = Place()
    return VersionOut(
        valid_from=v.valid_from, valid_until=v.valid_until, title=words.maybe(v.title),
        verified=v.verified, note=v.note,
        legal_basis=[b.model_copy(update={"instrument": words.t(b.instrument)})
                     for b in v.legal_basis],
        conditions=[ConditionOut(text=c.text, cite=c.cite) for c in v.clauses],
        keep=[ConditionOut(text=c.text, cite=c.cite) for c in v.keep],
        benefits=[_benefit(b, words) for b in v.benefits],
        office=office_ref(rules.offices[v.office], here, words),
        pays=office_ref(rules.offices[v.pays], here, words) if v.pays else None,
        documents=[DocumentOut(id=d, name=words.t(rules.documents[d].name),
                               issued_by=rules.documents[d].issued_by) for d in v.documents],
        time_limits=[t.model_copy(update={"label": words.t(t.label)}) for t in v.time_limits],
        steps=[s.model_copy(update={"action": words.t(s.action)}) for s in v.steps])


def _benefit(b: Benefit, words: Words) -> BenefitOut:
    return BenefitOut(
        label=words.t(b.label), kind=b.kind, unit=b.unit, period=b.period,
        when=b.when.text if b.when else None,
        amounts=[SlabOut(when=s.when.text if s.when else None, min=s.low, max=s.high,
                         cite=s.cite, verified=s.verified, note=s.note,
                         parameters=[f.parameter for f in s.figures]) for s in b.slabs],
        verified=b.verified, note=b.note, sources=list(b.sources))


def _parameter(p: Parameter) -> ParameterOut:
    return ParameterOut(name=p.name, description=p.description, unit=p.unit, file=p.file,
                        values=[_value(v) for v in p.national],
                        states={s: [_value(v) for v in series] for s, series in p.states.items()})


def _value(v: Value) -> ParameterValueOut:
    return ParameterValueOut(valid_from=v.start, valid_until=v.until, min=v.low, max=v.high,
                             instrument=v.instrument, provision=v.provision, verified=v.verified,
                             note=v.note, sources=list(v.sources))
