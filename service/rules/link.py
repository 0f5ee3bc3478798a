"""Validated files -> one linked ``Ruleset``: names resolved, conditions parsed, typed and
compiled. Every problem is collected with its file and position; nothing is returned
half-built.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from service.errors import RuleError
from service.expr import codegen, nodes
from service.rules import boundaries, link_routes, model
from service.rules.link_params import link_parameters
from service.rules.link_places import link_places
from service.rules.linker import Context, Linker
from service.rules.marks import Document, Path
from service.rules.parameters import Figure
from service.rules.places import Places
from service.rules.ruleset import (
    Benefit,
    DerivedDef,
    Entitlement,
    FactDef,
    Office,
    Periods,
    Ruleset,
    Slab,
    Variant,
    Version,
    conditions_tree,
)
from service.rules.ruleset import (
    Document as Doc,
)
from service.rules.texts import Catalogue, Translation
from service.text import extract
from service.text.catalogues import placeholders


def link(parsed: dict[str, tuple[Document, Any]], digest: str, errors: list[RuleError],
         files_read: Mapping[str, Document]) -> Ruleset | None:
    """``files_read``: what the ruleset keeps of the files as read (``load.FilesRead``)."""
    facts_doc, facts_file = parsed["facts.yaml"]
    linker = Linker({}, {}, {}, {}, {}, errors)
    _link_facts(linker, facts_doc, facts_file)
    for name in sorted(parsed):
        doc, spec = parsed[name]
        if isinstance(spec, model.ParametersFile):
            link_parameters(linker, name, doc, spec)
    _link_offices(linker, *parsed["offices.yaml"])
    _link_documents(linker, *parsed["documents.yaml"])
    entitlements: dict[str, Entitlement] = {}
    for name in sorted(parsed):
        doc, spec = parsed[name]
        if isinstance(spec, model.EntitlementFile):
            ent = _link_entitlement(linker, name, doc, spec, entitlements)
            if ent is not None:
                entitlements[ent.id] = ent
    link_routes.check_route_refs(linker, parsed)
    places = _link_places(linker, parsed)
    if errors:
        return None
    meta: model.RulesetFile = parsed["ruleset.yaml"][1]
    ordered = dict(sorted(entitlements.items(), key=lambda kv: (kv[1].domain, kv[0])))
    return Ruleset(meta.name, meta.version, digest, linker.facts, linker.derived,
                   linker.offices, linker.documents, ordered, len(parsed), Periods.of(ordered),
                   parameters=dict(sorted(linker.params.items())),
                   catalogues=_link_catalogues(linker, parsed), places=places,
                   files_read=files_read,
                   english={en: tuple(at) for en, at in extract.english(
                       {name: spec for name, (_, spec) in parsed.items()}).items()})


def _link_places(linker: Linker, parsed: dict[str, tuple[Document, Any]]) -> Places:
    found = next(((doc, spec) for doc, spec in parsed.values()
                  if isinstance(spec, model.DistrictsFile)), None)
    if found is None:
        return Places()
    state = linker.facts.get("state")
    return link_places(state.values if state else (), *found, linker.errors)


def _link_catalogues(linker: Linker,
                     parsed: dict[str, tuple[Document, Any]]) -> dict[str, Catalogue]:
    out: dict[str, Catalogue] = {}
    for name in sorted(parsed):
        doc, spec = parsed[name]
        if not isinstance(spec, model.TextFile):
            continue
        if PurePosixPath(name).stem != spec.language:
            linker.errors.append(doc.error(("language",), "E430", f"a catalogue is named for its "
                                           f"language: text/{spec.language}.yaml"))
            continue
        texts: dict[str, Translation] = {}
        for i, entry in enumerate(spec.texts):
            if entry.en in texts:
                linker.errors.append(doc.error(("texts", i, "en"), "E431",
                                               "this English is translated twice in the file"))
            elif entry.text and placeholders(entry.text) != placeholders(entry.en):
                linker.errors.append(doc.error(
                    ("texts", i, "text"), "E432", "the translation must fill the same "
                    f"placeholders as the English: {sorted(placeholders(entry.en))}"))
            elif entry.text:
                texts[entry.en] = Translation(entry.text, entry.reviewed, entry.was is not None)
        out[spec.language] = Catalogue(spec.language, spec.locale, spec.name, texts, name)
    return out


def _link_facts(linker: Linker, doc: Document, spec: model.FactsFile) -> None:
    for name, f in spec.facts.items():
        linker.facts[name] = FactDef(name, f.type, f.question, f.description, f.unit,
                                     tuple(f.values or ()), f.min, f.max, f.label,
                                     dict(f.labels), _says(f.says), f.can_change)
        linker.types[name] = nodes.FactType(f.type, frozenset(f.values or ()), f.min, f.max)
    pending = dict(spec.derived)
    for name in pending:
        if name in spec.facts:
            linker.errors.append(doc.error(("derived", name), "E307",
                                           f"{name!r} is both a fact and a derived fact",
                                           key=True))
    # Derived facts may use each other: resolve in dependency order, and name any cycle.
    while pending:
        progressed = False
        for name, d in list(pending.items()):
            if _names_in(d.expr) & set(pending):  # waits on a pending one, itself included
                continue
            node = linker.expression(doc, ("derived", name, "expr"), d.expr)
            if node is not None:
                linker.derived[name] = DerivedDef(name, d.expr, node, d.description, d.question,
                                                  _says(d.says), d.label)
            del pending[name]
            progressed = True
        if not progressed:
            for name in pending:
                linker.errors.append(doc.error(("derived", name), "E305",
                                               f"derived fact {name!r} depends on itself",
                                               key=True))
            return


def _says(says: Mapping[bool, str]) -> dict[str, str]:
    return {"true" if value else "false": words for value, words in says.items()}


def _names_in(text: str) -> set[str]:
    try:
        return {n.id for n in ast.walk(ast.parse(" ".join(text.split()), mode="eval"))
                if isinstance(n, ast.Name)}
    except SyntaxError:
        return set()


def _link_offices(linker: Linker, doc: Document, spec: model.OfficesFile) -> None:
    for oid, o in spec.offices.items():
        linker.offices[oid] = Office(oid, o.name, o.level, o.department, o.escalates_to,
                                     tuple(o.helplines), o.community_resource, o.note)
    for oid, o in spec.offices.items():
        linker.ref(doc, ("offices", oid, "escalates_to"), o.escalates_to, linker.offices,
                   "office", "E310")
        seen = {oid}
        above = o.escalates_to
        while above in linker.offices:
            if above in seen:
                linker.errors.append(doc.error(("offices", oid, "escalates_to"), "E311",
                                               f"escalation from {oid!r} loops back"))
                break
            seen.add(above)
            above = linker.offices[above].escalates_to


def _link_documents(linker: Linker, doc: Document, spec: model.DocumentsFile) -> None:
    for did, d in spec.documents.items():
        linker.ref(doc, ("documents", did, "issued_by"), d.issued_by, linker.offices,
                   "office", "E310")
        linker.documents[did] = Doc(did, d.name, d.issued_by, d.note, tuple(d.met_by))
    for did, d in spec.documents.items():
        for i, other in enumerate(d.met_by):
            path = ("documents", did, "met_by", i)
            linker.ref(doc, path, other, spec.documents, "document", "E433")
            if other == did:
                linker.errors.append(doc.error(path, "E434", "a document is not an "
                                               "alternative to itself"))
            elif other in d.met_by[:i]:
                linker.errors.append(doc.error(path, "E434", f"{other!r} is named twice"))
            elif other in spec.documents and spec.documents[other].met_by:
                linker.errors.append(doc.error(path, "E434", f"{other!r} has alternatives of "
                                               "its own: name the documents that meet it here "
                                               "instead"))


def _link_entitlement(linker: Linker, name: str, doc: Document, spec: model.EntitlementFile,
                      seen: Mapping[str, Entitlement]) -> Entitlement | None:
    path = PurePosixPath(name)
    if spec.id != path.stem:
        linker.errors.append(doc.error(("id",), "E402", f"id {spec.id!r} differs from the "
                                       f"file name {path.stem!r}"))
    if spec.domain != path.parent.name:
        linker.errors.append(doc.error(("domain",), "E403", f"domain {spec.domain!r} differs "
                                       f"from the folder {path.parent.name!r}"))
    if spec.id in seen:
        linker.errors.append(doc.error(("id",), "E402", f"id {spec.id!r} is used twice"))
    source_ids = set(linker.sources(doc, spec.sources))
    named: dict[str, None] = {}
    read = [_variants(linker, doc, ("versions", i), v, source_ids, spec.id, named)
            for i, v in enumerate(spec.versions)]
    link_routes.date_fact(linker, doc, ("routes_dated_by",), spec.routes_dated_by)
    _check_dates(linker, doc, spec.versions)
    if any(not r for r in read):
        return None
    ent = Entitlement(spec.id, spec.title, spec.domain, spec.summary, name, tuple(spec.needs),
                      tuple(r[0].version for r in read), tuple(spec.sources),
                      tuple(spec.examples), spec.routes_dated_by,
                      tuple(variant for r in read for variant in r), tuple(named))
    for i, ex in enumerate(spec.examples):
        _check_example(linker, doc, ("examples", i), ex, ent)
    return ent


def _check_dates(linker: Linker, doc: Document, versions: list[model.Version]) -> None:
    for i in range(1, len(versions)):
        before, after = versions[i - 1], versions[i]
        if after.valid_from <= before.valid_from:
            linker.errors.append(doc.error(
                ("versions", i, "valid_from"), "E404",
                f"versions must be in date order: version {i + 1} starts on "
                f"{after.valid_from}, not after version {i}'s {before.valid_from}"))
        elif before.valid_until is None or before.valid_until >= after.valid_from:
            until = ("has no valid_until" if before.valid_until is None
                     else f"runs until {before.valid_until}")
            linker.errors.append(doc.error(
                ("versions", i, "valid_from"), "E404",
                f"version {i + 1} starts on {after.valid_from} while version {i} (from "
                f"{before.valid_from}) {until} and is still in force"))


def _variants(linker: Linker, doc: Document, path: Path, v: model.Version, sources: set[str],
              entitlement_id: str, named: dict[str, None]) -> list[Variant]:
    """The version read on its first day nationally, then again wherever a parameter it names
    changes value, and for each State with values of its own: one ``Variant`` each. Empty
    when the version has errors. Adds the parameters it names to ``named``."""
    linker.used.clear()
    linker.context = Context(v.valid_from)
    first = _link_version(linker, doc, path, v, sources, entitlement_id)
    named.update(linker.used)
    if first is None:
        return []
    params = [linker.params[name] for name in linker.used]
    last = v.valid_until or dt.date.max
    starts = sorted({v.valid_from} | {day for p in params for day in p.edges()
                                      if v.valid_from < day <= last})
    states = sorted({state for p in params for state in p.states})
    variants: list[Variant] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else v.valid_until
        for state in (None, *states):
            if state is not None and all(p.on(start, state)[1] is None for p in params):
                continue  # the State has no value of its own then: the national reading serves
            if (start, state) == (v.valid_from, None):
                variants.append(Variant(start, end, None, first))
                continue
            linker.context = Context(start, state)
            version = _link_version(linker, doc, path, v, sources, entitlement_id)
            if version is None:
                return []
            variants.append(Variant(start, end, state, version))
    return variants


def _link_version(linker: Linker, doc: Document, path: Path, v: model.Version,
                  sources: set[str], entitlement_id: str) -> Version | None:
    clauses = [linker.condition(doc, (*path, "when", i), c) for i, c in enumerate(v.when)]
    keep = [linker.condition(doc, (*path, "keep", i), c) for i, c in enumerate(v.keep)]
    benefits = [_link_benefit(linker, doc, (*path, "benefits", i), b, sources)
                for i, b in enumerate(v.benefits)]
    offices = linker.offices
    linker.ref(doc, (*path, "office"), v.office, offices, "office", "E312")
    linker.ref(doc, (*path, "pays"), v.pays, offices, "office", "E312")
    for i, d in enumerate(v.documents):
        linker.ref(doc, (*path, "documents", i), d, linker.documents, "document", "E313")
    for i, s in enumerate(v.steps):
        linker.ref(doc, (*path, "steps", i, "office"), s.office, offices, "office", "E312")
    for i, t in enumerate(v.time_limits):
        linker.ref(doc, (*path, "time_limits", i, "office"), t.office, offices, "office",
                   "E312")
        link_routes.date_fact(linker, doc, (*path, "time_limits", i, "start_fact"), t.start_fact)
    routes = link_routes.link_routes(linker, doc, path, v, entitlement_id)
    if any(c is None for c in (*clauses, *keep)) or any(b is None for b in benefits) \
            or routes is None:
        return None
    kept = tuple(c for c in clauses if c is not None)
    fn = codegen.compile_fast(conditions_tree(kept))  # two-valued, or three-valued
    leaves = [c.node for clause in kept for c in clause.walk() if c.node is not None]
    return Version(v.valid_from, v.valid_until, v.title, v.verified, v.note,
                   tuple(v.legal_basis), kept, fn, tuple(b for b in benefits if b is not None),
                   v.office, v.pays, tuple(v.documents), tuple(v.time_limits), tuple(v.steps),
                   routes, _boundary_values(linker, leaves), boundaries.repeated(leaves),
                   tuple(c for c in keep if c is not None))


def _boundary_values(linker: Linker, leaves: list[nodes.Node]) -> dict[str, tuple[Any, ...]]:
    return {fact: tuple(boundaries.candidates(linker.facts[fact], literals))
            for fact, literals in boundaries.gather(leaves).items()}


def _link_benefit(linker: Linker, doc: Document, path: Path, b: model.Benefit,
                  sources: set[str]) -> Benefit | None:
    for i, sid in enumerate(b.sources):
        linker.ref(doc, (*path, "sources", i), sid, {s: s for s in sources}, "source", "E314")
    when = None if b.when is None else linker.condition(doc, (*path, "when"), b.when)
    if b.when is not None and when is None:
        return None
    slabs: list[Slab] = []
    if isinstance(b.amount, list):
        for i, s in enumerate(b.amount):
            cond = None if s.when is None else linker.condition(
                doc, (*path, "amount", i, "when"), s.when)
            amount = _amount(linker, doc, (*path, "amount", i, "value"), s.value, b.unit)
            if (s.when is not None and cond is None) or amount is None:
                return None
            low, high, figures = amount
            slabs.append(Slab(cond, low, high, s.cite, s.verified, s.note, figures))
    elif b.amount is not None:
        amount = _amount(linker, doc, (*path, "amount"), b.amount, b.unit)
        if amount is None:
            return None
        low, high, figures = amount
        slabs.append(Slab(None, low, high, figures=figures))
    return Benefit(b.label, b.kind, b.unit, b.period, when, tuple(slabs), b.verified, b.note,
                   tuple(b.sources))


Amount = tuple[int | None, int | None, tuple[Figure, ...]]


def _amount(linker: Linker, doc: Document, path: Path, value: model.AmountValue,
            unit: str) -> Amount | None:
    """An amount as the linker's context reads it: low, high (None for an open end, or no
    value encoded for the State), and the parameters it came from."""
    if isinstance(value, int):
        return value, value, ()
    if isinstance(value, model.Range):
        return value.min, value.max, ()
    if isinstance(value, str):
        figure = linker.figure(doc, path, value, unit)
        if figure is None:
            return None
        known = figure.value
        return (None, None, (figure,)) if known is None else (known.low, known.high, (figure,))
    base = _amount(linker, doc, (*path, "value"), value.value, unit)
    times = _amount(linker, doc, (*path, "times"), value.times, "days") \
        if isinstance(value.times, str) else (value.times, value.times, ())
    if base is None or times is None:
        return None
    figures = (*base[2], *times[2])
    return _times(base[0], times[0]), _times(base[1], times[1]), figures


def _times(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a * b


def _check_example(linker: Linker, doc: Document, path: Path, ex: model.Example,
                   ent: Entitlement) -> None:
    for fact, value in ex.profile.items():
        where = (*path, "profile", fact)
        if fact in linker.derived:
            linker.errors.append(doc.error(where, "E405", f"{fact!r} is derived; give the "
                                           "facts it is made from", key=True))
        elif fact not in linker.facts:
            close = difflib.get_close_matches(fact, list(linker.facts), n=1)
            linker.errors.append(doc.error(where, "E405", f"unknown fact {fact!r}",
                                           close[0] if close else None, key=True))
        else:
            problem = linker.facts[fact].coerce(value)[1]
            if problem:
                linker.errors.append(doc.error(where, "E405", f"{fact} {problem}"))
    for i, d in enumerate(ex.documents_held or ()):
        linker.ref(doc, (*path, "documents_held", i), d, linker.documents, "document", "E313")
    version = ent.version_on(ex.as_of, ex.profile.get("state"))
    if (version is None) != (ex.expect.status == "not_in_force"):
        linker.errors.append(doc.error((*path, "as_of"), "E407", "no version is in force on "
                                       "this date: expect status not_in_force" if version is None
                                       else "a version is in force on this date"))
    if version is None:
        return
    labels = {b.label for b in version.benefits}
    for label in (ex.expect.benefits or {}):
        if label not in labels:
            close = difflib.get_close_matches(label, sorted(labels), n=1)
            linker.errors.append(doc.error((*path, "expect", "benefits", label), "E406",
                                           f"no benefit {label!r} in the version in force on "
                                           f"{ex.as_of}", close[0] if close else None, key=True))
    for i, fact in enumerate(ex.expect.missing or ()):
        if fact not in linker.facts:
            linker.errors.append(doc.error((*path, "expect", "missing", i), "E408",
                                           f"{fact!r} is not a base fact"))
