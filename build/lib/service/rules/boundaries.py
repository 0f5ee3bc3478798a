"""The values of a fact that a set of conditions can tell apart.

Conditions only compare a fact with literals, so the literals (and one either side of each)
split a fact's range into every region the conditions distinguish: trying those values is
as good as trying them all. Lint uses this to find conditions that can never hold; the engine
to settle an answer that three-valued logic alone leaves open.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from service.expr import nodes
from service.expr.nodes import Node
from service.rules.ruleset import FactDef

MAX_SET_VALUES = 10


def candidates(fact: FactDef, literals: Iterable[Any]) -> list[Any]:
    """Values of ``fact`` that between them meet every region ``literals`` mark out."""
    if fact.kind == "bool":
        return [True, False]
    if fact.kind == "enum":
        return list(fact.values)
    if fact.kind == "set":
        named = sorted(v for v in literals if isinstance(v, str))[:MAX_SET_VALUES]
        return [frozenset(c) for r in range(len(named) + 1)
                for c in itertools.combinations(named, r)]
    step: Any = 1 if fact.kind == "int" else dt.timedelta(days=1)
    points: set[Any] = set()
    for v in literals:
        points.update((v - step, v, v + step))
    if fact.kind == "int":
        low = fact.min if fact.min is not None else min(points, default=0) - 1
        high = fact.max if fact.max is not None else max(points, default=0) + 1
        points = {p for p in points if low <= p <= high} | {low, high}
    return sorted(points) or [0]


def literals(node: Node) -> Iterator[tuple[str, set[Any]]]:
    """(fact, the literals it is compared with) for every leaf under ``node``."""
    for leaf in nodes.leaves(node):
        if isinstance(leaf, nodes.Fact):
            yield leaf.name, set()
        elif isinstance(leaf, nodes.Compare):
            lit = leaf.literal
            yield leaf.fact, set(lit) if isinstance(lit, frozenset) else {lit}
        else:
            yield leaf.fact, set(leaf.values)


def repeated(leaves: Iterable[Node]) -> frozenset[str]:
    """The facts read in more than one place (derived facts expanded)."""
    seen: set[str] = set()
    twice: set[str] = set()
    for leaf in leaves:
        for fact, _ in literals(leaf):
            (twice if fact in seen else seen).add(fact)
    return frozenset(twice)


def gather(leaves: Iterable[Node]) -> dict[str, tuple[Any, ...]]:
    """Every fact the leaves read, with all the literals it is compared with."""
    found: dict[str, set[Any]] = {}
    for leaf in leaves:
        for fact, values in literals(leaf):
            found.setdefault(fact, set()).update(values)
    return {fact: tuple(sorted(values, key=repr)) for fact, values in found.items()}
