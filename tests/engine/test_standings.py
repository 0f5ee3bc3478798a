"""Standings remembered by the facts a version reads are the standings worked out afresh."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left
from itertools import pairwise
from typing import Any

from pydantic import TypeAdapter

from service.engine.brief import BriefEvaluation, evaluate_brief, remembered
from service.engine.case import Case
from service.engine.evaluate import statuses
from service.engine.offices import Place
from service.engine.regions import Regions, reads
from service.engine.standings import Standings, standing
from service.rules.boundaries import candidates
from service.rules.ruleset import FactDef, Ruleset
from tests.oracle.durable_oracle import random_profiles

DATES = (dt.date(2016, 6, 1), dt.date(2026, 11, 28))


def test_remembered_standings_are_the_standings(ruleset: Ruleset) -> None:
    memo = Standings(lambda ent_id, where: (ent_id, where), limit=5_000, per_version=300)
    profiles = (random_profiles(ruleset, 150, 11, known=0.6)
                + random_profiles(ruleset, 150, 12, known=0.9))
    first: list[list[tuple[str, object]]] = []
    remembered = 0
    for i, facts in enumerate(profiles * 2):  # each profile twice: the second time, remembered
        as_of = DATES[i % 2]
        found = statuses(ruleset, facts, as_of)
        given = memo.each(ruleset, facts, as_of)
        fresh = [(e.id, standing(v, facts, found[e.id]))
                 for e, v in ruleset.in_force(as_of, facts.get("state"))]
        assert given == fresh, facts
        if i < len(profiles):
            first.append(given)
        else:  # the very objects of the first time, where the memo kept them
            remembered += sum(a is b for a, b in zip(given, first[i - len(profiles)],
                                                     strict=True))
    assert remembered > len(profiles) * 30 / 2  # the memo was used, not only filled
    assert memo._size <= 5_000


def test_what_a_version_reads_covers_its_benefits(ruleset: Ruleset) -> None:
    ent = ruleset.entitlements["victim-compensation"]
    version = ent.variants[-1].version
    read = set(reads(version))
    slab_facts = {f for b in version.benefits for s in b.slabs if s.when is not None
                  for f in s.when.facts}
    assert slab_facts - {f for c in version.clauses for f in c.facts}  # amounts read more
    assert read >= {f for c in version.clauses for f in c.facts} | slab_facts
    assert len(reads(version)) == len(read)  # each fact once in the key


def test_the_memo_is_bounded(ruleset: Ruleset) -> None:
    memo = Standings(lambda ent_id, where: (ent_id, where), limit=40, per_version=3)
    for facts in random_profiles(ruleset, 30, 13, known=0.7):
        memo.each(ruleset, facts, DATES[1])
        assert memo._size <= 40
        assert all(len(slot.eligible) + len(slot.open) <= 3 for slot in memo._slots.values())
    assert memo._size == 40  # full, and kept full rather than emptied


def test_the_collector_stops_watching_what_a_standing_is_missing(ruleset: Ruleset) -> None:
    # A service holds thousands of standings for as long as it lives, and every full
    # collection walks what it still watches: names of facts in a tuple need no watching.
    import gc

    memo = remembered()
    kept = [where for facts in random_profiles(ruleset, 40, 14, known=0.5)
            for where in memo.each(ruleset, facts, DATES[1])]
    waiting = [where.missing for where in kept if where.missing]
    assert waiting  # partial profiles leave some entitlements waiting on facts
    gc.collect()
    assert not any(map(gc.is_tracked, waiting))


def test_brief_answers_with_remembered_standings_are_the_same(ruleset: Ruleset) -> None:
    memo, adapter = remembered(), TypeAdapter(BriefEvaluation)
    profiles = random_profiles(ruleset, 100, 14, known=0.6)
    for i, facts in enumerate(profiles * 2):
        case = Case(facts, Place(state=facts.get("state")))
        domains = ("legal", "social") if i % 3 == 0 else None
        plain = evaluate_brief(ruleset, case, DATES[i % 2], domains=domains)
        shared = evaluate_brief(ruleset, case, DATES[i % 2], domains=domains, standings=memo)
        assert adapter.dump_json(shared) == adapter.dump_json(plain)


def test_profiles_in_the_same_regions_stand_alike(ruleset: Ruleset) -> None:
    """What the memo's keys rest on: move every number, date and set of a profile elsewhere
    in its region, and every version stands exactly as before, while the regions stay the
    same."""
    versions = [v.version for e in ruleset.entitlements.values() for v in e.variants]
    regions = Regions(versions, ruleset.facts)
    draw = random.Random(15)
    moved_any = 0
    for i, facts in enumerate(random_profiles(ruleset, 200, 15, known=0.8)):
        other = {name: _elsewhere(draw, ruleset.facts[name], value, regions)
                 for name, value in facts.items()}
        moved_any += other != facts
        assert regions.of(other) == regions.of(facts)
        as_of = DATES[i % 2]
        state = facts.get("state")
        for (ent, version), found, moved in zip(
                ruleset.in_force(as_of, state), statuses(ruleset, facts, as_of).values(),
                statuses(ruleset, other, as_of).values(), strict=True):
            assert found is moved, (ent.id, facts, other)
            assert standing(version, other, moved) == standing(version, facts, found), ent.id
    assert moved_any > 150  # the profiles did move


def test_regions_tell_apart_what_a_condition_tells_apart(ruleset: Ruleset) -> None:
    versions = [v.version for e in ruleset.entitlements.values() for v in e.variants]
    regions = Regions(versions, ruleset.facts)
    cut = regions.cuts["age"]
    assert 18 in cut  # a child is under 18
    seen = {regions.of({"age": age})["age"] for age in (17, 18, 19)}
    assert len(seen) == 3  # below, on and above a limit differ
    gap = next(a for a, b in pairwise(cut) if b - a > 2)
    assert regions.of({"age": gap + 1})["age"] == regions.of({"age": gap + 2})["age"]
    asked = regions.asked["harms_suffered"]
    some = next(iter(asked))
    assert regions.of({"harms_suffered": frozenset({some})})["harms_suffered"] == {some}


def test_the_memo_keeps_apart_values_either_side_of_a_limit(ruleset: Ruleset) -> None:
    """Each number and date of a profile set in turn to every value on and beside the limits
    the conditions use: through one memo, each answer is still the one worked out afresh."""
    memo = Standings(lambda ent_id, where: (ent_id, where))
    versions = [v.version for e in ruleset.entitlements.values() for v in e.variants]
    regions = Regions(versions, ruleset.facts)
    as_of = DATES[1]
    for facts in random_profiles(ruleset, 12, 16, known=0.8):
        for name, cut in regions.cuts.items():
            for value in candidates(ruleset.facts[name], cut):
                given = {**facts, name: value}
                found = statuses(ruleset, given, as_of)
                fresh = [(e.id, standing(v, given, found[e.id]))
                         for e, v in ruleset.in_force(as_of, given.get("state"))]
                assert memo.each(ruleset, given, as_of) == fresh, (name, value)


def _elsewhere(draw: random.Random, fact: FactDef, value: Any, regions: Regions) -> Any:
    """Another value of ``fact`` in the same region as ``value`` (itself where the region
    is one point, or the fact is not cut into regions)."""
    if fact.name in regions.asked:
        asked = regions.asked[fact.name]
        others = [v for v in fact.values if v not in asked]
        return (value & asked) | frozenset(draw.sample(others, k=draw.randint(0, len(others))))
    cut = regions.cuts.get(fact.name)
    if cut is None:
        return value
    at = bisect_left(cut, value)
    if at < len(cut) and cut[at] == value:
        return value
    one: Any = 1 if fact.kind == "int" else dt.timedelta(days=1)
    low = cut[at - 1] + one if at > 0 else value - 50 * one
    high = cut[at] - one if at < len(cut) else value + 50 * one
    if fact.kind == "int":
        low = max(low, fact.min) if fact.min is not None else low
        high = min(high, fact.max) if fact.max is not None else high
        return draw.randint(low, high)
    return low + dt.timedelta(days=draw.randint(0, (high - low).days))
