"""A benefit's range of amounts, as the questions' trials read it (``amounts.span``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.engine.amounts import span
from service.expr.kleene import FALSE, TRUE, UNKNOWN, and_
from service.rules.ruleset import Benefit, Clause, Ruleset, Slab
from tests.oracle.durable_oracle import random_profiles

AS_OF = dt.date(2026, 11, 28)


def _expected(benefit: Benefit, facts: dict[str, Any]) -> tuple[Any, Any, Any]:
    """The range as the rule reads: the slabs that may apply (the first that holds wins; one
    still undecided stays possible), from the lowest of their lowest amounts to the highest
    of their highest, either end open (None) where any of them is open there."""
    possible = []
    for slab in benefit.slabs:
        value = TRUE if slab.when is None else slab.when.fn(facts)
        if value is not FALSE:
            possible.append(slab)
        if value is TRUE:
            break
    lows, highs = [s.low for s in possible], [s.high for s in possible]
    low = None if not possible or None in lows else min(lows)
    high = None if not possible or None in highs else max(highs)
    own = TRUE if benefit.when is None else benefit.when.fn(facts)
    return own, low, high


def test_a_benefits_range_is_that_of_the_slabs_that_may_apply(ruleset: Ruleset) -> None:
    benefits = [b for _, version in ruleset.in_force(AS_OF, None) for b in version.benefits
                if b.slabs]
    ends = set()
    for facts in random_profiles(ruleset, 300, 23, known=0.5):
        for benefit in benefits:
            own, low, high = _expected(benefit, facts)
            for status in (TRUE, UNKNOWN):
                assert span(benefit, facts, status) == (and_(status, own), low, high)
            ends.add((low is None, high is None, low == high))
    # the profiles reach ranges open at the top, closed, and fixed to one amount
    assert {(False, True, False), (False, False, False), (False, False, True)} <= ends


def _undecided(name: str) -> Clause:
    """A slab's condition that waits on ``name``."""
    return Clause(f"{name} == true", None, "test", lambda facts: UNKNOWN, (name,))


def test_an_end_is_open_where_any_slab_that_may_apply_is_open_there() -> None:
    """Undecided slabs, so that every one may apply: each end is open (None) where any of
    them is open at that end, wherever it stands among them."""
    ranges = [(100, 300), (50, None), (None, 200), (400, 400)]
    for chosen in ([0, 3], [0, 1], [1, 0], [0, 2], [2, 0], [0, 1, 2], [3, 0]):
        slabs = tuple(Slab(_undecided(f"x{i}"), *ranges[i]) for i in chosen)
        benefit = Benefit("a sum", "cash", "inr", None, None, slabs, True, None, ())
        lows, highs = [ranges[i][0] for i in chosen], [ranges[i][1] for i in chosen]
        low = None if None in lows else min(lows)
        high = None if None in highs else max(highs)
        assert span(benefit, {}, TRUE) == (TRUE, low, high), chosen
