"""(ruleset, facts, date) -> every entitlement in force, with status, amounts, papers, offices.

Pure: the caller supplies the date (``as_of``) and checked facts (``profile.coerce_profile``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping
from typing import Any

from service.engine import amounts, explain, offices, questions
from service.engine.offices import Place
from service.engine.result import (
    DocumentResult,
    EntitlementResult,
    Evaluation,
    OfficeRef,
    RulesetRef,
    StepResult,
    TimeLimitResult,
    VersionRef,
)
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.rules.ruleset import Entitlement, Ruleset, Version

STATUS = {TRUE: "eligible", FALSE: "not_eligible", UNKNOWN: "needs_info"}


def statuses(ruleset: Ruleset, facts: Mapping[str, Any], as_of: dt.date) -> dict[str, Tri]:
    """The fast path: only each entitlement's three-valued status."""
    out = {}
    for ent in ruleset.entitlements.values():
        version = ent.version_on(as_of)
        if version is not None:
            out[ent.id] = version.fn(facts)
    return out


def evaluate(ruleset: Ruleset, facts: Mapping[str, Any], as_of: dt.date, *,
             documents_held: Collection[str] | None = None, place: Place | None = None,
             domains: Collection[str] | None = None) -> Evaluation:
    """The full answer for one profile on ``as_of``."""
    place = place or Place(state=facts.get("state"))
    results = []
    for ent in ruleset.entitlements.values():
        if domains is not None and ent.domain not in domains:
            continue
        version = ent.version_on(as_of)
        if version is not None:
            results.append(entitlement_result(ruleset, ent, version, facts,
                                              documents_held, place))
    counts = Counter(r.status for r in results)
    return Evaluation(
        ruleset=ruleset_ref(ruleset), as_of=as_of,
        counts={s: counts.get(s, 0) for s in ("eligible", "not_eligible", "needs_info")},
        results=results, questions=questions.next_questions(ruleset, results))


def ruleset_ref(ruleset: Ruleset) -> RulesetRef:
    return RulesetRef(name=ruleset.name, version=ruleset.version, digest=ruleset.digest)


def entitlement_result(ruleset: Ruleset, ent: Entitlement, version: Version,
                       facts: Mapping[str, Any], documents_held: Collection[str] | None,
                       place: Place) -> EntitlementResult:
    status = version.fn(facts)
    missing: dict[str, None] = {}
    if status is UNKNOWN:
        for clause in version.clauses:
            missing.update(dict.fromkeys(explain.clause_unknowns(clause, facts)))
    benefits = [amounts.benefit_result(b, facts, status) for b in version.benefits]
    return EntitlementResult(
        entitlement=ent.id, title=version.title or ent.title, domain=ent.domain,
        summary=ent.summary, status=STATUS[status], missing=list(missing),
        reasons=explain.reasons(version.clauses, facts, status),
        benefits=benefits,
        documents=[_document(ruleset, d, documents_held, place) for d in version.documents],
        office=offices.office_result(ruleset, version.office, place),
        pays=offices.office_result(ruleset, version.pays, place) if version.pays else None,
        time_limits=[_time_limit(ruleset, t, place) for t in version.time_limits],
        steps=[StepResult(action=s.action, office=_office_ref(ruleset, s.office, place))
               for s in version.steps],
        version=VersionRef(valid_from=version.valid_from, valid_until=version.valid_until,
                           title=version.title, verified=version.verified, note=version.note,
                           legal_basis=list(version.legal_basis)),
        verified=version.verified and all(b.verified for b in benefits),
    )


def _office_ref(ruleset: Ruleset, office_id: str | None, place: Place) -> OfficeRef | None:
    if office_id is None:
        return None
    return offices.office_ref(ruleset.offices[office_id], place)


def _document(ruleset: Ruleset, doc_id: str, held: Collection[str] | None,
              place: Place) -> DocumentResult:
    doc = ruleset.documents[doc_id]
    return DocumentResult(id=doc.id, name=doc.name,
                          issued_by=offices.office_ref(ruleset.offices[doc.issued_by], place),
                          held=None if held is None else doc_id in held)


def _time_limit(ruleset: Ruleset, limit: Any, place: Place) -> TimeLimitResult:
    return TimeLimitResult(label=limit.label, days=limit.days, months=limit.months,
                           starts=limit.start, cite=limit.cite,
                           office=_office_ref(ruleset, limit.office, place))
