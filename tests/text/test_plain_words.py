"""Reasons in plain words: for every profile of the corpus, in every language, no reason
names a fact by its id, a route by its id, or shows a condition's code (`= yes`, `<`)."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from service.corpus import read_profiles
from service.engine.evaluate import evaluate
from service.engine.profile import coerce_profile
from service.rules.ruleset import Ruleset
from service.text import words_for

ON = dt.date(2026, 11, 1)
CODE = re.compile(r"[=<>]|\b(true|false)\b|: (yes|no)$")


def _ids(ruleset: Ruleset) -> re.Pattern[str]:
    """Ids a person should never read: facts with more than one word, and routes."""
    names = [n for n in (*ruleset.facts, *ruleset.derived) if "_" in n]
    routes = [f"{e.id}/{r.id}" for e in ruleset.entitlements.values()
              for v in e.versions for r in v.routes]
    return re.compile("|".join(re.escape(x) for x in sorted({*names, *routes}, key=len,
                                                           reverse=True)))


@pytest.mark.parametrize("language", ["en", "hi", "bn"])
def test_no_reason_shows_an_id_or_code(ruleset: Ruleset, language: str) -> None:
    ids = _ids(ruleset)
    words = words_for(ruleset, language)
    seen = 0
    for _, profile in itertools.islice(read_profiles(), 20):
        answer = evaluate(ruleset, coerce_profile(ruleset, profile), ON, words=words)
        for result in answer.results:
            for reason in (*result.reasons, *result.keep):
                text = reason.explanation
                assert not ids.search(text), (result.entitlement, text)
                assert not CODE.search(text), (result.entitlement, text)
                seen += 1
    assert seen > 300  # the corpus exercises every kind of condition


def test_a_decided_clause_says_what_she_is_and_what_the_rule_asks(ruleset: Ruleset) -> None:
    facts = coerce_profile(ruleset, {"age": 19, "trafficked": True, "state": "bihar"})
    for language, expected in (("en", "19, 18 or more"), ("hi", "19")):
        answer = evaluate(ruleset, facts, ON, words=words_for(ruleset, language))
        sponsorship = next(r for r in answer.results if r.entitlement == "child-sponsorship")
        assert sponsorship.status == "not_eligible"
        assert any(expected in r.explanation for r in sponsorship.reasons)
