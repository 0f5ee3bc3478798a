"""The checked condition tree: what the parser produces and the compiler consumes.

Every comparison is normalised to ``fact <op> literal``, so each leaf reads one fact. Each
node keeps the source text it came from, for explanations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

Scalar = bool | int | str | dt.date

# Comparison operators, after normalisation: the fact is always on the left.
CMP_OPS = ("==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "not contains")


@dataclass(frozen=True, slots=True)
class Fact:
    """A base bool fact used as a condition."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Derived:
    """A derived fact used as a condition; ``node`` is its definition."""

    name: str
    node: Node
    text: str


@dataclass(frozen=True, slots=True)
class Compare:
    """``fact op literal``. For ``in``/``not in`` the literal is a frozenset of values;
    ``contains`` is ``'value' in set_fact``."""

    fact: str
    op: str
    literal: Scalar | frozenset[Scalar]
    text: str
    param: str | None = None  # the parameter the literal is the value of, when it is one


@dataclass(frozen=True, slots=True)
class HasAny:
    """``has_any(set_fact, [values])``: the set fact holds at least one of the values."""

    fact: str
    values: frozenset[str]
    text: str


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node
    text: str


@dataclass(frozen=True, slots=True)
class All:
    operands: tuple[Node, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Any_:
    operands: tuple[Node, ...]
    text: str


Node = Fact | Derived | Compare | HasAny | Not | All | Any_


@dataclass(frozen=True, slots=True)
class FactType:
    """What the parser needs to know of one fact."""

    kind: str  # bool | int | date | enum | set
    values: frozenset[str] = field(default_factory=frozenset)
    min: int | None = None
    max: int | None = None


@dataclass(frozen=True, slots=True)
class ParamSlot:
    """A parameter as a condition sees it: its value in force where the condition is read,
    or why it cannot be used there (``problem``: an error code and message)."""

    value: int | None
    problem: tuple[str, str] | None = None


Leaf = Fact | Compare | HasAny


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, in reading order, through derived facts' definitions: the one
    visitor that lint, boundaries and the linker use to read a condition."""
    yield node
    if isinstance(node, Derived):
        yield from walk(node.node)
    elif isinstance(node, Not):
        yield from walk(node.operand)
    elif isinstance(node, All | Any_):
        for child in node.operands:
            yield from walk(child)


def leaves(node: Node) -> Iterator[Leaf]:
    """Each leaf (one fact read) of the tree, in reading order."""
    return (n for n in walk(node) if isinstance(n, Fact | Compare | HasAny))


def fact_of(leaf: Leaf) -> str:
    return leaf.name if isinstance(leaf, Fact) else leaf.fact


def params_used(node: Node) -> tuple[str, ...]:
    """The parameters a node compares facts with, in first-seen order."""
    return tuple(dict.fromkeys(n.param for n in leaves(node)
                               if isinstance(n, Compare) and n.param is not None))


def base_facts(node: Node) -> tuple[str, ...]:
    """The base facts a node reads, in first-seen order, through derived facts."""
    return tuple(dict.fromkeys(fact_of(n) for n in leaves(node)))
