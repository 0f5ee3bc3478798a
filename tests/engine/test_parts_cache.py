"""Answers built with shared parts are the answers built without them."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter

from service.engine import explain
from service.engine.amounts import benefit_result, reading, unconditional
from service.engine.evaluate import evaluate
from service.engine.offices import Place
from service.engine.parts import PartsCache
from service.engine.result import BenefitResult, EntitlementResult, Evaluation
from service.rules.ruleset import Ruleset, Version
from service.text.words import words_for
from tests.oracle.durable_oracle import random_profiles

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


def test_the_cache_is_bounded() -> None:
    cache = PartsCache(limit=3)
    versions = [object() for _ in range(10)]
    for version in versions:
        cache.get(version, "key", lambda: object())  # type: ignore[arg-type, return-value]
        assert len(cache._held) <= 3


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
