"""Every fact the engine lists as missing can really change the outcome, on the real rules;
and a needs_info answer is one that some completion would decide either way.

For random partial profiles, each needs_info entitlement's missing facts are completed in
every combination of the values that matter (the literals its conditions compare with, and
one either side); a listed fact must, for some completion of the others, change the status
when it alone changes. Kleene logic alone fails this (`area == 'rural' or area != 'rural'`
is unknown for it); the engine settles such answers (service/engine/settle.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from service.engine import settle
from service.engine.evaluate import evaluate
from service.expr.kleene import UNKNOWN
from service.rules import boundaries
from service.rules.ruleset import Ruleset, Version
from tests.oracle.durable_oracle import random_profiles

# Beyond the engine's bound the plain three-valued answer stands, and may list a fact that
# does not matter; the property is claimed, and checked, within the bound.
MAX_COMPLETIONS = settle.MAX_COMPLETIONS


def _axes(ruleset: Ruleset, version: Version, names: list[str]) -> dict[str, list[Any]] | None:
    # Worked out here again from the literals, not read from the version's boundary_values,
    # so that the test does not take the engine's own table on trust.
    literals = boundaries.gather(c.node for clause in version.clauses for c in clause.walk()
                                 if c.node is not None)
    axes = {n: boundaries.candidates(ruleset.facts[n], literals[n]) for n in names}
    size = 1
    for values in axes.values():
        size *= len(values)
    return axes if size <= MAX_COMPLETIONS else None


def _can_change(version: Version, facts: dict[str, Any], fact: str,
                axes: dict[str, list[Any]]) -> bool:
    others = [n for n in axes if n != fact]
    for combo in itertools.product(*(axes[n] for n in others)):
        base = {**facts, **dict(zip(others, combo, strict=True))}
        outcomes = {version.fn({**base, fact: v}) for v in axes[fact]}
        if len(outcomes) > 1:
            return True
    return False


@pytest.mark.parametrize("as_of", [dt.date(2020, 1, 1), dt.date(2026, 11, 28)])
def test_every_missing_fact_can_change_the_outcome(ruleset: Ruleset, as_of: dt.date) -> None:
    checked = 0
    for seed, known in ((11, 0.3), (12, 0.6), (13, 0.8)):
        for facts in random_profiles(ruleset, 60, seed, known=known):
            versions = {e.id: v for e, v in ruleset.in_force(as_of)}
            for result in evaluate(ruleset, facts, as_of).results:
                if result.status != "needs_info":
                    continue
                version = versions[result.entitlement]
                assert version.fn(facts) is UNKNOWN
                axes = _axes(ruleset, version, result.missing)
                if axes is None:
                    continue
                for fact in result.missing:
                    assert _can_change(version, facts, fact, axes), (
                        f"{result.entitlement}: {fact} is listed as missing but cannot change "
                        f"the outcome for {sorted(facts)}")
                    checked += 1
    assert checked > 200, "too few cases were checked to mean anything"


def test_a_reason_gives_the_value_its_clause_takes_even_where_the_answer_is_settled(
        ruleset: Ruleset) -> None:
    """Each reason's value is what its clause alone gives for the profile. Where the engine
    settles an answer the clauses leave open, the clauses still undecided are the reason too,
    undecided (null), with the facts they wait for."""
    as_of = dt.date(2026, 11, 28)
    settled = 0
    versions = {e.id: v for e, v in ruleset.in_force(as_of)}
    for facts in random_profiles(ruleset, 200, 14, known=0.5):
        for result in evaluate(ruleset, facts, as_of).results:
            version = versions[result.entitlement]
            clauses = {c.text: c for c in version.clauses}
            for reason in result.reasons:
                clause = clauses[reason.clause]
                assert reason.value == clause.fn(facts).to_json(), (result.entitlement, reason)
            if result.status != "needs_info" and version.fn(facts) is UNKNOWN:
                settled += 1
                undecided = [c.text for c in version.clauses if c.fn(facts) is UNKNOWN]
                assert undecided and set(undecided) <= {r.clause for r in result.reasons}
    assert settled > 10, "too few settled answers were checked to mean anything"
