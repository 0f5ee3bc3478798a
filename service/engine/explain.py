"""Reasons: each clause of a version with the value it took and the facts it saw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from service.engine.result import FactValue, Reason
from service.expr import explain as expr_explain
from service.expr.kleene import TRUE, UNKNOWN, Tri
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


# Reasons kept in a memo of one version's (``PartsCache.memo``): enough for the values its
# facts take in a caseload, little beside the rest of a worker.
MEMO_LIMIT = 256


def reasons(clauses: tuple[Clause, ...], facts: Mapping[str, Any], status: Tri, words: Words,
            *, settled: bool = False, cite: bool = True,
            memo: dict[Any, Reason] | None = None) -> list[Reason]:
    """The clauses that decided ``status``: all of them when it holds, else those that fail, or
    those still undecided. ``settled``: the status holds whatever the unknown facts are, so
    the clauses still undecided on their own are part of the reason too. ``cite``: False
    leaves out the provisions (a brief answer). ``status`` is what the clauses together
    give: when it holds and is not settled, every clause holds, and none is read again.

    ``memo`` (of these clauses, in ``words`` and with ``cite``): reasons met before, by the
    clause and the values of the facts it reads, which are all a reason says of the profile.
    What it gives is shared: read it, do not change it."""
    out = []
    held = status is TRUE and not settled  # then every clause holds: no need to read them
    for i, clause in enumerate(clauses):
        value = TRUE if held else clause.fn(facts)
        whatever = settled and value is UNKNOWN
        if value is not status and not whatever:
            continue
        if memo is None:
            out.append(_reason(clause, value, facts, words, whatever, cite))
            continue
        names = clause.facts  # most read one fact: its value alone, not a tuple of it
        key = (i, whatever, facts.get(names[0], _MISSING) if len(names) == 1
               else tuple([facts.get(name, _MISSING) for name in names]))
        found = memo.get(key)
        if found is None:
            found = _reason(clause, value, facts, words, whatever, cite)
            if len(memo) < MEMO_LIMIT:
                memo[key] = found
        out.append(found)
    return out


def _reason(clause: Clause, value: Tri, facts: Mapping[str, Any], words: Words, whatever: bool,
            cite: bool) -> Reason:
    found = reason(clause, value, facts, words)
    if whatever:
        found.explanation += "; " + words.msg(
            "reason.whatever", facts=words.every([words.label(f) for f in found.unknown]))
    if not cite:
        found.cite = None
    return found


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
