"""Standings remembered by the facts a version reads are the standings worked out afresh."""

from __future__ import annotations

import datetime as dt

from pydantic import TypeAdapter

from service.engine.brief import BriefEvaluation, evaluate_brief, remembered
from service.engine.case import Case
from service.engine.evaluate import statuses
from service.engine.offices import Place
from service.engine.standings import Standings, reads, standing
from service.rules.ruleset import Ruleset
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
        assert all(len(known) <= 3 for _, slots in memo._plans.values()
                   for *_, known in slots)
    assert memo._size == 40  # full, and kept full rather than emptied


def test_brief_answers_with_remembered_standings_are_the_same(ruleset: Ruleset) -> None:
    memo, adapter = remembered(), TypeAdapter(BriefEvaluation)
    profiles = random_profiles(ruleset, 100, 14, known=0.6)
    for i, facts in enumerate(profiles * 2):
        case = Case(facts, Place(state=facts.get("state")))
        domains = ("legal", "social") if i % 3 == 0 else None
        plain = evaluate_brief(ruleset, case, DATES[i % 2], domains=domains)
        shared = evaluate_brief(ruleset, case, DATES[i % 2], domains=domains, standings=memo)
        assert adapter.dump_json(shared) == adapter.dump_json(plain)
