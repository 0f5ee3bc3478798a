"""A rule's condition in words, for a reader who has no case in mind (the rules explorer):
"her age is under 18", "she was sexually exploited", "the State is West Bengal or Odisha".
``service.text.plain`` tells a condition as it stands for one profile; this tells it as
written, with the same labels and phrases."""

from __future__ import annotations

from service.expr import nodes
from service.rules.ruleset import Clause
from service.text.plain import capital
from service.text.words import Words

_OPS = {"<": "op.lt", "<=": "op.le", ">": "op.gt", ">=": "op.ge"}


def clause(c: Clause, w: Words) -> str:
    """A leaf clause in words; a group's own line is its kind ("any of these")."""
    if c.node is None:
        return w.msg("web.rules.any_of") if c.kind == "any" else ""
    return capital(node(c.node, w))


def node(n: nodes.Node, w: Words) -> str:
    if isinstance(n, nodes.Fact):
        return _yes_no(n.name, True, w)
    if isinstance(n, nodes.Derived):
        return w.says(n.name, True) or node(n.node, w)
    if isinstance(n, nodes.Not):
        inner = n.operand
        if isinstance(inner, nodes.Fact | nodes.Derived):
            return w.says(inner.name, False) or w.msg("reason.no", label=w.label(inner.name))
        return f"not ({node(inner, w)})"
    if isinstance(n, nodes.Compare):
        return _compare(n, w)
    if isinstance(n, nodes.HasAny):
        values = w.either(sorted(w.value(n.fact, v) for v in n.values))
        return w.msg("reason.include", label=w.label(n.fact), values=values)
    parts = [node(o, w) for o in n.operands]
    return w.every(parts) if isinstance(n, nodes.All) else w.either(parts)


def _yes_no(fact: str, truth: bool, w: Words) -> str:
    return w.says(fact, truth) or w.msg("reason.yes" if truth else "reason.no",
                                        label=w.label(fact))


def _compare(n: nodes.Compare, w: Words) -> str:
    label = w.label(n.fact)
    literal = n.literal
    if isinstance(literal, bool):
        truth = literal if n.op == "==" else not literal
        return _yes_no(n.fact, truth, w)
    if n.op in _OPS:
        return w.msg("reason.is", label=label,
                     actual=w.msg(_OPS[n.op], limit=w.value(n.fact, literal)))
    if n.op in ("contains", "not contains"):
        key = "reason.include" if n.op == "contains" else "reason.not_include"
        return w.msg(key, label=label, values=w.value(n.fact, literal))
    values = literal if isinstance(literal, frozenset) else frozenset([literal])
    listed = w.either(sorted(w.value(n.fact, v) for v in values))
    if n.op in ("==", "in"):
        return w.msg("reason.is", label=label, actual=listed)
    return w.msg("reason.is", label=label, actual=w.msg("op.none_of", values=listed))
