"""Checks on a loaded ruleset that go beyond loading: what an analyst should look at.

Errors (E4xx) make `adhikar lint` fail; warnings (W) are reported and fail only with
`--strict`. Reachability is decided exactly by trying every combination of the values that
matter: conditions only compare facts with literals, so the literals (and one either side)
split each fact's range into every region a condition can tell apart.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from service.errors import RuleError
from service.expr import nodes
from service.expr.kleene import TRUE
from service.expr.nodes import Node
from service.rules import boundaries
from service.rules.marks import Path
from service.rules.ruleset import Benefit, Clause, Entitlement, Route, Ruleset, Version

MAX_COMBINATIONS = 50_000
ENGINE_FACTS = {"state"}  # read by the engine to name offices, not by any condition


def lint(ruleset: Ruleset) -> list[RuleError]:
    findings: list[RuleError] = []
    for ent in ruleset.entitlements.values():
        findings += _version_gaps(ruleset, ent)
        if not ent.needs:
            findings.append(_at(ruleset, ent.file, ("domain",), "W420", "no `needs:`: say which "
                                "of survivors' needs it serves, for the catalogue's coverage"))
        for i, version in enumerate(ent.versions):
            path: Path = ("versions", i)
            findings += _figures_in_place(ruleset, ent, version, path)
            findings += _limits_without_their_when(ruleset, ent, version, path)
            if not _can_hold(ruleset, version.clauses):
                findings.append(_at(ruleset, ent.file, (*path, "when"), "E410",
                                    "the conditions of this version can never all hold"))
            for j, benefit in enumerate(version.benefits):
                findings += _benefit(ruleset, ent, benefit, (*path, "benefits", j))
            for j, route in enumerate(version.routes):
                if not _can_hold(ruleset, (*version.clauses, *route.open_when)):
                    findings.append(_at(ruleset, ent.file, (*path, "routes", j, "open_when"),
                                        "E417", f"route {route.id!r} can never open: its "
                                        "conditions and the entitlement's never all hold"))
    findings += _unused(ruleset)
    findings += _translations(ruleset)
    return sorted(findings, key=lambda e: (e.file, e.line, e.col, e.code))


def _translations(ruleset: Ruleset) -> list[RuleError]:
    """Per language: each stale translation (its English changed since), and one finding for
    the texts with none (`adhikar text status --list` names them)."""
    out = []
    for code, catalogue in ruleset.catalogues.items():
        doc = ruleset.files_read.get(catalogue.file)
        entries = (doc.data or {}).get("texts") or [] if doc is not None else []
        for i, entry in enumerate(entries):
            if isinstance(entry, dict) and entry.get("was") and entry.get("en") in ruleset.english:
                out.append(_at(ruleset, catalogue.file, ("texts", i, "en"), "W433",
                               "stale: the English changed since this was translated; check "
                               "the translation against the new English, then remove `was`"))
        missing = sum(1 for en in ruleset.english if catalogue.texts.get(en) is None)
        if missing:
            out.append(_at(ruleset, catalogue.file, ("texts",), "W434", f"{missing} text(s) "
                           f"have no {code} translation: `adhikar text status --lang {code} "
                           "--list` names them; `adhikar text update` adds them here"))
    return out


def errors_only(findings: list[RuleError]) -> list[RuleError]:
    return [f for f in findings if f.code.startswith("E")]


# ---- findings ---------------------------------------------------------------------------


def _version_gaps(ruleset: Ruleset, ent: Entitlement) -> list[RuleError]:
    out = []
    for i in range(1, len(ent.versions)):
        before, after = ent.versions[i - 1], ent.versions[i]
        if before.valid_until is not None and (
                after.valid_from - before.valid_until).days > 1:
            out.append(_at(ruleset, ent.file, ("versions", i, "valid_from"), "W404",
                           f"gap: version {i} ends {before.valid_until} and version {i + 1} "
                           f"starts {after.valid_from}; nothing is in force between"))
    return out


def _benefit(ruleset: Ruleset, ent: Entitlement, benefit: Benefit,
             path: Path) -> list[RuleError]:
    out = []
    if benefit.slabs and not benefit.sources:
        out.append(_at(ruleset, ent.file, (*path, "amount"), "E415",
                       f"the amount of {benefit.label!r} cites no source (add `sources:`)"))
    if benefit.when is not None and not _can_hold(ruleset, (benefit.when,)):
        out.append(_at(ruleset, ent.file, (*path, "when"), "E411",
                       f"{benefit.label!r} can never apply: its condition never holds"))
    for k in _unreachable_slabs(ruleset, benefit):
        out.append(_at(ruleset, ent.file, (*path, "amount", k), "E412",
                       f"slab {k + 1} of {benefit.label!r} can never be reached: an earlier "
                       "slab always matches first, or its condition never holds"))
    return out


def _figures_in_place(ruleset: Ruleset, ent: Entitlement, version: Version,
                      path: Path) -> list[RuleError]:
    """W428: an amount, or a sum of money compared in a condition, written in place instead of
    named as a parameter, where its dated values and sources belong."""
    out = []
    for j, benefit in enumerate(version.benefits):
        for k, slab in enumerate(benefit.slabs):
            if not slab.figures and (slab.low is not None or slab.high is not None):
                where = (*path, "benefits", j, "amount") + ((k, "value") if slab.when or
                                                             len(benefit.slabs) > 1 else ())
                out.append(_at(ruleset, ent.file, where, "W428", f"the amount of "
                               f"{benefit.label!r} is written in place: name a parameter of "
                               "rules/parameters/, which dates it and cites its source"))
    for clause in version.conditions():
        for leaf in _leaves(clause):
            if isinstance(leaf, nodes.Compare) and leaf.param is None \
                    and (ruleset.facts[leaf.fact].unit or "").lower() == "inr":
                out.append(_at(ruleset, ent.file, path, "W428", f"{leaf.text!r} compares a sum "
                               "of money with a figure written in place: name a parameter"))
    return out


def _limits_without_their_when(ruleset: Ruleset, ent: Entitlement, version: Version,
                               path: Path) -> list[RuleError]:
    """E429: a version's time limit (what a claim's due date runs on) that a route restricts
    to some cases with `when` (an acid attack): the claim would take it for every case."""
    narrowed = {t.limit.label: (route.id, t.when.text) for route in version.routes
                for t in route.time_limits if t.when is not None}
    return [_at(ruleset, ent.file, (*path, "time_limits", j, "label"), "E429",
                f"time limit {t.label!r} applies to every claim here, but route "
                f"{narrowed[t.label][0]!r} gives it only when {narrowed[t.label][1]}: leave it "
                "to the route, or give the claim's limit for every case")
            for j, t in enumerate(version.time_limits) if t.label in narrowed]


def _unused(ruleset: Ruleset) -> list[RuleError]:
    used: set[str] = set()
    derived_used: set[str] = set()
    for clause in _all_clauses(ruleset):
        if clause.node is not None:
            used.update(nodes.base_facts(clause.node))
            derived_used.update(_derived_names(clause.node))
    for d in ruleset.derived.values():
        derived_used.update(_derived_names(d.node) - {d.name})
    used.update(_facts_routes_read(ruleset))
    out = []
    for name in ruleset.facts:
        if name not in used and name not in ENGINE_FACTS:
            out.append(_at(ruleset, "facts.yaml", ("facts", name), "W301",
                           f"fact {name!r} is declared but no condition uses it", key=True))
    for name in ruleset.derived:
        if name not in derived_used:
            out.append(_at(ruleset, "facts.yaml", ("derived", name), "W302",
                           f"derived fact {name!r} is declared but no condition uses it",
                           key=True))
    return out


# ---- reachability -----------------------------------------------------------------------


def _can_hold(ruleset: Ruleset, clauses: tuple[Clause, ...]) -> bool:
    """Whether some fully-known profile makes every clause true (True when too many to try)."""
    leaves = [n for c in clauses for n in _leaves(c)]
    combos = _combinations(ruleset, leaves)
    if combos is None:
        return True
    return any(all(c.fn(facts) is TRUE for c in clauses) for facts in combos)


def _unreachable_slabs(ruleset: Ruleset, benefit: Benefit) -> list[int]:
    conditional = [s.when for s in benefit.slabs if s.when is not None]
    if not conditional:
        return []
    scope = [benefit.when, *conditional] if benefit.when else conditional
    combos = _combinations(ruleset, [n for c in scope for n in _leaves(c)])
    if combos is None:
        return []
    reached: set[int] = set()
    for facts in combos:
        if benefit.when is not None and benefit.when.fn(facts) is not TRUE:
            continue
        for k, slab in enumerate(benefit.slabs):
            if slab.when is None or slab.when.fn(facts) is TRUE:
                reached.add(k)
                break
    return [k for k in range(len(benefit.slabs)) if k not in reached]


def _combinations(ruleset: Ruleset, leaves: list[Node]) -> list[dict[str, Any]] | None:
    literals = boundaries.gather(leaves)
    axes = {name: boundaries.candidates(ruleset.facts[name], literals[name])
            for name in literals}
    size = 1
    for axis in axes.values():
        size *= len(axis)
        if size > MAX_COMBINATIONS:
            return None
    names = list(axes)
    return [dict(zip(names, combo, strict=True))
            for combo in itertools.product(*(axes[n] for n in names))]


def _leaves(clause: Clause) -> Iterator[Node]:
    return (c.node for c in clause.walk() if c.node is not None)


def _all_clauses(ruleset: Ruleset) -> Iterator[Clause]:
    for ent in ruleset.entitlements.values():
        for version in ent.versions:
            for condition in version.conditions():
                yield from condition.walk()
            for route in version.routes:
                for condition in _route_conditions(route):
                    yield from condition.walk()


def _route_conditions(route: Route) -> Iterator[Clause]:
    yield from route.open_when
    yield from (e.when for e in route.opens_on)
    yield from (s.when for s in route.steps if s.when is not None)
    yield from (b.when for b in route.legal_basis if b.when is not None)
    yield from (t.when for t in route.time_limits if t.when is not None)


def _facts_routes_read(ruleset: Ruleset) -> set[str]:
    """Facts the routes read outside conditions: the dates that start a clock or date an
    event, the fact that picks the version, and the facts an event sets."""
    read: set[str] = set()
    for ent in ruleset.entitlements.values():
        read.update([ent.routes_dated_by] if ent.routes_dated_by else [])
        for version in ent.versions:
            limits = [*version.time_limits,
                      *(t.limit for r in version.routes for t in r.time_limits)]
            read.update(t.start_fact for t in limits if t.start_fact)
            for route in version.routes:
                read.update(e.date_fact for e in route.opens_on if e.date_fact)
                read.update(name for e in route.opens_on for name in e.sets)
    return read


def _derived_names(node: Node) -> set[str]:
    return {n.name for n in nodes.walk(node) if isinstance(n, nodes.Derived)}


def _at(ruleset: Ruleset, file: str, path: Path, code: str, message: str, *,
        key: bool = False) -> RuleError:
    doc = ruleset.files_read.get(file)
    if doc is None:
        return RuleError(file, 1, 1, code, message)
    return doc.error(path, code, message, key=key)
