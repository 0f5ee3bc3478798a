"""What linking keeps while it reads the rule files: the names known so far, the errors found,
and the day and State whose parameter values the conditions being read see.

Shared by ``link`` (entitlements, facts, offices, parameters) and ``link_routes``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from service.errors import RuleError
from service.expr import compile as expr_compile
from service.expr import nodes
from service.expr.parse import ExprInvalid, parse
from service.rules import model
from service.rules.marks import Document, Path
from service.rules.parameters import Figure, Parameter
from service.rules.ruleset import Clause, DerivedDef, FactDef, Office
from service.rules.ruleset import Document as Doc


@dataclass(frozen=True, slots=True)
class Context:
    """Where rules are read: their parameters take the values in force on ``day`` for
    ``state`` (the national values where the State has none, or when ``state`` is None)."""

    day: dt.date
    state: str | None = None


@dataclass
class Linker:
    facts: dict[str, FactDef]
    types: dict[str, nodes.FactType]
    derived: dict[str, DerivedDef]
    offices: dict[str, Office]
    documents: dict[str, Doc]
    errors: list[RuleError]
    params: dict[str, Parameter] = field(default_factory=dict)
    context: Context = Context(dt.date.min)
    used: dict[str, None] = field(default_factory=dict)
    """The parameters read since ``used`` was last cleared (one version's)."""

    # ---- conditions ----------------------------------------------------------------------

    def condition(self, doc: Document, path: Path, spec: Any) -> Clause | None:
        if isinstance(spec, str):
            return self.leaf(doc, path, spec, None)
        if isinstance(spec, model.Test):
            return self.leaf(doc, (*path, "test"), spec.test, spec.cite)
        is_all = isinstance(spec, model.AllOf)
        key = "all" if is_all else "any"
        members = spec.all if is_all else spec.any
        children = [self.condition(doc, (*path, key, i), c) for i, c in enumerate(members)]
        if any(c is None for c in children):
            return None
        kids = tuple(c for c in children if c is not None)
        fns = tuple(c.fn for c in kids)
        fn = expr_compile.all_of(fns) if is_all else expr_compile.any_of(fns)
        text = (" and " if is_all else " or ").join(f"({c.text})" for c in kids)
        read = tuple(dict.fromkeys(f for c in kids for f in c.facts))
        return Clause(text, spec.cite, key, fn, read, None, kids)

    def leaf(self, doc: Document, path: Path, text: str, cite: str | None) -> Clause | None:
        node = self.expression(doc, path, text)
        if node is None:
            return None
        return Clause(text, cite, "test", expr_compile.compile_node(node), nodes.base_facts(node),
                      node)

    def expression(self, doc: Document, path: Path, text: str) -> nodes.Node | None:
        try:
            node = parse(text, self.types, {n: d.node for n, d in self.derived.items()},
                         _Slots(self))
        except ExprInvalid as exc:
            pos = doc.at(path)
            for e in exc.errors:
                shift = 0 if pos.style is None else 1
                col = pos.col + shift + e.offset if pos.single_line and pos.style in (
                    None, "'", '"') else pos.col
                self.errors.append(RuleError(doc.file, pos.line, col, e.code, e.message, e.hint))
            return None
        self.used.update(dict.fromkeys(nodes.params_used(node)))
        return node

    # ---- parameters ------------------------------------------------------------------------

    def figure(self, doc: Document, path: Path, name: str, unit: str) -> Figure | None:
        """The parameter ``name`` as an amount in ``unit`` reads it in the current context;
        None (with the error) when it is unknown, of another unit, or has no value then."""
        param = self.params.get(name)
        if param is None:
            close = difflib.get_close_matches(name, list(self.params), n=1)
            self.errors.append(doc.error(path, "E420", f"unknown parameter {name!r}",
                                         close[0] if close else None))
            return None
        self.used[name] = None
        if param.unit != unit:
            self.errors.append(doc.error(path, "E421", f"{name!r} is in {param.unit}; this "
                                         f"amount is in {unit}"))
            return None
        value, whose = param.on(self.context.day, self.context.state)
        if value is None and param.national:
            self.errors.append(doc.error(path, "E422", _gap(name, self.context.day)))
            return None
        return Figure(name, value, whose, bool(param.states))

    # ---- references ------------------------------------------------------------------------

    def sources(self, doc: Document, sources: list[model.Source]) -> dict[str, model.Source]:
        """A file's sources by id; an id used twice is an error (E409) at its second use."""
        found: dict[str, model.Source] = {}
        for i, source in enumerate(sources):
            if source.id in found:
                self.errors.append(doc.error(("sources", i, "id"), "E409",
                                             f"source id {source.id!r} is used twice"))
            else:
                found[source.id] = source
        return found

    def ref(self, doc: Document, path: Path, value: str | None, table: Mapping[str, Any],
            what: str, code: str) -> None:
        if value is None or value in table:
            return
        close = difflib.get_close_matches(value, list(table), n=1)
        self.errors.append(doc.error(path, code, f"unknown {what} {value!r}",
                                     close[0] if close else None))


def _gap(name: str, day: dt.date) -> str:
    return (f"{name!r} has no value on {day}, while a version that uses it is in force: "
            "add a value, or end the version")


class _Slots(Mapping[str, nodes.ParamSlot]):
    """Every parameter as a condition read in the linker's context sees it."""

    def __init__(self, linker: Linker) -> None:
        self._linker = linker

    def __getitem__(self, name: str) -> nodes.ParamSlot:
        context = self._linker.context
        value, _ = self._linker.params[name].on(context.day, context.state)
        if value is None:
            return nodes.ParamSlot(None, ("E422", _gap(name, context.day)))
        if value.exact is None:
            return nodes.ParamSlot(None, ("E421", f"{name!r} is a range on {value.start}; "
                                          "a condition needs one figure"))
        return nodes.ParamSlot(value.exact)

    def __iter__(self) -> Iterator[str]:
        return iter(self._linker.params)

    def __len__(self) -> int:
        return len(self._linker.params)
