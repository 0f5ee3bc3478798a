"""The texts ``Words`` remembers are the texts it would make: a condition's words by the
clause and the values it reads, numbers and dates by their value; and its memo stays small."""

from __future__ import annotations

import dataclasses
import datetime as dt

from service.halves import Halves
from service.rules.ruleset import Ruleset
from service.text import plain, words_for
from service.text.words import MEMO_LIMIT, Words

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
        assert len(words.memo) <= MEMO_LIMIT
