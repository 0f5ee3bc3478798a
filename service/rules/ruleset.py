"""The loaded rule base: immutable, linked, with every condition compiled once.

Built by ``link`` from validated files; read by the engine. Nothing here changes after load,
so one ``Ruleset`` can serve many threads and be swapped whole on reload.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from service.expr import codegen, nodes
from service.expr.compile import Compiled
from service.expr.nodes import Node
from service.rules import marks, model
from service.rules.parameters import Figure, Parameter
from service.rules.places import Places
from service.rules.texts import Catalogue


@dataclass(frozen=True, slots=True)
class FactDef:
    name: str
    kind: str  # bool | int | date | enum | set
    question: str
    description: str | None = None
    unit: str | None = None
    values: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    label: str | None = None  # a short name in words: her age
    labels: Mapping[str, str] = field(default_factory=dict)  # enum/set values in words
    says: Mapping[str, str] = field(default_factory=dict)  # bool: "true"/"false" -> words
    can_change: bool = False  # she or her caseworker can change it by acting

    def coerce(self, value: Any) -> tuple[Any, str | None]:
        """``(value, None)`` in the engine's form, or ``(None, what is allowed)``.

        The message says what the fact accepts and never repeats the value given.
        """
        if self.kind == "bool":
            return (value, None) if isinstance(value, bool) else (None, "must be true or false")
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return None, f"must be a whole number {self.bounds()}".rstrip()
            low_ok = self.min is None or value >= self.min
            if not (low_ok and (self.max is None or value <= self.max)):
                return None, f"must be a whole number {self.bounds()}"
            return value, None
        if self.kind == "date":
            return _coerce_date(value)
        if self.kind == "enum":
            if isinstance(value, str) and value in self.values:
                return value, None
            return None, "must be one of: " + ", ".join(self.values)
        return self._coerce_set(value)

    def _coerce_set(self, value: Any) -> tuple[Any, str | None]:
        allowed = "must be a list of distinct values from: " + ", ".join(self.values)
        if not isinstance(value, list | tuple | set | frozenset):
            return None, allowed
        if not all(isinstance(v, str) and v in self.values for v in value):
            return None, allowed
        if len(set(value)) != len(value):
            return None, allowed
        return frozenset(value), None

    def bounds(self) -> str:
        if self.min is not None and self.max is not None:
            return f"from {self.min} to {self.max}"
        if self.min is not None:
            return f"of at least {self.min}"
        return f"of at most {self.max}" if self.max is not None else ""


def _coerce_date(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value), None
        except ValueError:
            pass
    return None, "must be a date written YYYY-MM-DD"


@dataclass(frozen=True, slots=True)
class DerivedDef:
    name: str
    expr: str
    node: Node
    description: str | None = None
    question: str | None = None
    says: Mapping[str, str] = field(default_factory=dict)  # "true"/"false" -> words
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    name: str
    level: str
    department: str | None
    escalates_to: str | None
    helplines: tuple[model.Helpline, ...]
    community_resource: bool
    note: str | None


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    name: str
    issued_by: str
    note: str | None
    met_by: tuple[str, ...] = ()  # documents any one of which meets this one too


@dataclass(frozen=True, slots=True)
class Clause:
    """One condition as written, compiled. A leaf has ``node``; a group has ``children``."""

    text: str
    cite: str | None
    kind: str  # test | all | any
    fn: Compiled
    facts: tuple[str, ...]  # the base facts it reads
    node: Node | None = None
    children: tuple[Clause, ...] = ()

    def walk(self) -> Iterator[Clause]:
        """This clause and every clause inside it."""
        yield self
        for child in self.children:
            yield from child.walk()

    def tree(self) -> Node:
        """The clause as one condition tree: a group becomes ``all``/``any`` of its members."""
        if self.node is not None:
            return self.node
        kids = tuple(c.tree() for c in self.children)
        return nodes.All(kids, self.text) if self.kind == "all" else nodes.Any_(kids, self.text)


def conditions_tree(clauses: tuple[Clause, ...]) -> Node:
    """All of ``clauses`` as one tree (true when there are none): what a version's ``fn``
    computes, for the code generator."""
    return nodes.All(tuple(c.tree() for c in clauses), " and ".join(c.text for c in clauses))


@dataclass(frozen=True, slots=True)
class Slab:
    """One possible amount. ``low``/``high`` None means open at that end."""

    when: Clause | None
    low: int | None
    high: int | None
    cite: str | None = None
    verified: bool = True
    note: str | None = None
    figures: tuple[Figure, ...] = ()  # the parameters the amount was read from


@dataclass(frozen=True, slots=True)
class Benefit:
    label: str
    kind: model.BenefitKind
    unit: model.Unit
    period: model.Period | None
    when: Clause | None
    slabs: tuple[Slab, ...]  # empty when the rule gives no amount
    verified: bool
    note: str | None
    sources: tuple[str, ...]
    by_state: bool = field(init=False)
    """Whether its amount reads a parameter with State values: worked out once, here, since
    every answer asks."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_state",
                           any(f.by_state for slab in self.slabs for f in slab.figures))


@dataclass(frozen=True, slots=True)
class Event:
    """What would open a route that is not open yet: while ``when`` holds the event is still to
    come, and ``sets`` is how the facts stand once it has happened."""

    event: str
    when: Clause
    sets: Mapping[str, Any]
    date_fact: str | None
    cite: str | None


@dataclass(frozen=True, slots=True)
class RouteBasis:
    basis: model.LegalBasis
    when: Clause | None


@dataclass(frozen=True, slots=True)
class RouteTimeLimit:
    limit: model.TimeLimit
    when: Clause | None  # the limit concerns only some cases (an acid attack, say)


@dataclass(frozen=True, slots=True)
class RouteStep:
    action: str
    office: str | None
    when: Clause | None


@dataclass(frozen=True, slots=True)
class Offset:
    route: str  # qualified: entitlement/route
    how: model.OffsetHow
    cite: str
    verified: bool
    note: str | None


@dataclass(frozen=True, slots=True)
class Route:
    """One road to compensation within a version. Other routes are named ``entitlement/route``."""

    id: str
    label: str
    interim: tuple[str, ...]  # benefit labels of the version
    final: tuple[str, ...]
    open_when: tuple[Clause, ...]
    open_fn: Compiled  # all of open_when; true when there are none
    opens_on: tuple[Event, ...]
    forum: str
    payer: str | None
    applicants: tuple[model.Applicant, ...]
    documents: tuple[str, ...]
    time_limits: tuple[RouteTimeLimit, ...]
    steps: tuple[RouteStep, ...]
    legal_basis: tuple[RouteBasis, ...]
    concurrent_with: tuple[str, ...]  # qualified
    offsets: tuple[Offset, ...]
    verified: bool
    note: str | None


@dataclass(frozen=True, slots=True)
class Version:
    valid_from: dt.date
    valid_until: dt.date | None
    title: str | None
    verified: bool
    note: str | None
    legal_basis: tuple[model.LegalBasis, ...]
    clauses: tuple[Clause, ...]
    fn: Compiled  # all clauses
    benefits: tuple[Benefit, ...]
    office: str
    pays: str | None
    documents: tuple[str, ...]
    time_limits: tuple[model.TimeLimit, ...]
    steps: tuple[model.Step, ...]
    routes: tuple[Route, ...] = ()
    boundary_values: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    """Each fact the conditions read, with the values of it they can tell apart
    (``boundaries.candidates`` over the literals they compare it with)."""
    repeated: frozenset[str] = frozenset()
    """Facts the conditions read in more than one place: where three-valued logic can leave
    an answer open that every value of the fact would decide."""
    keep: tuple[Clause, ...] = ()
    """Conditions to keep: not for entry, but to go on receiving (attending school)."""

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def conditions(self) -> Iterator[Clause]:
        """Every condition of the version: its own, its benefits' and their amount slabs'."""
        yield from self.clauses
        for benefit in self.benefits:
            if benefit.when is not None:
                yield benefit.when
            yield from (slab.when for slab in benefit.slabs if slab.when is not None)


@dataclass(frozen=True, slots=True)
class Variant:
    """A version as read on the days from ``start`` to ``end`` (inclusive; None: open) and,
    when ``state`` is set, for that State: its parameters' values filled in. A version whose
    rules name no parameter that changes has one variant, itself."""

    start: dt.date
    end: dt.date | None
    state: str | None
    version: Version

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entitlement:
    id: str
    title: str
    domain: model.Domain
    summary: str
    file: str
    needs: tuple[str, ...]
    versions: tuple[Version, ...]
    sources: tuple[model.Source, ...]
    examples: tuple[model.Example, ...]
    routes_dated_by: str | None = None
    variants: tuple[Variant, ...] = ()
    """Each version for each stretch of days and each State with values of its own."""
    parameters: tuple[str, ...] = ()
    """The parameters its versions name, in the order first named."""

    def version_on(self, on: dt.date, state: str | None = None) -> Version | None:
        """The version in force on ``on``, its figures read for ``state``."""
        national = None
        for variant in self.variants:
            if variant.covers(on):
                if variant.state == state:
                    return variant.version
                if variant.state is None:
                    national = variant.version
        return national


InForce = tuple[tuple[Entitlement, Version], ...]


@dataclass(frozen=True, slots=True)
class Periods:
    """Which versions are in force on any date: the dates where that changes, and for each
    stretch from one such date to the next, the (entitlement, version) pairs in force, read
    nationally and, for each State with figures of its own then, for that State."""

    starts: tuple[dt.date, ...]
    in_force: tuple[InForce, ...]
    by_state: tuple[Mapping[str, InForce], ...]
    compiled: dict[tuple[int, str | None], codegen.Statuses] = field(
        default_factory=dict, compare=False, repr=False)
    """Each stretch's statuses as one generated function (``codegen.compile_statuses``), by
    stretch and State: compiled on first use, since most are never asked for. Filled, never
    changed; two threads compiling the same one at once build equal functions."""

    @classmethod
    def of(cls, entitlements: Mapping[str, Entitlement]) -> Periods:
        variants = [v for e in entitlements.values() for v in e.variants]
        edges = {v.start for v in variants}
        edges |= {v.end + dt.timedelta(days=1) for v in variants
                  if v.end is not None and v.end < dt.date.max}
        starts = tuple(sorted(edges))
        national: list[InForce] = []
        by_state: list[Mapping[str, InForce]] = []
        for start in starts:
            national.append(tuple((e, ver) for e in entitlements.values()
                                  if (ver := e.version_on(start)) is not None))
            states = sorted({v.state for e in entitlements.values() for v in e.variants
                             if v.state is not None and v.covers(start)})
            by_state.append({state: tuple((e, ver) for e in entitlements.values()
                                          if (ver := e.version_on(start, state)) is not None)
                             for state in states})
        return cls(starts, tuple(national), tuple(by_state))

    def on(self, day: dt.date, state: str | None = None) -> InForce:
        i = bisect.bisect_right(self.starts, day) - 1
        if i < 0:
            return ()
        if state is not None:
            return self.by_state[i].get(state, self.in_force[i])
        return self.in_force[i]

    def statuses(self, day: dt.date, state: str | None = None) -> codegen.Statuses | None:
        """One function giving the status of every entitlement ``on(day, state)`` lists, in
        that order; None before the first version of any entitlement."""
        i = bisect.bisect_right(self.starts, day) - 1
        if i < 0:
            return None
        own = state if state is not None and state in self.by_state[i] else None
        fn = self.compiled.get((i, own))
        if fn is None:
            pairs = self.in_force[i] if own is None else self.by_state[i][own]
            fn = codegen.compile_statuses([(e.id, conditions_tree(v.clauses)) for e, v in pairs])
            self.compiled[(i, own)] = fn
        return fn


@dataclass(frozen=True, slots=True)
class Ruleset:
    name: str
    version: str
    digest: str
    facts: Mapping[str, FactDef]
    derived: Mapping[str, DerivedDef]
    offices: Mapping[str, Office]
    documents: Mapping[str, Document]
    entitlements: Mapping[str, Entitlement]
    files: int
    periods: Periods
    parameters: Mapping[str, Parameter] = field(default_factory=dict)
    catalogues: Mapping[str, Catalogue] = field(default_factory=dict)
    """Each language other than English, by its code (hi, bn), with its translations."""
    places: Places = field(default_factory=Places)
    """India's districts by State (rules/places/districts.yaml); empty when none is shipped."""
    files_read: Mapping[str, marks.Document] = field(default_factory=dict, compare=False,
                                                     repr=False)
    """Each rule file as read, with the position of every value: for lint and examples."""
    english: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False,
                                                   repr=False)
    """Every English text a person reads, with where it stands (``file#path``): what the
    catalogues translate (service.text.extract)."""
    fact_order: Mapping[str, int] = field(init=False, compare=False, repr=False)
    """Each fact's place in facts.yaml: how questions that rank alike are ordered (made once
    here, not for every answer)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fact_order", {name: i for i, name in enumerate(self.facts)})

    def __repr__(self) -> str:
        # The generated repr spells out every variant of every version: gigabytes, which a
        # failing test's traceback would try to print.
        return (f"Ruleset({self.name!r}, version={self.version!r}, digest={self.digest[:19]!r}…, "
                f"{len(self.entitlements)} entitlements)")

    def in_force(self, on: dt.date, state: str | None = None) -> InForce:
        """Each entitlement with a version in force on ``on``, and that version, its figures
        read for ``state`` (the national ones where the State has none)."""
        return self.periods.on(on, state)

    def escalation(self, office_id: str) -> tuple[Office, ...]:
        """The offices above ``office_id``, nearest first. Loops are refused at load."""
        chain: list[Office] = []
        above = self.offices[office_id].escalates_to
        while above is not None:
            chain.append(self.offices[above])
            above = self.offices[above].escalates_to
        return tuple(chain)
