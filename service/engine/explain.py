"""Reasons: each clause of a version with the value it took and the facts it saw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from service.engine.result import FactValue, Reason
from service.expr import explain as expr_explain
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.rules.ruleset import Clause

_WORD = {TRUE: "true", FALSE: "false", UNKNOWN: "unknown"}


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


def reasons(clauses: tuple[Clause, ...], facts: Mapping[str, Any], status: Tri) -> list[Reason]:
    out = []
    for clause in clauses:
        value = clause.fn(facts)
        seen = {f: _json(facts[f]) for f in clause.facts if f in facts}
        unknown = [f for f in clause.facts if f not in facts]
        shown = ", ".join(f"{k} = {_show(v)}" for k, v in seen.items())
        text = f"{clause.text}: {_WORD[value]}" + (f" ({shown})" if shown else "")
        if unknown:
            text += "; not yet known: " + ", ".join(unknown)
        out.append(Reason(clause=clause.text, cite=clause.cite, value=value.to_json(),
                          decisive=value is status, seen=seen, unknown=unknown,
                          explanation=text))
    return out


def _json(value: Any) -> FactValue:
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value  # type: ignore[no-any-return]


def _show(value: FactValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
