"""Reasons: each clause of a version with the value it took and the facts it saw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from service.engine.result import FactValue, Reason
from service.expr import explain as expr_explain
from service.expr.kleene import UNKNOWN, Tri
from service.rules.ruleset import Clause
from service.text import plain
from service.text.words import Words

_MISSING = object()


def clause_unknowns(clause: Clause, facts: Mapping[str, Any]) -> tuple[str, ...]:
    """The facts, absent from ``facts``, that would decide an undecided clause."""
    if clause.fn(facts) is not UNKNOWN:
        return ()
    if clause.node is not None:
        return expr_explain.waiting_on(clause.node, facts)
    found: dict[str, None] = {}
    for child in clause.children:
        if child.fn(facts) is UNKNOWN:
            found.update(dict.fromkeys(clause_unknowns(child, facts)))
    return tuple(found)


def reasons(clauses: tuple[Clause, ...], facts: Mapping[str, Any], status: Tri, words: Words,
            *, settled: bool = False) -> list[Reason]:
    """The clauses that decided ``status``: all of them when it holds, else those that fail, or
    those still undecided. ``settled``: the status holds whatever the unknown facts are, so
    the clauses still undecided on their own are part of the reason too."""
    out = []
    for clause in clauses:
        value = clause.fn(facts)
        if value is status:
            out.append(reason(clause, value, facts, words))
        elif settled and value is UNKNOWN:
            found = reason(clause, value, facts, words)
            found.explanation += "; " + words.msg(
                "reason.whatever", facts=words.every([words.label(f) for f in found.unknown]))
            out.append(found)
    return out


def all_reasons(clauses: tuple[Clause, ...], facts: Mapping[str, Any],
                words: Words) -> list[Reason]:
    """Every clause, decisive or not: for `adhikar explain`."""
    return [reason(c, c.fn(facts), facts, words) for c in clauses]


def reason(clause: Clause, value: Tri, facts: Mapping[str, Any], words: Words) -> Reason:
    seen: dict[str, FactValue] = {}
    unknown: list[str] = []
    for name in clause.facts:
        fact = facts.get(name, _MISSING)
        if fact is _MISSING:
            unknown.append(name)
        else:
            seen[name] = sorted(fact) if type(fact) is frozenset else fact
    return Reason(clause=clause.text, cite=clause.cite, value=value.to_json(), seen=seen,
                  unknown=unknown, explanation=plain.clause(clause, value, facts, words))


def show_value(value: FactValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
