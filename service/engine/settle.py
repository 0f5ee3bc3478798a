"""Settling what three-valued logic leaves open.

Kleene logic cannot see that `area == 'rural' or area in ['urban', 'metro']` holds whatever the
area is: it answers unknown. When an answer is unknown and only a few facts are missing, try
every combination of the values that matter for them (``Version.boundary_values``): if all give the
same answer, that is the answer; otherwise keep as missing only the facts that can change it.
Bounded, so that it stays cheap; beyond the bound the Kleene answer stands.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from service.engine import explain
from service.expr.kleene import UNKNOWN, Tri
from service.rules.ruleset import Version

MAX_COMPLETIONS = 256


def settle_open(version: Version, facts: Mapping[str, Any]) -> tuple[Tri, list[str]]:
    """(status, missing) for a version whose Kleene status is unknown: the facts its clauses
    wait for, then ``settle``."""
    missing: dict[str, None] = {}
    for clause in version.clauses:
        missing.update(dict.fromkeys(explain.clause_unknowns(clause, facts)))
    return settle(version, facts, list(missing))


def settle(version: Version, facts: Mapping[str, Any],
           missing: list[str]) -> tuple[Tri, list[str]]:
    """(status, missing) for a version whose Kleene status is unknown."""
    if version.repeated.isdisjoint(missing):
        # Each missing fact is read once: then three-valued logic is already exact, and so
        # is the list of facts it waits for.
        return UNKNOWN, missing
    axes = [version.boundary_values[name] for name in missing]
    size = 1
    for axis in axes:
        size *= len(axis)
        if size > MAX_COMPLETIONS:
            return UNKNOWN, missing
    given = dict(facts)
    table: dict[tuple[Any, ...], Tri] = {}
    for combo in itertools.product(*axes):
        given.update(zip(missing, combo, strict=True))
        table[combo] = version.fn(given)
    first = next(iter(table.values()))
    if first is not UNKNOWN and all(outcome is first for outcome in table.values()):
        return first, []  # compared by identity: hashing a Tri is slow
    return UNKNOWN, [name for i, name in enumerate(missing) if _matters(table, i)]


def _matters(table: dict[tuple[Any, ...], Tri], index: int) -> bool:
    """Whether changing the fact at ``index`` alone changes the outcome somewhere."""
    seen: dict[tuple[Any, ...], Tri] = {}
    for combo, outcome in table.items():
        rest = combo[:index] + combo[index + 1:]
        first = seen.setdefault(rest, outcome)
        if first is not outcome:
            return True
    return False
