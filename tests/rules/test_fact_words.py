"""Every fact has plain words, so that an answer can say "she was sexually exploited" and "the
accused has not been traced", never `sexually_exploited = yes`.

A fact's `label` names it in a sentence ("her age"); each value of an enum or set fact has a
label ("West Bengal"); a bool fact, derived or not, `says` what it means of her when true and
when false. Only facts she, her family or her caseworker can change by acting are marked
`can_change`: never who she is or what happened to her.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import pytest

from service.rules.ruleset import DerivedDef, FactDef, Ruleset

# Facts about who she is or what happened: an answer must never suggest changing them.
FIXED = {"age", "age_at_offence", "gender", "state", "nationality", "social_category",
         "harms_suffered", "case_outcome", "trafficked", "sexually_exploited",
         "pocso_offence_victim", "crime_victim", "engaged_in_sex_work", "has_disability"}


def _problems_of_text(where: str, text: str | None, *, lower: bool = True) -> list[str]:
    if not text or not text.strip():
        return [f"{where}: no words"]
    problems = []
    if "_" in text or "=" in text:
        problems.append(f"{where}: reads like an id, not words: {text!r}")
    if lower and text[0].isupper() and not text.split()[0].isupper():
        # "Scheduled Caste" in a label is a proper noun; a clause starts lower case
        problems.append(f"{where}: starts with a capital; it is read inside a sentence")
    if text.rstrip().endswith("."):
        problems.append(f"{where}: ends with a full stop; it is read inside a sentence")
    return problems


def missing_words(facts: Mapping[str, FactDef], derived: Mapping[str, DerivedDef]) -> list[str]:
    """What a fact lacks to be spoken of in plain words, one line a problem."""
    problems: list[str] = []
    for name, fact in facts.items():
        problems += _problems_of_text(f"{name}.label", fact.label)
        for value in fact.values:
            problems += _problems_of_text(f"{name}.labels.{value}", fact.labels.get(value),
                                          lower=False)
        if fact.kind == "bool":
            for side in ("true", "false"):
                problems += _problems_of_text(f"{name}.says.{side}", fact.says.get(side))
    for name, d in derived.items():
        problems += _problems_of_text(f"{name}.label", d.label)
        for side in ("true", "false"):
            problems += _problems_of_text(f"{name}.says.{side}", d.says.get(side))
    return problems


def test_every_fact_and_value_has_words(ruleset: Ruleset) -> None:
    assert missing_words(ruleset.facts, ruleset.derived) == []


@pytest.mark.parametrize(("fact", "change"), [
    ("trafficked", {"label": None}),
    ("state", {"labels": {"west_bengal": "West Bengal"}}),
    ("fir_registered", {"says": {"true": "an FIR has been registered"}}),
    ("case_outcome", {"labels": {"pending": "pending", "convicted": "convicted",
                                 "acquitted": "acquitted", "discharged": "discharged",
                                 "accused_untraced": "accused_untraced"}}),
    ("sexually_exploited", {"says": {"true": "sexually_exploited = yes",
                                     "false": "she was not sexually exploited"}}),
])
def test_a_fact_without_words_is_caught(ruleset: Ruleset, fact: str,
                                        change: dict[str, Any]) -> None:
    facts = {**ruleset.facts, fact: dataclasses.replace(ruleset.facts[fact], **change)}
    problems = missing_words(facts, ruleset.derived)
    assert problems and all(p.startswith(f"{fact}.") for p in problems), problems


def test_a_derived_fact_without_both_sides_is_caught(ruleset: Ruleset) -> None:
    derived = {**ruleset.derived, "is_child": dataclasses.replace(
        ruleset.derived["is_child"], says={"true": "she is a child, below 18"})}
    assert missing_words(ruleset.facts, derived) == ["is_child.says.false: no words"]


def test_the_words_read_as_the_answers_will_use_them(ruleset: Ruleset) -> None:
    facts = ruleset.facts
    assert facts["sexually_exploited"].says["true"] == "she was sexually exploited"
    assert facts["state"].labels["west_bengal"] == "West Bengal"
    assert (facts["state"].labels["dadra_and_nagar_haveli_and_daman_and_diu"]
            == "Dadra and Nagar Haveli and Daman and Diu")
    assert "not traced" in facts["case_outcome"].labels["accused_untraced"]
    assert facts["age"].label == "her age"


def test_only_facts_she_can_act_on_are_changeable(ruleset: Ruleset) -> None:
    changeable = {name for name, fact in ruleset.facts.items() if fact.can_change}
    assert {"in_school", "fir_registered", "release_certificate_issued", "shg_member"} <= changeable
    assert not changeable & FIXED
    # a date records when something happened; it is never the change to suggest
    assert not {name for name in changeable if ruleset.facts[name].kind == "date"}
