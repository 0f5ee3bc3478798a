"""Answers built with shared parts are the answers built without them."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from pydantic import TypeAdapter

from service.engine import explain
from service.engine.amounts import benefit_result, reading, unconditional
from service.engine.evaluate import evaluate
from service.engine.offices import Place
from service.engine.parts import PLAN, PartsCache
from service.engine.result import BenefitResult, EntitlementResult, Evaluation
from service.rules.ruleset import Ruleset, Version
from service.text.words import words_for
from tests.oracle.durable_oracle import condition_literals, random_profiles, random_value

JSON = TypeAdapter(Evaluation)
BENEFIT = TypeAdapter(BenefitResult)
PLACES = [Place(), Place(district="Purulia", state="west_bengal"), Place(district="Bargarh")]
HELD = [None, ["birth-certificate"], []]
AS_OF = dt.date(2026, 11, 28)


@pytest.mark.parametrize("reasons_kept", [explain.MEMO_LIMIT, 5])  # 5: a memo soon full
def test_shared_parts_change_nothing(ruleset: Ruleset, reasons_kept: int,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(explain, "MEMO_LIMIT", reasons_kept)
    cache = PartsCache(limit=300)  # a few answers' worth: it also starts again on the way
    for i, facts in enumerate(random_profiles(ruleset, 120, 7, known=0.6)):
        as_of = (dt.date(2020, 1, 1), dt.date(2026, 11, 28))[i % 2]
        place, brief = PLACES[i % 3], i % 4 == 0
        held = HELD[i % 3]
        plain = evaluate(ruleset, facts, as_of, place=place, brief=brief, documents_held=held)
        shared = evaluate(ruleset, facts, as_of, place=place, brief=brief, cache=cache,
                          documents_held=held)
        assert JSON.dump_json(shared) == JSON.dump_json(plain)


def test_a_figure_that_changes_within_a_version_is_not_shared_across_the_change(
        ruleset: Ruleset) -> None:
    """A version whose figures change on a day (a wage rate notified each April) is read as
    one object before and one after, both with the same ``valid_from``: answers either side
    of the day share none of its parts."""
    days = sorted({variant.start for ent in ruleset.entitlements.values()
                   for variant in ent.variants
                   if variant.state is None and variant.start > variant.version.valid_from})
    assert len(days) > 3  # the bundled rules have such changes
    cache = PartsCache()
    profiles = random_profiles(ruleset, 40, 3, known=0.8)
    for facts in profiles:
        for day in days:
            shared = evaluate(ruleset, facts, day, cache=cache)
            assert JSON.dump_json(shared) == JSON.dump_json(evaluate(ruleset, facts, day))


def test_what_does_not_depend_on_her_is_built_once(ruleset: Ruleset) -> None:
    cache = PartsCache()
    one, other = ({"age": 15, "state": "odisha", "was_trafficked": True},
                  {"age": 40, "state": "odisha", "is_bonded_labourer": True})
    first, second = (evaluate(ruleset, f, AS_OF, cache=cache).results for f in (one, other))
    held = evaluate(ruleset, one, AS_OF, cache=cache, documents_held=["birth-certificate"])
    asked = [(a, b, c) for a, b, c in zip(first, second, held.results, strict=True)
             if a.documents]
    assert asked  # some entitlements ask for documents
    for a, b, c in asked:
        assert a.documents is b.documents  # she lists no documents held: one list for all
        assert c.documents is not a.documents  # she does: her own
        assert [d.held for d in c.documents] != [None] * len(c.documents)
    # a benefit without a condition of its own, for the same status and State: one answer
    alike = [(x, y) for r, s in zip(first, second, strict=True) if r.status == s.status
             for x, y, benefit in zip(r.benefits, s.benefits, _version(ruleset, r).benefits,
                                      strict=True) if unconditional(benefit)]
    assert alike
    assert all(x is y for x, y in alike)
    # one with a condition of its own is shared where its conditions fall alike for both
    # (and the status is the same), and worked out apart where they do not
    own = [(x is y, reading(benefit, one) == reading(benefit, other))
           for r, s in zip(first, second, strict=True) if r.status == s.status
           for x, y, benefit in zip(r.benefits, s.benefits, _version(ruleset, r).benefits,
                                    strict=True) if not unconditional(benefit)]
    assert {same for same, _ in own} == {True, False}  # both happen here
    assert all(same == alike for same, alike in own)


def _version(ruleset: Ruleset, result: EntitlementResult) -> Version:
    return next(v for e, v in ruleset.in_force(AS_OF, "odisha") if e.id == result.entitlement)


def test_the_cache_is_bounded(ruleset: Ruleset) -> None:
    """Parts are kept in plans, one for the versions in force in a place: ``limit //
    PLAN`` plans at most, however many places ask."""
    cache = PartsCache(limit=3 * PLAN)
    most = len(ruleset.entitlements)
    for i, place in enumerate(_districts(ruleset, 12, 4)):
        evaluate(ruleset, {"age": 16, "state": place.state}, AS_OF, place=place, cache=cache)
        assert (i == 0 or cache.parts_kept() > most // 2) and cache.parts_kept() <= 3 * most


def test_a_benefit_answer_reads_no_more_than_its_reading(ruleset: Ruleset) -> None:
    """What lets answers share a benefit's answer: profiles whose reading of it is the same
    (with the status, and her State where its figures differ by State) get the same answer,
    in English and in Hindi."""
    words = [words_for(ruleset, language) for language in ("en", "hi")]
    seen: dict[tuple[object, ...], bytes] = {}
    recurring = 0  # answers of benefits with conditions of their own met again
    for facts in random_profiles(ruleset, 300, 11, known=0.7):
        for _, version in ruleset.in_force(AS_OF, facts.get("state")):
            status = version.fn(facts)
            for benefit in version.benefits:
                for said in words:
                    state = facts.get("state") if benefit.by_state else None
                    key = (id(benefit), status, state, said.language, reading(benefit, facts))
                    answer = BENEFIT.dump_json(benefit_result(benefit, facts, status, said))
                    recurring += key in seen and not unconditional(benefit)
                    assert seen.setdefault(key, answer) == answer
    assert recurring > 100


@pytest.mark.parametrize("lines", [256, 3])  # 3: rounds end often, and versions rest
def test_a_shared_result_is_the_result_worked_out_afresh(ruleset: Ruleset, lines: int) -> None:
    """As a screener asks: each fact of a profile changed or forgotten in turn, answered with
    the results other answers left behind; every answer is the one worked out without them,
    whatever the place, language, detail, documents held and what-ifs asked (each profile
    asked twice, in two ways)."""
    rng = random.Random(5)
    cache = PartsCache(lines=lines)
    literals = condition_literals(ruleset)
    hindi = words_for(ruleset, "hi")
    ways: list[dict[str, Any]] = [
        dict(place=place, documents_held=held, brief=brief, words=words, what_if=what_if)
        for place in PLACES for held in HELD for brief in (False, True)
        for words in (None, hindi) for what_if in (None, True)]
    for i, facts in enumerate(random_profiles(ruleset, 4, 21, known=0.5)):
        for j, (name, fact) in enumerate(ruleset.facts.items()):
            facts = dict(facts)
            if name in facts and rng.random() < 0.3:
                del facts[name]
            else:
                facts[name] = random_value(fact, rng, literals.get(name, []))
            # the second way differs from the first in one of them: what-ifs, language,
            # detail, documents held or place
            k = i + j
            for way in (ways[k % len(ways)], ways[(k + (1, 2, 4, 8, 24)[j % 5]) % len(ways)]):
                shared = evaluate(ruleset, facts, AS_OF, cache=cache, **way)
                plain = evaluate(ruleset, facts, AS_OF, **way)
                assert JSON.dump_json(shared) == JSON.dump_json(plain), (name, way)


def test_a_result_is_shared_by_profiles_that_agree_on_what_it_reads(ruleset: Ruleset) -> None:
    cache = PartsCache()
    regions = cache.regions(ruleset)
    versions = {ent.id: version for ent, version in ruleset.in_force(AS_OF, "odisha")}
    one = {"age": 16, "state": "odisha", "was_trafficked": True}
    for name, value in (("gender", "female"), ("age", 17), ("released_from_bonded_labour", True)):
        assert name in ruleset.facts
        other = {**one, name: value}
        before, after = (evaluate(ruleset, f, AS_OF, cache=cache).results for f in (one, other))
        shared = [(a is b, name in regions.result_reads(versions[a.entitlement]))
                  for a, b in zip(before, after, strict=True)]
        assert {read for _, read in shared} == {True, False}  # some read it, some do not
        assert all(same != read for same, read in shared), name
    # her State: every result reads it (her offices, figures that differ by State)
    before, after = (evaluate(ruleset, {**one, "state": state}, AS_OF, cache=cache).results
                     for state in ("odisha", "bihar"))
    assert not any(a is b for a, b in zip(before, after, strict=True))


def test_a_version_whose_results_are_not_asked_again_rests_a_while() -> None:
    cache = PartsCache(lines=4)
    rare, common = object(), object()
    built: list[object] = []

    def build() -> object:
        built.append(made := object())
        return made

    def ask(version: object, key: int) -> object:
        return cache.results(version).share(lambda _: key, None, build)

    assert ask(common, 1) is ask(common, 1)  # kept
    for key in range(5):  # a round of results nobody asks for again, and one more
        ask(rare, key)
    for _ in range(4 * 8 // 2):  # for eight rounds' worth: none kept, each worked out
        count = len(built)
        assert ask(rare, 0) is not ask(rare, 0)
        assert len(built) == count + 2
    kept = ask(rare, 0)  # and then kept again
    assert ask(rare, 0) is kept
    for key in range(2, 40):  # a version asked again as often as not never rests
        assert ask(common, key // 2) is ask(common, key // 2)
    assert all(cache.results_kept(v) <= 4 for v in (rare, common))  # bounded


def _districts(ruleset: Ruleset, n: int, seed: int, state: str | None = None) -> list[Place]:
    listed = [Place(district=d.name, state=s)
              for s, districts in ruleset.places.by_state.items() for d in districts
              if state in (None, s)]
    return random.Random(seed).sample(listed, n)


def test_answers_from_many_districts_are_the_answers_built_afresh(ruleset: Ruleset) -> None:
    """Each district names its own offices: parts of many districts, more than the cache
    holds, turn its halves over, and every answer is still the one built without it."""
    cache = PartsCache(limit=64)
    places = _districts(ruleset, 40, 3)
    for i, facts in enumerate(random_profiles(ruleset, 80, 9, known=0.7)):
        place = places[i % len(places)]
        facts = {**facts, "state": place.state}
        shared = evaluate(ruleset, facts, AS_OF, place=place, cache=cache, brief=i % 5 == 0)
        plain = evaluate(ruleset, facts, AS_OF, place=place, brief=i % 5 == 0)
        assert JSON.dump_json(shared) == JSON.dump_json(plain)
        assert cache.parts_kept() <= 64


def test_parts_of_many_districts_leave_the_memos_that_name_no_place(ruleset: Ruleset) -> None:
    """The memos of benefits, reasons and version blocks are the same in every district of
    a State: parts naming district after district do not push them out (one store for both
    dropped them every few hundred answers from across India)."""
    cache = PartsCache(limit=256)  # the memos of one State's answers fit
    state = max(ruleset.places.by_state, key=lambda s: len(ruleset.places.by_state[s]))
    facts = {"age": 16, "was_trafficked": True, "state": state}
    first = {place: evaluate(ruleset, facts, AS_OF, place=place, cache=cache)
             for place in _districts(ruleset, 2, 5, state)}
    regions = cache.regions(ruleset)
    versions = [version for _, version in ruleset.in_force(AS_OF, state)]
    memos = [cache.memo(v, ("reasons", False, "en")) for v in versions]
    places = _districts(ruleset, 60, 6, state)
    assert len(places) * len(versions) > 6 * 256  # parts enough to turn it over and over
    for place in places:
        evaluate(ruleset, facts, AS_OF, place=place, cache=cache)
        assert cache.parts_kept() <= 256
    assert cache.regions(ruleset) is regions
    assert all(cache.memo(v, ("reasons", False, "en")) is memo
               for v, memo in zip(versions, memos, strict=True))
    # a version block names no place: one for every district
    blocks = [{r.entitlement: r.version for r in answer.results} for answer in first.values()]
    assert blocks[0] == blocks[1]
    assert all(blocks[0][e] is blocks[1][e] for e in blocks[0])
