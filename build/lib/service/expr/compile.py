"""A checked condition tree -> a closure over a profile's facts, built once at load.

A fact absent from the mapping is unknown. ``all`` and ``any`` stop at the first operand that
decides them. The closures return ``kleene.Tri``; compare with ``is``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from service.expr import nodes
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.expr.nodes import Node

Facts = Mapping[str, Any]
Compiled = Callable[[Facts], Tri]

_MISSING = object()
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge,
    "in": lambda v, lit: v in lit, "not in": lambda v, lit: v not in lit,
    "contains": lambda v, lit: lit in v, "not contains": lambda v, lit: lit not in v,
}


def compile_node(node: Node) -> Compiled:
    if isinstance(node, nodes.Compare):
        return _compare(node)
    if isinstance(node, nodes.Fact):
        return _fact(node.name)
    if isinstance(node, nodes.Derived):
        return compile_node(node.node)
    if isinstance(node, nodes.HasAny):
        return _has_any(node)
    if isinstance(node, nodes.Not):
        return _not(compile_node(node.operand))
    if isinstance(node, nodes.All):
        return all_of(tuple(compile_node(n) for n in node.operands))
    return any_of(tuple(compile_node(n) for n in node.operands))


def _compare(node: nodes.Compare) -> Compiled:
    # One closure per operator, with the test written out: this is the engine's hot path, and
    # a call through ``operator.lt`` costs as much as the rest of the closure.
    name, literal, missing = node.fact, node.literal, _MISSING
    op = node.op
    if op == "==":
        def eq(facts: Facts) -> Tri:
            value = facts.get(name, missing)
            return UNKNOWN if value is missing else TRUE if value == literal else FALSE
        return eq
    if op == "!=":
        def ne(facts: Facts) -> Tri:
            value = facts.get(name, missing)
            return UNKNOWN if value is missing else TRUE if value != literal else FALSE
        return ne
    if op == "<":
        def lt(facts: Facts) -> Tri:
            value = facts.get(name, missing)
            return UNKNOWN if value is missing else TRUE if value < literal else FALSE
        return lt
    if op == "<=":
        def le(facts: Facts) -> Tri:
            value = facts.get(name, missing)
            return UNKNOWN if value is missing else TRUE if value <= literal else FALSE
        return le
    if op == ">":
        def gt(facts: Facts) -> Tri:
            value = facts.get(name, missing)
            return UNKNOWN if value is missing else TRUE if value > literal else FALSE
        return gt
    if op == ">=":
        def ge(facts: Facts) -> Tri:
            value = facts.get(name, missing)
            return UNKNOWN if value is missing else TRUE if value >= literal else FALSE
        return ge
    test = OPERATORS[op]  # in, not in, contains, not contains

    def member(facts: Facts) -> Tri:
        value = facts.get(name, missing)
        return UNKNOWN if value is missing else TRUE if test(value, literal) else FALSE

    return member


def _fact(name: str) -> Compiled:
    missing = _MISSING

    def fact(facts: Facts) -> Tri:
        value = facts.get(name, missing)
        if value is missing:
            return UNKNOWN
        return TRUE if value else FALSE

    return fact


def _has_any(node: nodes.HasAny) -> Compiled:
    name, values, missing = node.fact, node.values, _MISSING

    def has_any(facts: Facts) -> Tri:
        held = facts.get(name, missing)
        if held is missing:
            return UNKNOWN
        return FALSE if values.isdisjoint(held) else TRUE

    return has_any


def _not(operand: Compiled) -> Compiled:
    def not_(facts: Facts) -> Tri:
        value = operand(facts)
        return FALSE if value is TRUE else TRUE if value is FALSE else UNKNOWN

    return not_


def all_of(operands: tuple[Compiled, ...]) -> Compiled:
    if len(operands) == 1:
        return operands[0]
    if len(operands) == 2:
        first, second = operands

        def both(facts: Facts) -> Tri:
            a = first(facts)
            if a is FALSE:
                return FALSE
            b = second(facts)
            return FALSE if b is FALSE else UNKNOWN if a is UNKNOWN or b is UNKNOWN else TRUE

        return both

    def all_(facts: Facts) -> Tri:
        result = TRUE
        for operand in operands:
            value = operand(facts)
            if value is FALSE:
                return FALSE
            if value is UNKNOWN:
                result = UNKNOWN
        return result

    return all_


def any_of(operands: tuple[Compiled, ...]) -> Compiled:
    if len(operands) == 1:
        return operands[0]
    if len(operands) == 2:
        first, second = operands

        def either(facts: Facts) -> Tri:
            a = first(facts)
            if a is TRUE:
                return TRUE
            b = second(facts)
            return TRUE if b is TRUE else UNKNOWN if a is UNKNOWN or b is UNKNOWN else FALSE

        return either

    def any_(facts: Facts) -> Tri:
        result = FALSE
        for operand in operands:
            value = operand(facts)
            if value is TRUE:
                return TRUE
            if value is UNKNOWN:
                result = UNKNOWN
        return result

    return any_
