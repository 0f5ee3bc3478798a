"""Conditions in plain words, for the facts of one profile: "she is 16, under 18", "she was
sexually exploited", "not yet known: the date the FIR was registered". Never a fact id or
``= yes``: a fact is named by its label and a value by its label, money or date.

Each part is told by its own value for the profile, so a ``not`` needs no words of its own:
"she was not sexually exploited" is what the fact says when it is false.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from service.expr import explain as expr_explain
from service.expr import nodes
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.rules.ruleset import Clause
from service.text.words import Words

# The opposite of each comparison: a false `age < 18` reads "18 or more".
_FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "==", "in": "not in",
         "not in": "in", "contains": "not contains", "not contains": "contains"}
_NUMBER_OPS = {"<": "op.lt", "<=": "op.le", ">": "op.gt", ">=": "op.ge"}
_DATE_OPS = {"<": "op.before", "<=": "op.on_or_before", ">": "op.after", ">=": "op.on_or_after"}


def clause(c: Clause, value: Tri, facts: Mapping[str, Any], words: Words) -> str:
    """A clause of a rule, as it stands for ``facts`` (``value`` is its value), in words.
    Made once per clause and values of the facts it reads, in ``words``' memo (which keeps
    the clause with its words, so that another clause at the same address is not taken for
    it after a reload)."""
    key = ("clause", id(c), value, tuple(map(facts.get, c.facts)))
    made, said = words.remember(key, _said, c, value, facts, words)
    return said if made is c else _said(c, value, facts, words)[1]


def _said(c: Clause, value: Tri, facts: Mapping[str, Any], words: Words) -> tuple[Clause, str]:
    return c, capital(_clause(c, value, facts, words))


def _clause(c: Clause, value: Tri, facts: Mapping[str, Any], words: Words) -> str:
    if c.node is not None:
        return node(c.node, facts, words, value)
    if value is UNKNOWN:
        return unknown(c.facts, facts, words)
    failed_any = c.kind == "any" and value is FALSE  # every child told
    told = []
    for child in c.children:
        child_value = child.fn(facts)
        if child_value is value or failed_any:
            told.append(_clause(child, child_value, facts, words))
    return words.every(told)


def node(n: nodes.Node, facts: Mapping[str, Any], words: Words, value: Tri | None = None) -> str:
    """``n`` in words for ``facts``; ``value``: its value for them, when the caller has it
    (each operand's is worked out once, by the node above it)."""
    if value is None:
        value = expr_explain.value(n, facts)
    if value is UNKNOWN:
        return unknown(expr_explain.waiting_on(n, facts), facts, words)
    if isinstance(n, nodes.Fact):
        return _yes_no(n.name, value is TRUE, words)
    if isinstance(n, nodes.Derived):
        said = words.says(n.name, value is TRUE)
        return said if said is not None else node(n.node, facts, words, value)
    if isinstance(n, nodes.Not):
        return node(n.operand, facts, words, FALSE if value is TRUE else TRUE)
    if isinstance(n, nodes.Compare):
        return _compare(n, facts[n.fact], value, words)
    if isinstance(n, nodes.HasAny):
        return _has_any(n, facts[n.fact], value, words)
    # all / any: the operands that decided it; all of them when an `any` fails
    failed_any = isinstance(n, nodes.Any_) and value is FALSE
    told = []
    for operand in n.operands:
        operand_value = expr_explain.value(operand, facts)
        if operand_value is value or failed_any:
            told.append(node(operand, facts, words, operand_value))
    return words.every(told)


def unknown(names: tuple[str, ...] | list[str], facts: Mapping[str, Any], words: Words) -> str:
    missing = [n for n in names if n not in facts]
    return words.msg("reason.unknown", facts=words.every([words.label(n) for n in missing]))


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _yes_no(fact: str, truth: bool, words: Words) -> str:
    said = words.says(fact, truth)
    if said is not None:
        return said
    return words.msg("reason.yes" if truth else "reason.no", label=words.label(fact))


def _compare(n: nodes.Compare, actual: Any, value: Tri, words: Words) -> str:
    if isinstance(actual, bool):
        return _yes_no(n.fact, actual, words)
    label = words.label(n.fact)
    op = n.op if value is TRUE else _FLIP[n.op]
    if op in ("contains", "not contains"):
        key = "reason.include" if op == "contains" else "reason.not_include"
        return words.msg(key, label=label, values=words.value(n.fact, n.literal))
    shown = words.value(n.fact, actual)
    if op in ("==", "in", "!=", "not in"):
        literal = n.literal if isinstance(n.literal, frozenset) else frozenset([n.literal])
        listed = words.either(sorted(words.value(n.fact, v) for v in literal))
        if op in ("==", "in"):
            return words.msg("reason.is", label=label, actual=shown)
        return words.msg("reason.is_not", label=label, actual=shown, values=listed)
    table = _DATE_OPS if isinstance(actual, dt.date) else _NUMBER_OPS
    what = words.msg(table[op], limit=words.value(n.fact, n.literal))
    return words.msg("reason.is_and", label=label, actual=shown, what=what)


def _has_any(n: nodes.HasAny, actual: Any, value: Tri, words: Words) -> str:
    label = words.label(n.fact)
    if value is TRUE:
        found = sorted(words.value(n.fact, v) for v in n.values & frozenset(actual))
        return words.msg("reason.include", label=label, values=words.every(found))
    listed = sorted(words.value(n.fact, v) for v in n.values)
    return words.msg("reason.not_include", label=label, values=words.either(listed))
