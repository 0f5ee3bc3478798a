"""Brief lines kept across answers (``Lines``) are the lines worked out afresh, whatever the
language, place and documents held of the answer that asks for them."""

from __future__ import annotations

import datetime as dt

from pydantic import TypeAdapter

from service.engine.brief import BriefEvaluation, Lines, evaluate_brief, remembered
from service.engine.case import Case
from service.engine.offices import Place
from service.rules.ruleset import Ruleset
from service.text.words import words_for
from tests.oracle.durable_oracle import random_profiles

AS_OF = dt.date(2026, 11, 28)
# Places whose offices are named differently; documents held that count differently.
PLACES = (Place(), Place(district="Purulia", state="west_bengal"),
          Place(district="Bankura", state="west_bengal"), Place(state="west_bengal"))
HELD = (None, frozenset(), frozenset({"birth-certificate", "identity-proof"}))


def test_kept_lines_are_the_lines_worked_out_afresh(ruleset: Ruleset) -> None:
    # Each profile asked in every language, place and set of documents held in turn, through
    # one memo: a line kept without any one of these in its key comes back for an answer
    # that differs in it, and differs from the one worked out afresh.
    standings, lines, adapter = remembered(), Lines(), TypeAdapter(BriefEvaluation)
    languages = [words_for(ruleset, code) for code in ("en", "hi", "bn")]
    shared = 0
    for facts in random_profiles(ruleset, 12, 21, known=0.6):
        facts = {**facts, "state": "west_bengal"}  # the places' State
        for words in languages:
            for place in PLACES:
                for held in HELD:
                    case = Case(facts, place, held)
                    plain = evaluate_brief(ruleset, case, AS_OF, words=words)
                    kept = evaluate_brief(ruleset, case, AS_OF, words=words,
                                          standings=standings, lines=lines)
                    again = evaluate_brief(ruleset, case, AS_OF, words=words,
                                           standings=standings, lines=lines)
                    assert adapter.dump_json(kept) == adapter.dump_json(plain)
                    shared += sum(a is b for a, b in zip(kept.results, again.results,
                                                         strict=True))
    assert shared > 12 * 3 * 4 * 3 * 20  # asked again, the lines came from the memo


def test_lines_differ_where_their_answers_do(ruleset: Ruleset) -> None:
    # What the test above rests on: these places, languages and documents held do change
    # some line of this profile, so that a key without them would be caught.
    facts = {**random_profiles(ruleset, 1, 22, known=1.0)[0], "state": "west_bengal",
             "trafficked": True}
    english = words_for(ruleset, "en")

    def said(place: Place, held: frozenset[str] | None, code: str = "en") -> list[object]:
        words = english if code == "en" else words_for(ruleset, code)
        answer = evaluate_brief(ruleset, Case(facts, place, held), AS_OF, words=words)
        return [(r.title, r.office, r.missing_documents) for r in answer.results]

    assert len({tuple(said(place, None)) for place in PLACES[1:]}) == 3
    assert len({tuple(said(PLACES[1], held)) for held in HELD[1:]}) == 2  # None counts as none
    assert len({tuple(said(PLACES[1], None, code)) for code in ("en", "hi", "bn")}) == 3


def test_the_lines_are_bounded(ruleset: Ruleset) -> None:
    lines = Lines(limit=50)
    standings = remembered()
    for facts in random_profiles(ruleset, 20, 23, known=0.6):
        evaluate_brief(ruleset, Case(facts, Place()), AS_OF, standings=standings, lines=lines)
        assert len(lines) <= 50
    assert len(lines) == 50  # full, and kept full rather than emptied
    # Once full, answers from other places and with other documents held add no tables
    tables = len(lines._kept)
    for place in PLACES:
        for held in HELD:
            evaluate_brief(ruleset, Case(facts, place, held), AS_OF, standings=standings,
                           lines=lines)
    assert len(lines._kept) == tables and len(lines) == 50


def test_domains_and_entitlements_choose_the_lines_with_memos_or_without(
        ruleset: Ruleset) -> None:
    standings, lines = remembered(), Lines()
    for facts in random_profiles(ruleset, 10, 29, known=0.6):
        case = Case(facts, Place())
        whole = evaluate_brief(ruleset, case, AS_OF).results
        by_id = {r.entitlement: r for r in whole}
        by_domain = {ent.id: ent.domain for ent in ruleset.entitlements.values()}
        for asked in ({"education"}, {"health", "legal"}, set()):
            wanted = [r for r in whole if by_domain[r.entitlement] in asked]
            assert wanted or not asked  # each domain asked for has entitlements in force
            for memos in ({}, {"standings": standings, "lines": lines}):
                got = evaluate_brief(ruleset, case, AS_OF, domains=asked, **memos)
                assert got.results == wanted
                assert sum(got.counts.values()) == len(wanted)
        one = whole[-1].entitlement
        for memos in ({}, {"standings": standings, "lines": lines}):
            got = evaluate_brief(ruleset, case, AS_OF, entitlements=(one,), **memos)
            assert got.results == [by_id[one]]
