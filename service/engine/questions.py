"""The next questions worth asking: the unknown facts whose answers settle the most and narrow
the amounts the most.

``settles``: how many entitlements wait on the fact alone (its answer decides them).

``narrows_inr``: how many rupees of the amounts still open its answer takes away. A benefit
in rupees of an entitlement she may get is open from its lowest amount (0 while it is unknown
whether she gets it at all) to its highest. For each unknown fact that bears on it, the
benefit is worked out again for each answer the conditions tell apart (yes and no; each value
of a list; each harm alone, or none, for a set; the values either side of each limit for a
number or a date); what the fact takes away is the open range less the range left, averaged
over those answers. Amounts are added as written, whatever their period; a benefit with no
highest amount is left out. `harms_suffered`, which picks the row of the victim compensation
schedule, takes most of that range away; `age_at_offence`, which only picks the child's or the
adult's column once the row is known, takes away less.

Ranking: by ``settles``, the most first (an answer that decides a scheme outright comes
first); among questions that settle as many, by ``narrows_inr``, the most rupees first; then
by how many entitlements wait on the fact at all; then in the order of facts.yaml, so that
the ranking is stable. A fact that decides no entitlement but moves an amount (the harms,
once she is known to be a victim of a crime) is asked after those that decide one, and
before those that move nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from service.engine import amounts
from service.engine.remembered import Remembered
from service.engine.result import EntitlementResult, Question
from service.expr.kleene import FALSE, Tri
from service.rules import boundaries
from service.rules.ruleset import Benefit, Entitlement, FactDef, InForce, Ruleset, Version
from service.text.words import Words


def next_questions(ruleset: Ruleset, results: list[EntitlementResult], in_force: InForce,
                   facts: Mapping[str, Any], as_of: dt.date, words: Words,
                   memo: Remembered | None = None,
                   seen: Callable[[str], Any] | None = None) -> list[Question]:
    """``in_force``: the entitlement and version each of ``results`` was read from, in the
    same order. ``memo``: one the caller keeps for this ruleset; ``seen``: the regions of her
    facts, when the caller has them."""
    waiting, alone = _waiting(results)
    narrows = narrowing(results, in_force, facts, as_of, ruleset.facts, memo, seen)
    order = ruleset.fact_order
    asked = [name for name in {**dict.fromkeys(waiting), **dict.fromkeys(narrows)}
             if name in order]
    ranked = sorted(asked, key=lambda f: (-alone[f], -narrows[f], -waiting[f], order[f]))
    return [_question(ruleset, name, words, waiting, alone, narrows[name]) for name in ranked]


# What one version's open amounts lose to each unknown fact: (fact, a benefit's open range,
# the range its answers leave on average), in the order they are added up.
Narrowed = list[tuple[str, int, float]]


def narrowing(results: Sequence[EntitlementResult], in_force: InForce,
              facts: Mapping[str, Any], as_of: dt.date, fact_defs: Mapping[str, FactDef],
              memo: Remembered | None = None,
              seen: Callable[[str], Any] | None = None) -> Counter[str]:
    """For each unknown fact, the rupees of open amounts its answer takes away, on average
    over its answers (see above). ``seen``: the regions of her facts, when the caller has
    them.

    What a version's open amounts lose reads of the profile only its status, its benefits'
    answers, and the trials' statuses and amounts, all of which read the facts the version
    reads through their regions (``Regions``); with the day, when her State is not known
    (it picks the version each State is tried with), that is what ``memo`` keeps it by.
    Her State itself is read only where the version's conditions read it: the version,
    one object for each State with figures of its own (``Variant``), is the memo's."""
    taken: dict[str, float] = {}
    for result, (ent, version) in zip(results, in_force, strict=True):
        if result.status == "not_eligible":
            continue
        if memo is None:
            lost = _lost(result, ent, version, facts, as_of, fact_defs, {})
        else:
            if seen is None:
                seen = memo.regions.of(facts).get
            kept = memo.of(version)
            # the day picks the version each State is tried with, when her State is not
            # known; when it is, the version is this one, and neither is read
            key = ("narrowing", as_of if facts.get("state") is None else None,
                   *map(seen, kept.reads))
            lost = kept.kept(key, _lost, result, ent, version, facts, as_of, fact_defs,
                             kept.table("answers to try"))
        for name, width, left in lost:
            taken[name] = taken.get(name, 0.0) + width - left
    return Counter({name: round(rupees) for name, rupees in taken.items() if rupees >= 0.5})


def _lost(result: EntitlementResult, ent: Entitlement, version: Version,
          facts: Mapping[str, Any], as_of: dt.date, fact_defs: Mapping[str, FactDef],
          tries: dict[Any, list[Any]]) -> Narrowed:
    """What the result's open amounts lose to each unknown fact: none for most versions,
    which have no open amount. Its open amounts read what the memo's key reads (the status,
    what is missing and the benefits' answers): so a version with none is kept too, and
    not looked at again. ``tries``: a memo of the version's answers to try (``_answers``)."""
    open_ = _open_benefits(result)
    return _narrowed(open_, ent, version, facts, as_of, fact_defs, tries) if open_ else []


def _narrowed(open_: list[tuple[int, int, dict[str, None]]], ent: Entitlement,
              version: Version, facts: Mapping[str, Any], as_of: dt.date,
              fact_defs: Mapping[str, FactDef], tries: dict[Any, list[Any]]) -> Narrowed:
    """What the version's open amounts (``_open_benefits`` of its result) lose to each
    unknown fact. ``tries``: the answers to try for a fact and the benefits it bears on,
    by both (they read nothing of her), kept across answers by the caller."""
    out: Narrowed = []
    for name in dict.fromkeys(n for _, _, deciders in open_ for n in deciders):
        bearing = [(index, width) for index, width, deciders in open_ if name in deciders]
        key = (name, *(index for index, _ in bearing))
        values = tries.get(key)
        if values is None:
            values = tries[key] = _answers(fact_defs.get(name), version,
                                           [version.benefits[index] for index, _ in bearing])
        left = [0.0] * len(bearing)
        tried = [0] * len(bearing)
        for value in values:
            # her State picks the State's own figures: read the version for it
            read = (ent.version_on(as_of, value) or version) if name == "state" else version
            trial = {**facts, name: value}
            status = read.fn(trial)  # once for all the benefits it bears on
            for k, (index, _) in enumerate(bearing):
                width = 0 if status is FALSE else _span(read, index, trial, status)
                if width is not None:
                    left[k] += width
                    tried[k] += 1
        for k, (_, width) in enumerate(bearing):
            if tried[k]:
                out.append((name, width, left[k] / tried[k]))
    return out


def _open_benefits(result: EntitlementResult) -> list[tuple[int, int, dict[str, None]]]:
    """(index, open range, the facts that bear on it) for each benefit with an open amount."""
    out = []
    for index, shown in enumerate(result.benefits):
        width = _width(shown.unit, shown.applies, shown.amount_min, shown.amount_max)
        if not width:
            continue
        deciders = dict.fromkeys(shown.missing)
        if shown.applies is None and result.status == "needs_info":
            deciders.update(dict.fromkeys(result.missing))
        out.append((index, width, deciders))
    return out


def _width(unit: str, applies: bool | None, low: int | None, high: int | None) -> int | None:
    """The open range of a benefit: None when it has no highest amount."""
    if unit != "inr" or applies is False:
        return 0
    if high is None:
        return None
    return high - (0 if applies is None else low or 0)


def _span(version: Version, index: int, facts: Mapping[str, Any], status: Tri) -> int | None:
    benefit = version.benefits[index]
    applies, low, high = amounts.span(benefit, facts, status)
    return _width(benefit.unit, applies.to_json(), low, high)


def _answers(fact: FactDef | None, version: Version, benefits: list[Benefit]) -> list[Any]:
    """The answers to try for ``fact``: one in each region its conditions tell apart."""
    if fact is None:
        return []
    if fact.kind == "set":
        return [frozenset(), *(frozenset([v]) for v in fact.values)]
    if fact.kind in ("bool", "enum"):
        return boundaries.candidates(fact, ())
    literals: set[Any] = set(version.boundary_values.get(fact.name, ()))
    for benefit in benefits:
        for node in _nodes(benefit):
            for name, values in boundaries.literals(node):
                if name == fact.name:
                    literals |= values
    return boundaries.candidates(fact, literals)


def _nodes(benefit: Benefit) -> Iterator[Any]:
    clauses = [benefit.when] if benefit.when is not None else []
    clauses += [slab.when for slab in benefit.slabs if slab.when is not None]
    for clause in clauses:
        for part in clause.walk():
            if part.node is not None:
                yield part.node


class Waiting(Protocol):
    """A result as the brief questions read it: full (``EntitlementResult``) or brief."""

    @property
    def status(self) -> str: ...

    @property
    def missing(self) -> list[str]: ...


def waiting_questions(ruleset: Ruleset, results: Sequence[Waiting], words: Words,
                      limit: int | None = None) -> list[Question]:
    """The brief answer's questions: ranked by how many entitlements each settles and waits
    on, without working out amounts (a brief answer has none to narrow)."""
    waiting, alone = _waiting(results)
    order = ruleset.fact_order
    ranked = sorted(waiting, key=lambda f: (-alone[f], -waiting[f], order[f]))
    return [_question(ruleset, name, words, waiting, alone) for name in ranked[:limit]]


def _waiting(results: Sequence[Waiting]) -> tuple[Counter[str], Counter[str]]:
    """For each unknown fact: how many needs_info results wait on it, and on it alone."""
    waiting: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    # Counted by hand: Counter.update and a new key's += each call back into Python, and an
    # answer counts a few dozen.
    for result in results:
        if result.status != "needs_info":
            continue
        missing = result.missing
        for name in missing:
            waiting[name] = waiting.get(name, 0) + 1
        if len(missing) == 1:
            alone[missing[0]] = alone.get(missing[0], 0) + 1
    return waiting, alone


def _question(ruleset: Ruleset, name: str, words: Words, waiting: Counter[str],
              alone: Counter[str], narrows: int = 0) -> Question:
    fact = ruleset.facts[name]
    return Question(fact=name, question=words.t(fact.question), type=fact.kind,
                    values=list(fact.values) or None, unit=fact.unit,
                    entitlements=waiting[name], settles=alone[name], narrows_inr=narrows)
