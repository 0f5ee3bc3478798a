"""(ruleset, facts, date) -> every compensation route the rules give, and where each stands.

Pure: the caller supplies the date (``as_of``) and checked facts (``profile.coerce_profile``).
The routes are data in the rule files (``routes:`` in a version); this walks them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from service.compensation import deadlines, status, wording
from service.compensation.interactions import Web
from service.compensation.result import (
    STATUSES,
    DueDate,
    LegalBasisResult,
    RouteQuestion,
    RouteResult,
    RoutesAnswer,
    VersionUsed,
)
from service.engine import amounts
from service.engine.case import Case
from service.engine.evaluate import document_result, ruleset_ref
from service.engine.offices import OfficeBook, Place
from service.engine.result import FactValue, OfficeName, StepResult
from service.expr.kleene import FALSE, TRUE
from service.rules.ruleset import Entitlement, Route, Ruleset, Version
from service.text.words import Words

Facts = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class _Found:
    """One route of the version used, and where it stands."""

    entitlement: Entitlement
    version: Version
    used: VersionUsed
    route: Route
    decision: status.Decision

    @property
    def qid(self) -> str:
        return f"{self.entitlement.id}/{self.route.id}"


def routes_for(ruleset: Ruleset, case: Case, as_of: dt.date, *,
               words: Words | None = None) -> RoutesAnswer:
    """``routes`` for a ``Case``: its facts, documents and place."""
    return routes(ruleset, case.facts, as_of, documents_held=case.documents_held,
                  place=case.place, words=words)


def routes(ruleset: Ruleset, facts: Facts, as_of: dt.date, *,
           documents_held: Collection[str] | None = None,
           place: Place | None = None, words: Words | None = None) -> RoutesAnswer:
    """Every route of every entitlement with a version in force for this case, in the
    language of ``words`` (English when not given)."""
    book = OfficeBook(ruleset, place or Place(state=facts.get("state")), words)
    found = list(_decided(ruleset, facts, as_of, book.words))
    rank = {s: i for i, s in enumerate(STATUSES)}
    found.sort(key=lambda f: rank[f.decision.status])  # stable: rule order within a status
    web = Web.of(ruleset, {f.qid: f.route for f in found},
                 {f.qid: f.decision.status for f in found}, book.words)
    results = [_result(book, web, f, facts, as_of, documents_held) for f in found]
    counts = Counter(r.status for r in results)
    return RoutesAnswer(ruleset=ruleset_ref(ruleset), as_of=as_of,
                        language=book.words.language,
                        counts={s: counts.get(s, 0) for s in STATUSES}, routes=results,
                        facts=_relied_on(ruleset, facts, found, results),
                        questions=_questions(ruleset, results, book.words))


def _decided(ruleset: Ruleset, facts: Facts, as_of: dt.date,
             words: Words) -> Iterator[_Found]:
    for ent in ruleset.entitlements.values():
        dated_by = ent.routes_dated_by if ent.routes_dated_by in facts else None
        day = facts[dated_by] if dated_by else as_of
        version = ent.version_on(day, facts.get("state"))
        if version is None:
            continue
        used = VersionUsed(valid_from=version.valid_from, valid_until=version.valid_until,
                           title=words.maybe(version.title), verified=version.verified,
                           note=version.note,
                           legal_basis=list(version.legal_basis), dated_by=dated_by or "as_of",
                           date=day)
        for route in version.routes:
            yield _Found(ent, version, used, route, status.decide(version, route, facts, words))


def _result(book: OfficeBook, web: Web, found: _Found, facts: Facts, as_of: dt.date,
            held: Collection[str] | None) -> RouteResult:
    ent, version, route, decision = found.entitlement, found.version, found.route, found.decision
    qid = found.qid
    by_label = {b.label: b for b in version.benefits}
    after = decision.facts
    entitled = version.fn(after)
    words = book.words
    interim = [amounts.benefit_result(by_label[x], after, entitled, words)
               for x in route.interim]
    final = [amounts.benefit_result(by_label[x], after, entitled, words) for x in route.final]
    limits = [deadlines.due_date(book, t.limit, route.forum, facts, as_of)
              for t in route.time_limits if t.when is None or t.when.fn(after) is not FALSE]
    return RouteResult(
        id=qid, entitlement=ent.id, route=route.id, label=words.t(route.label),
        title=words.t(version.title or ent.title), status=decision.status, missing=decision.missing,
        reasons=decision.reasons,
        opens_on=status.events(version, route, facts, decision, words),
        opened_on=status.opened_on(version, route, facts) if decision.status == "open" else None,
        forum=book.result(route.forum), payer=book.result(route.payer or version.pays
                                                          or route.forum),
        escalation=[book.ref(o.id) for o in book.ruleset.escalation(route.forum)],
        applicants=list(route.applicants),
        documents=[document_result(book, d, held) for d in route.documents],
        interim=interim, final=final, time_limits=limits,
        concurrent_with=web.concurrent(qid), offsets=web.offsets(qid),
        legal_basis=_legal_basis(version, route, facts, words), version=found.used,
        steps=_steps(book, route, decision, facts, limits),
        actionable=_actionable(route, decision, facts),
        verified=version.verified and route.verified and all(
            b.verified for b in (*interim, *final)),
        note=route.note)


def _legal_basis(version: Version, route: Route, facts: Facts,
                 words: Words) -> list[LegalBasisResult]:
    out = [LegalBasisResult(instrument=words.t(b.instrument), section=b.section, cite=b.cite,
                            condition=None, applies=True) for b in version.legal_basis]
    for rb in route.legal_basis:
        applies = True if rb.when is None else rb.when.fn(facts).to_json()
        if applies is not False:
            out.append(LegalBasisResult(
                instrument=words.t(rb.basis.instrument), section=rb.basis.section,
                cite=rb.basis.cite,
                condition=rb.when.text if rb.when else None, applies=applies))
    return out


def _steps(book: OfficeBook, route: Route, decision: status.Decision, facts: Facts,
           limits: list[DueDate]) -> list[StepResult]:
    """What to do next, in order; nothing for a closed route."""
    if decision.status == "closed":
        return []
    words = book.words
    steps: list[StepResult] = []
    if decision.status == "needs_info":
        questions = "; ".join(_question(book.ruleset, f, words) for f in decision.missing)
        steps.append(StepResult(action=words.msg("route.find_out", questions=questions),
                                office=None))
    for event in decision.awaited if decision.status == "not_yet_open" else ():
        steps.append(StepResult(action=words.msg("route.not_until", event=words.t(event.event)),
                                office=None))
    for step in route.steps:
        if step.when is None or step.when.fn(facts).to_json() is not False:
            steps.append(StepResult(action=words.t(step.action),
                                    office=book.name(step.office) if step.office else None))
    if decision.status == "open":
        steps += [_escalation(book, t, t.escalate_to) for t in limits
                  if t.escalate_to is not None]
    return steps


def _actionable(route: Route, decision: status.Decision, facts: Facts) -> bool:
    """Open, or not yet open with a step for now that brings about an awaited event: a step
    that applies only while the event is to come (``when: not cwc_recommended_relief``)."""
    if decision.status != "not_yet_open":
        return decision.status == "open"
    awaited = {name for event in decision.awaited for name in event.sets}
    return any(step.when is not None and set(step.when.facts) & awaited
               and step.when.fn(facts) is TRUE for step in route.steps)


def _escalation(book: OfficeBook, limit: DueDate, above: OfficeName) -> StepResult:
    """Where to go if the office has not acted in time, with that office's helplines."""
    words = book.words
    who = limit.office.name if limit.office else words.msg("route.the_office")
    action = words.msg("route.escalate", limit=limit.label, office=who,
                       when=wording.when_due(limit, words), above=above.name)
    lines = [words.msg("route.helpline", number=h.number, name=h.name)
             for h in book.ref(above.id).helplines]
    action = words.msg("route.or_call", escalate=action, lines=words.either(lines)) if lines \
        else action + "."
    return StepResult(action=action, office=above)


def _question(ruleset: Ruleset, fact: str, words: Words) -> str:
    return words.t(ruleset.facts[fact].question)


def _relied_on(ruleset: Ruleset, facts: Facts, found: list[_Found],
               results: list[RouteResult]) -> dict[str, FactValue]:
    """The profile's facts that decided a status, picked a version, dated an event or a time
    limit, or chose a provision."""
    read: set[str] = {name for r in results for reason in r.reasons for name in reason.seen}
    read |= {t.start_fact for r in results for t in r.time_limits if t.start_date and t.start_fact}
    read |= {e.date_fact for r in results for e in r.opens_on if e.date and e.date_fact}
    read |= {r.version.dated_by for r in results}
    read |= {name for f in found for b in f.route.legal_basis if b.when
             for name in b.when.facts}
    read |= {name for f in found for label in (*f.route.interim, *f.route.final)
             for name in _amount_facts(f.version, label)}
    order = list(ruleset.facts)
    return {name: _shown(facts[name]) for name in sorted(read & set(facts), key=order.index)}


def _shown(value: Any) -> FactValue:
    return sorted(value) if isinstance(value, frozenset) else value


def _amount_facts(version: Version, label: str) -> set[str]:
    """The facts that decide whether a benefit applies and how much it is."""
    benefit = next(b for b in version.benefits if b.label == label)
    clauses = [benefit.when, *(s.when for s in benefit.slabs)]
    return {name for c in clauses if c is not None for name in c.facts}


def _questions(ruleset: Ruleset, results: list[RouteResult],
               words: Words) -> list[RouteQuestion]:
    waiting = Counter(f for r in results if r.status == "needs_info" for f in r.missing)
    order = ruleset.fact_order
    out = []
    for name in sorted(waiting, key=lambda f: (-waiting[f], order[f])):
        fact = ruleset.facts[name]
        out.append(RouteQuestion(fact=name, question=_question(ruleset, name, words),
                                 type=fact.kind,
                                 values=list(fact.values) or None, routes=waiting[name]))
    return out

