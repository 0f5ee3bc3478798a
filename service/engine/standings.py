"""Where each entitlement stands, remembered by the facts its version reads.

A version's standing (status, first-year rupees, the facts that would decide it: what a brief
answer and a batch row say of an entitlement) depends on
the facts its conditions read and on nothing else: her State's figures are already in the
version she is read with (``Variant``), and its Kleene status comes from the same conditions.
Over a registry of thousands of profiles the same few values of those facts recur, so a batch
works each standing out once, and so does a service answering brief lists. The caller owns
the memo (one per ruleset, like ``PartsCache``); the engine keeps no state of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from service.engine import amounts, explain
from service.engine.evaluate import status_word, statuses
from service.engine.settle import settle
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.rules import model
from service.rules.ruleset import InForce, Ruleset, Version


def reads(version: Version) -> tuple[str, ...]:
    """Every base fact the version's conditions read: its own, its benefits' and slabs'."""
    return tuple(sorted({name for clause in version.conditions() for name in clause.facts}))


# A year's worth of a figure paid every so often: what it costs in the first year.
PER_YEAR = {None: 1, "once": 1, "per_month": 12, "per_year": 1, "per_family_per_year": 1,
            "per_household_per_year": 1}


@dataclass(slots=True)
class Standing:
    """Where one entitlement stands for a profile: what a brief answer and a batch row say."""

    status: model.Status
    amount_min: int  # rupees she surely gets in the first year; 0 when none
    amount_max: int | None  # rupees she may get; None when no upper bound is set
    missing: list[str]


def standing(version: Version, facts: Mapping[str, Any], status: Tri) -> Standing:
    """``status`` is the version's Kleene status (``statuses``); an unknown one is settled
    as the full answer settles it."""
    missing: list[str] = []
    if status is UNKNOWN:
        found: dict[str, None] = {}
        for clause in version.clauses:
            found.update(dict.fromkeys(explain.clause_unknowns(clause, facts)))
        status, missing = settle(version, facts, list(found))
    low, high = first_year(version, facts, status)
    return Standing(status_word(status), low, high, missing)


def first_year(version: Version, facts: Mapping[str, Any], status: Tri) -> tuple[int, int | None]:
    """``money`` over the version's benefits, worked out without building their results."""
    low, high = 0, 0
    open_ended = False
    for benefit in version.benefits:
        if benefit.unit != "inr" or not benefit.slabs:
            continue
        applies, least, most = amounts.span(benefit, facts, status)
        if applies is FALSE:
            continue
        times = PER_YEAR.get(benefit.period, 1)
        if applies is TRUE:
            low += (least or 0) * times
        if most is None:
            open_ended = True
        else:
            high += most * times
    return low, None if open_ended else high


T = TypeVar("T")


class Standings(Generic[T]):
    """A bounded memo of ``standing``, each kept as ``make(entitlement id, standing)`` makes
    it (a batch row, say). What it gives is shared: read it, do not change it.

    It keeps at most ``per_version`` standings of a version and ``limit`` in all, and once
    full it keeps what it has rather than starting again: the values that recur (most
    versions read a few yes/no facts) are remembered early, and a stream of profiles that
    never repeat (incomes, dates) then costs a lookup, not a memo emptied and filled again."""

    def __init__(self, make: Callable[[str, Standing], T], limit: int = 200_000,
                 per_version: int = 2_000) -> None:
        self.make = make
        self.limit = limit
        self.per_version = per_version
        self._size = 0
        # by id() of an in-force list (the ruleset's own, which lives as long as it does):
        # the list, held so that its id is not reused while the memo lives, and for each
        # entitlement its id, version, the facts it reads and its standings by their values
        self._plans: dict[int, tuple[InForce, list[_Slot[T]]]] = {}

    def each(self, ruleset: Ruleset, facts: Mapping[str, Any], as_of: dt.date) -> list[T]:
        """For each entitlement in force on ``as_of`` for her State, ``make`` of its
        ``standing`` for checked ``facts``: worked out once per values of what its version
        reads. The statuses are only worked out when one is not remembered."""
        pairs = ruleset.in_force(as_of, facts.get("state"))
        plan = self._plans.get(id(pairs))
        if plan is None:
            plan = self._plans[id(pairs)] = (
                pairs, [(e.id, v, reads(v), {}) for e, v in pairs])
        found: dict[str, Tri] | None = None
        out = []
        for ent_id, version, names, known in plan[1]:
            key = tuple(map(facts.get, names))  # None: not known (checked facts never are)
            where = known.get(key)
            if where is None:
                if found is None:
                    found = statuses(ruleset, facts, as_of)
                where = self.make(ent_id, standing(version, facts, found[ent_id]))
                if len(known) < self.per_version and self._size < self.limit:
                    known[key] = where
                    self._size += 1
            out.append(where)
        return out


_Slot = tuple[str, Version, tuple[str, ...], dict[tuple[Any, ...], T]]
