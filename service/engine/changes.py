"""What would change the answer: for a result that is not eligible, the smallest changes of
facts she can act on that make it eligible; for one that needs information, where each answer
to its next question leads.

Found from the conditions, never written by hand: a bounded search over the values the
conditions tell apart (``Version.boundary_values``). Only facts marked ``can_change`` in
facts.yaml are changed, and a yes/no fact only to yes: acting (enrolling, joining, getting a
certificate issued) makes it true, and undoing it (leaving school) is never advice to give.
A suggestion must make the entitlement eligible outright, not merely undecided.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from service.engine.result import Change, FactValue, Outcome
from service.engine.settle import settle_open
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.rules import model
from service.rules.ruleset import FactDef, Version
from service.text import plain
from service.text.words import Words

MAX_FACTS = 2  # a change of more facts at once is a plan, not a suggestion
MAX_CHANGES = 3
MAX_TRIES = 256  # evaluations per result, whatever the rules: keeps an answer cheap

STATUS: dict[Tri, model.Status] = {TRUE: "eligible", FALSE: "not_eligible",
                                   UNKNOWN: "needs_info"}


def resolve(version: Version, facts: Mapping[str, Any]) -> tuple[Tri, list[str]]:
    """The status of ``version`` for ``facts`` as an answer gives it (three-valued, then
    settled where that leaves it open), with the facts it still waits for."""
    status = version.fn(facts)
    if status is not UNKNOWN:
        return status, []
    return settle_open(version, facts)


def changes(version: Version, facts: Mapping[str, Any], fact_defs: Mapping[str, FactDef],
            words: Words, acting: Collection[str] | None = None) -> list[Change]:
    """For a version that does not hold: up to ``MAX_CHANGES`` sets of at most ``MAX_FACTS``
    changeable facts, each with values that make it hold; fewest facts first, and no set
    that contains a smaller one already found. ``acting``: ``changeable(version,
    fact_defs)``, when the caller keeps it."""
    axes = _axes(version, facts, fact_defs,
                 changeable(version, fact_defs) if acting is None else acting)
    if not axes:
        return []
    found: list[dict[str, Any]] = []
    tries = 0
    for size in range(1, MAX_FACTS + 1):
        for names in itertools.combinations(axes, size):
            if any(set(f) <= set(names) for f in found):
                continue  # not the smallest: a part of it is enough
            for combo in itertools.product(*(axes[n] for n in names)):
                tries += 1
                if tries > MAX_TRIES:
                    return _changes(found, words)
                trial = {**facts, **dict(zip(names, combo, strict=True))}
                if resolve(version, trial)[0] is TRUE:
                    found.append(dict(zip(names, combo, strict=True)))
                    if len(found) == MAX_CHANGES:
                        return _changes(found, words)
    return _changes(found, words)


def changeable(version: Version, fact_defs: Mapping[str, FactDef]) -> tuple[str, ...]:
    """The facts she can act on that the version's conditions read."""
    return tuple(name for name in version.boundary_values
                 if (d := fact_defs.get(name)) is not None and d.can_change)


def _axes(version: Version, facts: Mapping[str, Any], fact_defs: Mapping[str, FactDef],
          acting: Collection[str]) -> dict[str, list[Any]]:
    """Each fact of ``acting`` (those she can act on) worth trying, with the values to try
    for it; empty when no change of those facts can make the version hold."""
    if not acting:
        return {}
    wanted: dict[str, None] = {}
    for clause in version.clauses:
        value = clause.fn(facts)
        if value is TRUE:
            continue  # what it reads need not change
        read = [name for name in clause.facts if name in acting]
        if value is FALSE and not read:
            return {}  # it fails, and nothing she can act on is in it
        wanted.update(dict.fromkeys(read))
    axes = {}
    for name in wanted:
        values = _values(fact_defs[name], version.boundary_values[name], facts.get(name))
        if values:
            axes[name] = values
    return axes


def _values(fact: FactDef, candidates: tuple[Any, ...], now: Any) -> list[Any]:
    if fact.kind == "bool":
        return [] if now is True else [True]
    values = [v for v in candidates if v != now]
    if now is not None and fact.kind in ("int", "date"):
        values.sort(key=lambda v: abs(v - now))  # the nearest first
    return values


def _changes(found: list[dict[str, Any]], words: Words) -> list[Change]:
    return [Change(facts={name: _json(value) for name, value in change.items()},
                   words=plain.capital(words.msg("change.once", changes=words.every(
                       [_said(name, value, words) for name, value in change.items()]))))
            for change in found]


def _said(fact: str, value: Any, words: Words) -> str:
    if isinstance(value, bool):
        said = words.says(fact, value)
        if said is not None:
            return said
        return words.value(fact, value)
    if isinstance(value, frozenset):
        shown = words.every(sorted(words.value(fact, v) for v in value))
    else:
        shown = words.value(fact, value)
    return words.msg("reason.is", label=words.label(fact), actual=shown)


def _json(value: Any) -> FactValue:
    return sorted(value) if isinstance(value, frozenset) else value


def outcomes(version: Version, facts: Mapping[str, Any], fact: FactDef,
             candidates: tuple[Any, ...]) -> list[Outcome]:
    """The status each answer to ``fact`` leads to, the answers grouped by status. A number or
    a date is answered in ranges (the values between two the conditions tell apart all lead to
    the same status); a set of values is not answered here (too many answers to list)."""
    if fact.kind == "set":
        return []
    if fact.kind in ("bool", "enum"):
        grouped: dict[model.Status, list[bool | str]] = {}
        for v in candidates if fact.kind == "enum" else (True, False):
            grouped.setdefault(STATUS[resolve(version, {**facts, fact.name: v})[0]], []).append(v)
        return [Outcome(status=status, values=values) for status, values in grouped.items()]
    return list(_ranges(version, facts, fact, sorted(candidates)))


def _ranges(version: Version, facts: Mapping[str, Any], fact: FactDef,
            points: list[Any]) -> Iterator[Outcome]:
    step: Any = 1 if fact.kind == "int" else dt.timedelta(days=1)
    statuses = [STATUS[resolve(version, {**facts, fact.name: p})[0]] for p in points]
    start = 0
    for i in range(1, len(points) + 1):
        if i < len(points) and statuses[i] == statuses[start]:
            continue
        low = fact.min if start == 0 else points[start]
        high = fact.max if i == len(points) else points[i] - step
        yield Outcome(status=statuses[start], low=low, high=high)
        start = i
