"""The generated engine (``service.expr.codegen``) answers as the three-valued closures do.

Random conditions come from the condition-language property tests (written as rule text, so
each goes through the parser); random profiles of the bundled rules from the oracle's
generator. Fixed seeds, no deadlines.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from service.engine.evaluate import statuses
from service.expr import codegen, nodes
from service.expr.compile import compile_node
from service.expr.kleene import FALSE, TRUE, UNKNOWN
from service.expr.parse import parse
from service.rules.ruleset import Ruleset, conditions_tree
from tests.oracle.durable_oracle import random_profiles
from tests.service.expr.test_properties import (
    DERIVED,
    FACTS,
    conditions,
    full_profiles,
    partial_profiles,
)

PROPS = settings(max_examples=300, deadline=None, derandomize=True)
DATES = [dt.date(2020, 1, 1), dt.date(2024, 6, 30), dt.date(2024, 7, 1), dt.date(2026, 11, 28)]


@seed(14)
@PROPS
@given(conditions(), st.one_of(full_profiles, partial_profiles))
def test_one_condition_agrees_with_its_closures(text: str, facts: dict[str, Any]) -> None:
    node = parse(text, FACTS, DERIVED)
    assert codegen.compile_fast(node)(facts) is compile_node(node)(facts), text


@seed(14)
@PROPS
@given(st.lists(conditions(), min_size=1, max_size=6),
       st.one_of(full_profiles, partial_profiles))
def test_many_conditions_in_one_function_agree_in_order(
        texts: list[str], facts: dict[str, Any]) -> None:
    named = [(f"c{i}", parse(text, FACTS, DERIVED)) for i, text in enumerate(texts)]
    found = codegen.compile_statuses(named)(facts)
    assert list(found) == [name for name, _ in named]
    assert found == {name: compile_node(node)(facts) for name, node in named}


def test_the_fast_path_is_taken_and_still_three_valued() -> None:
    fn = codegen.compile_statuses([("young", parse("age < 18", FACTS, DERIVED)),
                                   ("raped", parse("'rape' in harms", FACTS, DERIVED)),
                                   ("never", parse("rescued and not rescued", FACTS, DERIVED)),
                                   ("either", parse("rescued or age >= 18", FACTS, DERIVED))])
    assert fn({"age": 12}) == {"young": TRUE, "raped": UNKNOWN, "never": UNKNOWN,
                               "either": UNKNOWN}
    assert fn({"rescued": True}) == {"young": UNKNOWN, "raped": UNKNOWN, "never": FALSE,
                                     "either": TRUE}
    every = {"age": 30, "harms": frozenset({"rape"}), "rescued": False}
    assert fn(every) == {"young": FALSE, "raped": TRUE, "never": FALSE, "either": TRUE}


class _Counted(dict[str, Any]):
    """A profile that counts how often each fact is read."""

    def __init__(self, facts: dict[str, Any]) -> None:
        super().__init__(facts)
        self.reads: dict[str, int] = {}

    def __getitem__(self, name: str) -> Any:
        self.reads[name] = self.reads.get(name, 0) + 1
        return super().__getitem__(name)


def test_a_known_profile_has_each_fact_read_once_and_a_short_one_none() -> None:
    fn = codegen.compile_statuses([("young", parse("age < 18", FACTS, DERIVED)),
                                   ("adult", parse("age >= 18 and rescued", FACTS, DERIVED)),
                                   ("raped", parse("'rape' in harms", FACTS, DERIVED))])
    known = _Counted({"age": 30, "harms": frozenset({"rape"}), "rescued": True})
    assert fn(known) == {"young": FALSE, "adult": TRUE, "raped": TRUE}
    assert known.reads == {"age": 1, "harms": 1, "rescued": 1}
    # Fewer facts than are read: the reads are skipped, so the missing one is never looked
    # up by subscript (the three-valued code asks with ``get``).
    short = _Counted({"age": 12, "rescued": True})
    assert fn(short) == {"young": TRUE, "adult": FALSE, "raped": UNKNOWN}
    assert "harms" not in short.reads


def test_a_profile_as_large_as_needed_but_lacking_a_fact_is_still_three_valued() -> None:
    """Its reads end at the missing fact; each condition is then answered on its own."""
    fn = codegen.compile_statuses([("young", parse("age < 18", FACTS, DERIVED)),
                                   ("raped", parse("'rape' in harms", FACTS, DERIVED)),
                                   ("either", parse("rescued or age >= 18", FACTS, DERIVED))])
    padded = {"age": 12, "rescued": False, "gender": "female"}  # no harms
    assert fn(padded) == {"young": TRUE, "raped": UNKNOWN, "either": FALSE}


def test_empty_conditions_hold() -> None:
    empty = nodes.All((), "")
    assert codegen.compile_fast(empty)({}) is TRUE
    assert codegen.compile_statuses([("always", empty)])({}) == {"always": TRUE}


def test_values_reach_the_source_only_as_literals_or_constants() -> None:
    """A string holding quotes, a newline and code stays a value; it is never run."""
    sly = "x') or __import__('os').system('false') or ('\n"
    node = nodes.Compare("gender", "==", sly, "gender == ...")
    fn = codegen.compile_fast(node)
    assert fn({"gender": sly}) is TRUE
    assert fn({"gender": "female"}) is FALSE
    day = nodes.Compare("rescued_on", "<", dt.date(2021, 1, 1), "rescued_on < ...")
    assert codegen.compile_fast(day)({"rescued_on": dt.date(2020, 5, 1)}) is TRUE


@pytest.mark.parametrize("name", ["age) or (1", "a.b", "", "__import__('os')"])
def test_a_fact_name_that_is_not_an_identifier_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not a fact name"):
        codegen.compile_fast(nodes.Fact(name, name))


@pytest.mark.parametrize("as_of", DATES, ids=str)
@pytest.mark.parametrize("state", [None, "west_bengal", "odisha"])
def test_statuses_of_the_bundled_rules_agree_with_the_closures(
        ruleset: Ruleset, as_of: dt.date, state: str | None) -> None:
    closures = [(ent.id, compile_node(conditions_tree(version.clauses)))
                for ent, version in ruleset.in_force(as_of, state)]
    for known in (1.0, 0.6, 0.2):
        for facts in random_profiles(ruleset, 300, as_of.toordinal(), known=known):
            if state is None:
                facts.pop("state", None)
            else:
                facts["state"] = state
            expected = {name: fn(facts) for name, fn in closures}
            assert statuses(ruleset, facts, as_of) == expected
            assert {ent.id: version.fn(facts) for ent, version
                    in ruleset.in_force(as_of, state)} == expected


def test_before_any_rule_is_in_force_there_is_nothing(ruleset: Ruleset) -> None:
    assert statuses(ruleset, {"age": 10}, dt.date(1900, 1, 1)) == {}
