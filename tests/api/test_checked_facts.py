"""A profile the request model has checked is read as the engine's facts without checking
each fact again (api/schemas.py, ``checked_facts``): what it gives must be exactly what
``coerce_profile`` gives for the model's values, which it must never refuse."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from api import schemas
from service.engine.profile import coerce_profile
from service.errors import InvalidProfile
from service.rules.ruleset import Ruleset
from tests.oracle.durable_oracle import as_sent, random_profiles


@pytest.fixture(scope="module")
def model(ruleset: Ruleset) -> type[schemas.CheckedProfile]:
    return schemas.profile_model(ruleset)


def test_a_checked_profile_reads_as_coerce_profile_reads_it(
        ruleset: Ruleset, model: type[BaseModel]) -> None:
    profiles = (random_profiles(ruleset, 200, 11) + random_profiles(ruleset, 200, 12, known=0.5)
                + [{}])
    for facts in profiles:
        raw = as_sent(facts)
        checked = schemas.checked_facts(model.model_validate(raw), ruleset)
        assert checked == coerce_profile(ruleset, raw) == facts
        assert all(not isinstance(v, list) for v in checked.values())  # sets as frozensets


def _anything(values: tuple[str, ...]) -> st.SearchStrategy[Any]:
    """What a client might send for a fact: right, nearly right and wrong."""
    words = st.sampled_from((*values, "", "yes", "1", "2024-02-30", "2024-01-01", "18"))
    return st.one_of(
        st.none(), st.booleans(), st.integers(-5, 200), st.integers(),
        st.floats(allow_nan=False, allow_infinity=False), st.sampled_from((17.0, 18.5, -0.0)),
        words, st.lists(words, max_size=4), st.dates().map(dt.date.isoformat))


@st.composite
def _sent(draw: st.DrawFn, values: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, Any]:
    """Some facts (``values``: each fact's name and the values it allows), each with
    anything."""
    chosen = draw(st.lists(st.sampled_from(values), max_size=6, unique_by=lambda f: f[0]))
    return {name: draw(_anything(allowed)) for name, allowed in chosen}


class _Rules:
    """The rules and their profile model, named in a failing example's report by a short
    repr (Hypothesis would print a dataclass field by field: the whole rule base)."""

    def __init__(self, ruleset: Ruleset, model: type[BaseModel]) -> None:
        self.ruleset, self.model = ruleset, model
        self.values = tuple((name, fact.values) for name, fact in ruleset.facts.items())

    def __repr__(self) -> str:
        return f"_Rules({self.ruleset.version})"


@pytest.fixture(scope="module")
def rules(ruleset: Ruleset, model: type[BaseModel]) -> _Rules:
    return _Rules(ruleset, model)


@given(data=st.data())
def test_what_the_model_takes_coerce_profile_takes_alike(rules: _Rules,
                                                         data: st.DataObject) -> None:
    raw = data.draw(_sent(rules.values))
    try:
        checked = rules.model.model_validate(raw)
    except ValidationError:
        return  # refused before the engine: the route's 422
    # What the routes did before: the model's values dumped, then every fact checked again
    # (which takes the model's 18 for a sent 18.0, as the contract's integer allows).
    dumped = checked.model_dump(exclude_none=True)
    assert schemas.checked_facts(checked, rules.ruleset) == coerce_profile(rules.ruleset, dumped)


def test_rules_with_other_facts_are_checked_again(ruleset: Ruleset,
                                                   model: type[BaseModel]) -> None:
    age = ruleset.facts["age"]
    younger = dataclasses.replace(ruleset, facts={**ruleset.facts,
                                                  "age": dataclasses.replace(age, max=17)})
    body = schemas.eligibility_request(ruleset, model).model_validate(
        {"profile": {"age": 40, "trafficked": True}})
    assert schemas.checked_facts(body.profile, younger) is None
    with pytest.raises(InvalidProfile):
        schemas.case_of(younger, body)
    # Equal facts in an object of their own, as a reload's rules have: taken as checked.
    reloaded = dataclasses.replace(ruleset, facts=dict(ruleset.facts))
    assert schemas.checked_facts(body.profile, reloaded) == {"age": 40, "trafficked": True}
    assert schemas.case_of(reloaded, body).facts == {"age": 40, "trafficked": True}
