"""Where one route stands: open, not yet open (and on which events), undecided, or closed.

A route is open when the entitlement holds and so do the route's own ``open_when`` clauses. It
is not open yet when it is shut now but would open once the events still awaited have happened:
each event says when it is still to come (``when``) and how the facts stand after it (``sets``),
so "would open" is worked out by evaluating the same conditions on the facts after the events,
not written by hand. It is closed when even every event that might still come would leave it
shut. Anything else waits on facts the profile does not have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from service.compensation.result import EventResult, RouteStatus
from service.engine import explain
from service.engine.result import Reason
from service.expr import kleene
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.rules.ruleset import Clause, Event, Route, Version
from service.text.words import Words

Facts = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Decision:
    status: RouteStatus
    reasons: list[Reason]
    missing: list[str]
    awaited: tuple[Event, ...]  # the events that would open it (or might, for needs_info)
    facts: Facts  # the facts to work its amounts out on: after the awaited events


def decide(version: Version, route: Route, facts: Facts, words: Words) -> Decision:
    clauses = (*version.clauses, *route.open_when)
    now = _holds(version, route, facts)
    if now is TRUE:
        return Decision("open", _reasons(clauses, facts, TRUE, words), [], (), facts)
    live = tuple(e for e in route.opens_on if e.when.fn(facts) is TRUE)
    maybe = tuple(e for e in route.opens_on if e.when.fn(facts) is UNKNOWN)
    after = _after(facts, live)
    if now is FALSE and _holds(version, route, after) is TRUE:
        why = (_reasons(clauses, facts, FALSE, words)
               + _reasons([e.when for e in live], facts, TRUE, words))
        return Decision("not_yet_open", why, [], live, after)
    if now is FALSE and _holds(version, route, _after(after, maybe)) is FALSE:
        why = _reasons(clauses, facts, FALSE, words)
        if version.fn(facts) is not FALSE:  # shut by the route's own clauses: say why for good
            why += _reasons([e.when for e in route.opens_on], facts, FALSE, words)
        return Decision("closed", why, [], (), facts)
    undecided = [*clauses, *(e.when for e in maybe)]
    missing: dict[str, None] = {}
    for clause in undecided:
        missing.update(dict.fromkeys(explain.clause_unknowns(clause, facts)))
    for clause in clauses:
        missing.update(dict.fromkeys(explain.clause_unknowns(clause, after)))
    return Decision("needs_info", _reasons(undecided, facts, UNKNOWN, words), list(missing),
                    live + maybe, facts)


def events(version: Version, route: Route, facts: Facts,
           decision: Decision) -> list[EventResult]:
    """Every event of the route, the awaited ones first. An event is awaited when it is still
    to come and would open the route (unknown when either is)."""
    awaited = decision.awaited
    ordered = [*awaited, *(e for e in route.opens_on if e not in awaited)]
    return [EventResult(event=e.event, condition=e.when.text,
                        awaited=e.when.fn(facts).to_json() if e in awaited else False,
                        happened=_happened(version, route, e, facts), date_fact=e.date_fact,
                        date=_date(facts, e.date_fact), cite=e.cite)
            for e in ordered]


def opened_on(version: Version, route: Route, facts: Facts) -> dt.date | None:
    """The day the last of its events happened, when the profile dates every one of them."""
    dated = [e.date_fact for e in route.opens_on
             if e.date_fact and _happened(version, route, e, facts)]
    days = [_date(facts, name) for name in dated]
    known = [d for d in days if d is not None]
    return max(known) if known and len(known) == len(days) else None


def _holds(version: Version, route: Route, facts: Facts) -> Tri:
    return kleene.and_(version.fn(facts), route.open_fn(facts))


def _after(facts: Facts, happened: Iterable[Event]) -> Facts:
    out = dict(facts)
    for event in happened:
        out.update(event.sets)
    return out


def _happened(version: Version, route: Route, event: Event, facts: Facts) -> bool:
    """It is no longer to come, and the conditions that read what it sets now hold: an
    acquittal has ended the trial as surely as the conviction an event `sets`."""
    if event.when.fn(facts) is not FALSE:
        return False
    touched = [c for c in (*version.clauses, *route.open_when) if set(c.facts) & set(event.sets)]
    return all(c.fn(facts) is TRUE for c in touched)


def _date(facts: Facts, name: str | None) -> dt.date | None:
    value = facts.get(name) if name else None
    return value if isinstance(value, dt.date) else None


def _reasons(clauses: Iterable[Clause], facts: Facts, value: Tri,
             words: Words) -> list[Reason]:
    return explain.reasons(tuple(clauses), facts, value, words)
