"""Checked condition trees -> Python source -> functions, compiled once per rule version.

The fast path is plain two-valued Python over the facts (``f['age'] < 18 and ...``), taken
when the profile carries every fact a condition reads: then two-valued logic gives the Kleene
answer. Where a fact is missing, generated three-valued code answers instead (each fact read
once, with ``MISSING`` for one she has not given), which gives what the closures of
``compile`` give (a property test holds them equal) without a call a node. One condition
checks that its facts are present with a few ``in`` tests or one set comparison. The function
of every condition in force reads each fact once into a local, and those reads are the
check; a profile with fewer facts than it reads skips them, since the ``KeyError`` that would
end them costs as much as all the reads.

Only checked trees (``nodes.Node``) are turned into source, never rule text: fact names must
be identifiers, ints, bools and strings are written with ``repr``, and every other value
(dates, sets of values) is a constant of the generated module, named by its index. Nothing
else reaches the source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from service.expr import nodes
from service.expr.compile import Compiled, Facts
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.expr.nodes import Node

Statuses = Callable[[Facts], dict[str, Tri]]

_SCALARS = (bool, int, str)
_MISSING = object()  # a fact the profile does not carry
_MEMBERSHIP = {"in": "in", "not in": "not in", "contains": "in", "not contains": "not in"}


class _Source:
    """Python source for condition trees over a mapping ``f``, with its constants."""

    def __init__(self) -> None:
        self.constants: dict[str, Any] = {"TRUE": TRUE, "FALSE": FALSE, "UNKNOWN": UNKNOWN,
                                          "MISSING": _MISSING}
        self.temporaries = 0

    def constant(self, value: Any) -> str:
        name = f"_k{len(self.constants)}"
        self.constants[name] = value
        return name

    def literal(self, value: Any) -> str:
        return repr(value) if type(value) in _SCALARS else self.constant(value)

    def node(self, node: Node, read: Callable[[str], str] | None = None) -> str:
        """``node`` as a two-valued expression; ``read``: how a fact is read (by default
        ``f['name']``)."""
        read = read or _subscript
        if isinstance(node, nodes.Fact):
            return read(node.name)
        if isinstance(node, nodes.Derived):
            return self.node(node.node, read)
        if isinstance(node, nodes.Not):
            return f"(not {self.node(node.operand, read)})"
        if isinstance(node, nodes.HasAny):
            return f"(not {self.constant(node.values)}.isdisjoint({read(node.fact)}))"
        if isinstance(node, nodes.Compare):
            return self.compare(node, read)
        if not node.operands:
            return "True" if isinstance(node, nodes.All) else "False"
        joiner = " and " if isinstance(node, nodes.All) else " or "
        return "(" + joiner.join(self.node(n, read) for n in node.operands) + ")"

    def tri(self, node: Node, read: Callable[[str], str], negate: bool = False) -> str:
        """``node``'s Kleene value (``negate``: of its negation) where ``read`` gives each
        fact or ``MISSING``; ``all`` and ``any`` stop at the first operand that decides them,
        as the closures do. A negation is pushed down to the leaves (De Morgan's laws hold
        in Kleene's logic), so nothing is negated at run time."""
        yes, no = ("FALSE", "TRUE") if negate else ("TRUE", "FALSE")
        if isinstance(node, nodes.Derived):
            return self.tri(node.node, read, negate)
        if isinstance(node, nodes.Not):
            return self.tri(node.operand, read, not negate)
        if isinstance(node, nodes.Fact | nodes.Compare | nodes.HasAny):
            fact = node.name if isinstance(node, nodes.Fact) else node.fact
            return (f"(UNKNOWN if {read(fact)} is MISSING else {yes} if {self.node(node, read)}"
                    f" else {no})")
        every = isinstance(node, nodes.All) != negate  # an `all` once negations are pushed
        if not node.operands:
            return "TRUE" if every else "FALSE"
        operands = [self.tri(o, read, negate) for o in node.operands]
        if len(operands) == 1:
            return operands[0]
        decides, otherwise = ("FALSE", "TRUE") if every else ("TRUE", "FALSE")
        names = [self.temporary() for _ in operands]
        decided = " or ".join(f"({t} := {o}) is {decides}" for t, o in zip(names, operands,
                                                                          strict=True))
        open_ = " or ".join(f"{t} is UNKNOWN" for t in names)
        return f"({decides} if {decided} else UNKNOWN if {open_} else {otherwise})"

    def temporary(self) -> str:
        self.temporaries += 1
        return f"_t{self.temporaries}"

    def test(self, node: Node, read: Callable[[str], str] | None = None) -> str:
        """``node``'s Kleene value, for a profile that carries every fact it reads."""
        return f"TRUE if {self.node(node, read)} else FALSE"

    def compare(self, node: nodes.Compare, read: Callable[[str], str]) -> str:
        fact = read(node.fact)
        if node.op in ("contains", "not contains"):
            return f"({self.literal(node.literal)} {_MEMBERSHIP[node.op]} {fact})"
        if node.op in ("in", "not in"):
            return f"({fact} {_MEMBERSHIP[node.op]} {self.constant(node.literal)})"
        if node.op not in nodes.CMP_OPS:
            raise ValueError(f"not a comparison: {node.op!r}")
        return f"({fact} {node.op} {self.literal(node.literal)})"

    def has_all(self, mapping: str, facts: frozenset[str]) -> str:
        """A test that ``mapping`` holds every one of ``facts``: a few ``in`` tests are
        quicker than comparing sets, many are not."""
        if not facts:
            return "True"
        if len(facts) <= 3:
            return " and ".join(f"{_name(f)} in {mapping}" for f in sorted(facts))
        return f"{mapping}.keys() >= {self.constant(facts)}"

    def build(self, source: str, name: str) -> Any:
        code = compile(source, f"<adhikar generated {name}>", "exec")
        scope: dict[str, Any] = dict(self.constants)
        exec(code, scope)  # our own generated source, from checked trees only
        return scope[name]


def _subscript(fact: str) -> str:
    return f"f[{_name(fact)}]"


def _locals(facts: Sequence[str]) -> dict[str, str]:
    """A local name for each fact, in the order given."""
    return {fact: f"_f{i}" for i, fact in enumerate(facts)}


def _got(local: dict[str, str], indent: str) -> list[str]:
    """Lines reading each fact into its local, ``MISSING`` for one she has not given."""
    return [f"{indent}{name} = f.get({_name(fact)}, MISSING)\n" for fact, name in local.items()]


def _name(fact: str) -> str:
    if not fact.isidentifier():
        raise ValueError(f"not a fact name: {fact!r}")
    return repr(fact)


def compile_fast(node: Node) -> Compiled:
    """``compile.compile_node(node)``'s answer: two-valued when every fact it reads is known,
    else three-valued (``_Source.tri``)."""
    source = _Source()
    needs = nodes.base_facts(node)
    local = _locals(needs)
    text = "".join(["def fast(f):\n",
                    f"    if {source.has_all('f', frozenset(needs))}:\n",
                    f"        return {source.test(node)}\n",
                    *_got(local, "    "),
                    f"    return {source.tri(node, local.__getitem__)}\n"])
    fn: Compiled = source.build(text, "fast")
    return fn


def compile_statuses(conditions: Sequence[tuple[str, Node]]) -> Statuses:
    """One function giving each named condition's value, as a dict in the order given.

    A profile that carries every fact read gets one dict of two-valued tests, each fact read
    once into a local (reading them all is the test that all are there); any other, one dict
    of three-valued ones.
    """
    source = _Source()
    named = [(_key(key), node, frozenset(nodes.base_facts(node))) for key, node in conditions]
    every = sorted(frozenset().union(*(needs for _, _, needs in named)))
    local = _locals(every)
    known = ("{" + ", ".join(f"{key}: {source.test(node, local.__getitem__)}"
                             for key, node, _ in named) + "}")
    if not every:  # nothing is read: each condition is always true or always false
        fn: Statuses = source.build(f"def statuses(f):\n    return {known}\n", "statuses")
        return fn
    # A profile with fewer facts than are read surely lacks one: it skips the reads, and the
    # KeyError that would end them (raising one costs as much as the reads).
    lines = ["def statuses(f):\n",
             f"    if len(f) >= {len(every)}:\n",
             "        try:\n",
             *[f"            {name} = {_subscript(fact)}\n" for fact, name in local.items()],
             "        except KeyError:\n",
             "            pass\n",
             "        else:\n",
             f"            return {known}\n",
             *_got(local, "    "),
             "    return {" + ", ".join(f"{key}: {source.tri(node, local.__getitem__)}"
                                       for key, node, _ in named) + "}\n"]
    fn = source.build("".join(lines), "statuses")
    return fn


def _key(key: str) -> str:
    if type(key) is not str:
        raise ValueError(f"not a name: {key!r}")
    return repr(key)
