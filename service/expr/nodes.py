"""The checked condition tree: what the parser produces and the compiler consumes.

Every comparison is normalised to ``fact <op> literal``, so each leaf reads one fact. Each
node keeps the source text it came from, for explanations.
"""

from __future__ import annotations

import datetime as dt
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


def params_used(node: Node) -> tuple[str, ...]:
    """The parameters a node compares facts with, in first-seen order (not through derived
    facts, which cannot name parameters)."""
    if isinstance(node, Compare):
        return () if node.param is None else (node.param,)
    if isinstance(node, Not):
        return params_used(node.operand)
    if isinstance(node, All | Any_):
        return tuple(dict.fromkeys(p for child in node.operands for p in params_used(child)))
    return ()


def base_facts(node: Node) -> tuple[str, ...]:
    """The base facts a node reads, in first-seen order, through derived facts."""
    seen: dict[str, None] = {}

    def walk(n: Node) -> None:
        if isinstance(n, Fact | Compare | HasAny):
            seen.setdefault(n.fact if not isinstance(n, Fact) else n.name, None)
        elif isinstance(n, Derived):
            walk(n.node)
        elif isinstance(n, Not):
            walk(n.operand)
        else:
            for child in n.operands:
                walk(child)

    walk(node)
    return tuple(seen)
