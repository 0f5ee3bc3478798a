"""Answers built with shared parts are the answers built without them."""

from __future__ import annotations

import datetime as dt

from pydantic import TypeAdapter

from service.engine.evaluate import evaluate
from service.engine.offices import Place
from service.engine.parts import PartsCache
from service.engine.result import Evaluation
from service.rules.ruleset import Ruleset
from tests.oracle.durable_oracle import random_profiles

JSON = TypeAdapter(Evaluation)
PLACES = [Place(), Place(district="Purulia", state="west_bengal"), Place(district="Bargarh")]


def test_shared_parts_change_nothing(ruleset: Ruleset) -> None:
    cache = PartsCache(limit=50)  # small, so that it also starts again on the way
    for i, facts in enumerate(random_profiles(ruleset, 120, 7, known=0.6)):
        as_of = (dt.date(2020, 1, 1), dt.date(2026, 11, 28))[i % 2]
        place, brief = PLACES[i % 3], i % 4 == 0
        plain = evaluate(ruleset, facts, as_of, place=place, brief=brief)
        shared = evaluate(ruleset, facts, as_of, place=place, brief=brief, cache=cache)
        assert JSON.dump_json(shared) == JSON.dump_json(plain)


def test_the_cache_is_bounded() -> None:
    cache = PartsCache(limit=3)
    for key in range(10):
        cache.get(key, lambda: object())  # type: ignore[arg-type, return-value]
        assert len(cache._parts) <= 3
