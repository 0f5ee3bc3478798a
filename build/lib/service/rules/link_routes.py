"""Compensation routes, linked: names resolved, conditions compiled, facts typed.

Part of ``link``: a route names the benefits it pays (labels of its version), offices, documents,
date facts and other routes (``entitlement/route``); each unknown name is an error at its
line and column. Routes in other files are checked once every file is read
(``check_route_refs``), so the order of the files does not matter.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from service.expr import compile as expr_compile
from service.rules import model
from service.rules.linker import Linker
from service.rules.marks import Document, Path
from service.rules.ruleset import (
    Clause,
    Event,
    Offset,
    Route,
    RouteBasis,
    RouteStep,
    RouteTimeLimit,
)


def qualify(entitlement_id: str, ref: str) -> str:
    """``final`` in pocso-compensation -> ``pocso-compensation/final``."""
    return ref if "/" in ref else f"{entitlement_id}/{ref}"


def link_routes(linker: Linker, doc: Document, path: Path, version: model.Version,
                entitlement_id: str) -> tuple[Route, ...] | None:
    routes = [_link_route(linker, doc, (*path, "routes", i), r, version, entitlement_id)
              for i, r in enumerate(version.routes)]
    if any(r is None for r in routes):
        return None
    return tuple(r for r in routes if r is not None)


def date_fact(linker: Linker, doc: Document, path: Path, name: str | None) -> None:
    """``name`` must be a date fact of facts.yaml (E317)."""
    if name is None:
        return
    fact = linker.facts.get(name)
    if fact is None:
        close = difflib.get_close_matches(name, [n for n, f in linker.facts.items()
                                                 if f.kind == "date"], n=1)
        linker.errors.append(doc.error(path, "E317", f"unknown date fact {name!r}",
                                       close[0] if close else None))
    elif fact.kind != "date":
        linker.errors.append(doc.error(path, "E317", f"{name!r} is {fact.kind} fact; a date "
                                       "fact is needed here"))


def _link_route(linker: Linker, doc: Document, path: Path, r: model.Route,
                version: model.Version, entitlement_id: str) -> Route | None:
    labels = {b.label: b for b in version.benefits}
    for part in ("interim", "final"):
        for i, label in enumerate(getattr(r, part)):
            linker.ref(doc, (*path, part, i), label, labels, "benefit", "E315")
    linker.ref(doc, (*path, "forum"), r.forum, linker.offices, "office", "E312")
    linker.ref(doc, (*path, "payer"), r.payer, linker.offices, "office", "E312")
    for i, d in enumerate(r.documents or ()):
        linker.ref(doc, (*path, "documents", i), d, linker.documents, "document", "E313")
    for i, t in enumerate(r.time_limits):
        linker.ref(doc, (*path, "time_limits", i, "office"), t.office, linker.offices,
                   "office", "E312")
        date_fact(linker, doc, (*path, "time_limits", i, "start_fact"), t.start_fact)
    opens = [linker.condition(doc, (*path, "open_when", i), c) for i, c in enumerate(r.open_when)]
    events = [_event(linker, doc, (*path, "opens_on", i), e) for i, e in enumerate(r.opens_on)]
    steps = [_step(linker, doc, (*path, "steps", i), s) for i, s in enumerate(r.steps)]
    limits = [_limit(linker, doc, (*path, "time_limits", i), t)
              for i, t in enumerate(r.time_limits)]
    bases = [_basis(linker, doc, (*path, "legal_basis", i), b)
             for i, b in enumerate(r.legal_basis)]
    if any(x is None for x in (*opens, *events, *steps, *bases, *limits)):
        return None
    open_when = tuple(c for c in opens if c is not None)
    own = entitlement_id
    return Route(
        id=r.id, label=r.label, interim=tuple(r.interim), final=tuple(r.final),
        open_when=open_when, open_fn=_all(open_when),
        opens_on=tuple(e for e in events if e is not None), forum=r.forum, payer=r.payer,
        applicants=tuple(r.applicants),
        documents=tuple(version.documents if r.documents is None else r.documents),
        time_limits=tuple(t for t in limits if t is not None),
        steps=tuple(s for s in steps if s is not None),
        legal_basis=tuple(b for b in bases if b is not None),
        concurrent_with=tuple(qualify(own, c) for c in r.interactions.concurrent_with),
        offsets=tuple(Offset(qualify(own, o.route), o.how, o.cite, o.verified, o.note)
                      for o in r.interactions.offsets),
        verified=r.verified, note=r.note)


def _all(clauses: tuple[Clause, ...]) -> expr_compile.Compiled:
    return expr_compile.all_of(tuple(c.fn for c in clauses))  # true when there are none


def _event(linker: Linker, doc: Document, path: Path, e: model.RouteEvent) -> Event | None:
    when = linker.condition(doc, (*path, "when"), e.when)
    date_fact(linker, doc, (*path, "date_fact"), e.date_fact)
    sets: dict[str, Any] = {}
    for name, raw in e.sets.items():
        where = (*path, "sets", name)
        fact = linker.facts.get(name)
        if fact is None:
            why = ("is derived: set the facts it is made from" if name in linker.derived
                   else "is not a fact")
            close = difflib.get_close_matches(name, list(linker.facts), n=1)
            linker.errors.append(doc.error(where, "E318", f"{name!r} {why}",
                                           close[0] if close else None, key=True))
            continue
        value, problem = fact.coerce(raw)
        if problem:
            linker.errors.append(doc.error(where, "E318", f"{name} {problem}"))
        else:
            sets[name] = value
    if when is None or len(sets) != len(e.sets):
        return None
    return Event(e.event, when, sets, e.date_fact, e.cite)


def _step(linker: Linker, doc: Document, path: Path, s: model.RouteStep) -> RouteStep | None:
    linker.ref(doc, (*path, "office"), s.office, linker.offices, "office", "E312")
    when = None if s.when is None else linker.condition(doc, (*path, "when"), s.when)
    if s.when is not None and when is None:
        return None
    return RouteStep(s.action, s.office, when)


def _limit(linker: Linker, doc: Document, path: Path,
           t: model.RouteTimeLimit) -> RouteTimeLimit | None:
    when = None if t.when is None else linker.condition(doc, (*path, "when"), t.when)
    if t.when is not None and when is None:
        return None
    return RouteTimeLimit(t, when)


def _basis(linker: Linker, doc: Document, path: Path, b: model.RouteBasis) -> RouteBasis | None:
    when = None if b.when is None else linker.condition(doc, (*path, "when"), b.when)
    if b.when is not None and when is None:
        return None
    return RouteBasis(model.LegalBasis(instrument=b.instrument, section=b.section, cite=b.cite),
                      when)


def check_route_refs(linker: Linker, files: Mapping[str, tuple[Document, Any]]) -> None:
    """Every route named in ``interactions`` exists in some version of its entitlement (E316)."""
    specs = [(doc, spec) for doc, spec in files.values()
             if isinstance(spec, model.EntitlementFile)]
    known = sorted({f"{spec.id}/{r.id}" for _, spec in specs for v in spec.versions
                    for r in v.routes})
    for doc, spec in specs:
        for i, v in enumerate(spec.versions):
            for j, r in enumerate(v.routes):
                path: Path = ("versions", i, "routes", j, "interactions")
                refs = [((*path, "concurrent_with", k), c)
                        for k, c in enumerate(r.interactions.concurrent_with)]
                refs += [((*path, "offsets", k, "route"), o.route)
                         for k, o in enumerate(r.interactions.offsets)]
                for where, ref in refs:
                    _route_ref(linker, doc, where, qualify(spec.id, ref),
                               f"{spec.id}/{r.id}", known)


def _route_ref(linker: Linker, doc: Document, path: Path, ref: str, own: str,
               known: list[str]) -> None:
    if ref == own:
        linker.errors.append(doc.error(path, "E316", f"route {own!r} names itself"))
    elif ref not in known:
        close = difflib.get_close_matches(ref, known, n=1)
        linker.errors.append(doc.error(path, "E316", f"unknown route {ref!r}",
                                       close[0] if close else None))
