"""Reading a condition tree directly: its value, and which unknown facts it waits for.

A tree walk, used on the slow path only (explanations, and results that came out unknown);
the fast paths are ``codegen``'s generated functions and ``compile``'s closures, and tests
check that they agree. For ``all`` and ``any`` only the undecided operands count: a true
operand of ``all`` or a false operand of ``any`` cannot change the outcome.
"""

from __future__ import annotations

from service.expr import kleene, nodes
from service.expr.compile import OPERATORS, Facts
from service.expr.kleene import UNKNOWN, Tri
from service.expr.nodes import Node


def value(node: Node, facts: Facts) -> Tri:
    """The Kleene value of ``node`` for ``facts``: an absent fact is unknown."""
    if isinstance(node, nodes.Fact):
        return kleene.Tri.of(bool(facts[node.name])) if node.name in facts else UNKNOWN
    if isinstance(node, nodes.Compare):
        if node.fact not in facts:
            return UNKNOWN
        return kleene.Tri.of(OPERATORS[node.op](facts[node.fact], node.literal))
    if isinstance(node, nodes.HasAny):
        if node.fact not in facts:
            return UNKNOWN
        return kleene.Tri.of(not node.values.isdisjoint(facts[node.fact]))
    if isinstance(node, nodes.Derived):
        return value(node.node, facts)
    if isinstance(node, nodes.Not):
        return kleene.not_(value(node.operand, facts))
    values = [value(operand, facts) for operand in node.operands]
    return kleene.and_(*values) if isinstance(node, nodes.All) else kleene.or_(*values)


def unknown_facts(node: Node, facts: Facts) -> tuple[str, ...]:
    """The base facts, absent from ``facts``, that would decide ``node``; in reading order."""
    if value(node, facts) is not UNKNOWN:
        return ()
    return waiting_on(node, facts)


def waiting_on(node: Node, facts: Facts) -> tuple[str, ...]:
    """``unknown_facts`` for a node already known to be undecided: skips checking that."""
    found: dict[str, None] = {}
    _walk(node, facts, found)
    return tuple(found)


def _walk(node: Node, facts: Facts, found: dict[str, None]) -> None:
    if isinstance(node, nodes.Fact):
        if node.name not in facts:
            found.setdefault(node.name, None)
    elif isinstance(node, nodes.Compare | nodes.HasAny):
        if node.fact not in facts:
            found.setdefault(node.fact, None)
    elif isinstance(node, nodes.Derived):
        _walk(node.node, facts, found)
    elif isinstance(node, nodes.Not):
        _walk(node.operand, facts, found)
    else:
        for operand in node.operands:
            if value(operand, facts) is UNKNOWN:
                _walk(operand, facts, found)
