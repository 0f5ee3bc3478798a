"""The texts ``Words`` remembers are the texts it would make: a condition's words by the
clause and the values it reads, numbers and dates by their value; and its memo stays small."""

from __future__ import annotations

import dataclasses
import datetime as dt

from service.halves import Halves
from service.rules.ruleset import Ruleset
from service.text import plain, words_for
from service.text.words import MEMO_LIMIT, Words
from tests.oracle.durable_oracle import random_profiles

AGE_CLAUSE = "victim-compensation"


def _fresh(words: Words) -> Words:
    return dataclasses.replace(words, memo=Halves(MEMO_LIMIT))


def test_a_clause_said_again_is_said_the_same(ruleset: Ruleset) -> None:
    words = _fresh(words_for(ruleset, "hi"))
    clause = ruleset.entitlements[AGE_CLAUSE].versions[-1].clauses[0]
    facts = {name: True for name in clause.facts}
    first = plain.clause(clause, clause.fn(facts), facts, words)
    assert plain.clause(clause, clause.fn(facts), facts, words) == first
    assert plain.clause(clause, clause.fn(facts), facts, _fresh(words)) == first


def test_a_remembered_clause_is_never_taken_for_another(ruleset: Ruleset) -> None:
    # After a reload, a new clause may sit at an old one's address: its words are its own.
    words = _fresh(words_for(ruleset))
    clause, other = next(v.clauses[:2] for e in ruleset.entitlements.values()
                         for v in e.versions if len(v.clauses) >= 2)
    facts = {name: True for name in clause.facts}
    value = clause.fn(facts)
    key = ("clause", id(clause), value, tuple(map(facts.get, clause.facts)))
    words.memo.get(key, None, lambda: (other, "words of another clause"))
    said = plain.clause(clause, value, facts, words)
    assert said != "words of another clause"
    assert said == plain.clause(clause, value, facts, _fresh(words))


def test_numbers_and_dates_are_remembered_and_the_memo_is_bounded(ruleset: Ruleset) -> None:
    words = _fresh(words_for(ruleset, "bn"))
    assert words.money(150000) == words.money(150000) == _fresh(words).money(150000)
    assert words.date(dt.date(2026, 11, 28)) == _fresh(words).date(dt.date(2026, 11, 28))
    for n in range(3 * MEMO_LIMIT):
        words.number(n)
        if n % 250 == 0:  # counting the memo reads all of it
            assert len(words.memo) <= MEMO_LIMIT
    assert len(words.memo) <= MEMO_LIMIT


def test_clauses_said_from_a_full_memo_are_said_as_made_afresh(ruleset: Ruleset) -> None:
    # Each node's value is worked out once, by the node above it, and the words of every
    # clause are remembered by its value and the values it reads: said right for every
    # profile, from a memo filled by the profiles before.
    words = _fresh(words_for(ruleset, "bn"))
    said = 0
    for facts in random_profiles(ruleset, 150, 11, known=0.8):
        for ent in ruleset.entitlements.values():
            for clause in ent.versions[-1].clauses:
                value = clause.fn(facts)
                assert (plain.clause(clause, value, facts, words)
                        == plain.clause(clause, value, facts, _fresh(words)))
                said += 1
    assert said > 3000
