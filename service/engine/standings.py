"""Where each entitlement stands, remembered by the facts its version reads.

A version's standing (status, first-year rupees, the facts that would decide it) depends on
the facts its conditions read and on nothing else: her State's figures are already in the
version she is read with (``Variant``), and its Kleene status comes from the same conditions.
Over a registry of thousands of profiles the same few values of those facts recur, so a batch
works each standing out once. The caller owns the memo (one per ruleset, like
``PartsCache``); the engine keeps no state of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from service.engine.brief import Standing, standing
from service.engine.evaluate import statuses
from service.expr.kleene import Tri
from service.rules.ruleset import InForce, Ruleset, Version


def reads(version: Version) -> tuple[str, ...]:
    """Every base fact the version's conditions read: its own, its benefits' and slabs'."""
    return tuple(sorted({name for clause in version.conditions() for name in clause.facts}))


T = TypeVar("T")


class Standings(Generic[T]):
    """A bounded memo of ``standing``, each kept as ``make(entitlement id, standing)`` makes
    it (a batch row, say); when full it starts again, which is cheap and safe. What it gives
    is shared: read it, do not change it."""

    def __init__(self, make: Callable[[str, Standing], T], limit: int = 200_000) -> None:
        self.make = make
        self.limit = limit
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
                where = known[key] = self.make(ent_id,
                                               standing(version, facts, found[ent_id]))
                self._size += 1
            out.append(where)
        if self._size >= self.limit:
            self._plans, self._size = {}, 0
        return out


_Slot = tuple[str, Version, tuple[str, ...], dict[tuple[Any, ...], T]]
