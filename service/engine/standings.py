"""Where each entitlement stands, remembered by the facts its version reads.

A version's standing (status, first-year rupees, the facts that would decide it: what a brief
answer and a batch row say of an entitlement) depends on
the facts its conditions read and on nothing else: her State's figures are already in the
version she is read with (``Variant``), and its Kleene status comes from the same conditions.
Over a registry of thousands of profiles the same few values of those facts recur, so a batch
works each standing out once, and so does a service answering brief lists. The caller owns
the memo (one per ruleset, like ``PartsCache``); the engine keeps no state of its own.

Nor does a standing depend on a number or a date itself, only on where it falls among the
literals the conditions compare it with (every comparison is ``fact <op> literal``): an age
of 23 and one of 40 stand alike when the conditions ask only ``age < 18`` and ``age >= 60``.
So the memo is keyed by those regions (``Regions``), and a stream of profiles that never
repeat a value (incomes, dates) still finds most standings remembered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from service.engine import amounts
from service.engine.evaluate import status_word, statuses
from service.engine.regions import Regions, money_reads, reads
from service.engine.settle import settle_open
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.rules import model
from service.rules.ruleset import Benefit, InForce, Ruleset, Version

# A year's worth of a figure paid every so often: what it costs in the first year.
PER_YEAR = {None: 1, "once": 1, "per_month": 12, "per_year": 1, "per_family_per_year": 1,
            "per_household_per_year": 1}


@dataclass(slots=True)
class Standing:
    """Where one entitlement stands for a profile: what a brief answer and a batch row say."""

    status: model.Status
    amount_min: int  # rupees she surely gets in the first year; 0 when none
    amount_max: int | None  # rupees she may get; None when no upper bound is set
    # A tuple of names, not a list: the collector stops watching a tuple of strings, and a
    # memo holds thousands of standings for as long as the process lives.
    missing: tuple[str, ...]
    pays: bool  # whether the version pays rupees at all (else the amounts are 0)


def standing(version: Version, facts: Mapping[str, Any], status: Tri) -> Standing:
    """``status`` is the version's Kleene status (``statuses``); an unknown one is settled
    as the full answer settles it."""
    missing: list[str] = []
    if status is UNKNOWN:
        status, missing = settle_open(version, facts)
    low, high = first_year(version, facts, status)
    return Standing(status_word(status), low, high, tuple(missing), pays(version))


def pays(version: Version) -> bool:
    """Whether any of the version's benefits is an amount in rupees."""
    return any(map(in_rupees, version.benefits))


def in_rupees(benefit: Benefit) -> bool:
    """Whether the benefit is an amount of money (in rupees), not a service."""
    return benefit.unit == "inr" and bool(benefit.slabs)


def first_year(version: Version, facts: Mapping[str, Any], status: Tri) -> tuple[int, int | None]:
    """``money`` over the version's benefits, worked out without building their results."""
    low, high = 0, 0
    open_ended = False
    for benefit in version.benefits:
        if not in_rupees(benefit):
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

    The statuses are worked out for every profile (one generated function for all of them,
    a few microseconds); what is remembered is the rest. A version she is not eligible for
    always stands the same (no rupees, nothing missing); one she is eligible for stands by
    the regions of what its amounts read; one still open, by the regions of every fact it
    reads.

    It keeps at most ``per_version`` standings of a version and ``limit`` in all, and once
    full it keeps what it has rather than starting again: the regions that recur are
    remembered early, and a stream of profiles that never repeat then costs a lookup, not
    a memo emptied and filled again."""

    def __init__(self, make: Callable[[str, Standing], T], limit: int = 200_000,
                 per_version: int = 2_000) -> None:
        self.make = make
        self.limit = limit
        self.per_version = per_version
        self._size = 0
        # What is remembered of each version (by id(); the version held so that its id is
        # not reused while the memo lives), shared by every in-force list that has it: most
        # are the same in every State.
        self._slots: dict[int, _Slot[T]] = {}
        # by id() of an in-force list (the ruleset's own, which lives as long as it does):
        # the list, held likewise; the regions of the ruleset its versions come from; and
        # the slot of each of its entitlements
        self._plans: dict[int, tuple[InForce, Regions, list[_Slot[T]]]] = {}
        self._regions: dict[int, tuple[Ruleset, Regions]] = {}

    def each(self, ruleset: Ruleset, facts: Mapping[str, Any], as_of: dt.date) -> list[T]:
        """For each entitlement in force on ``as_of`` for her State, ``make`` of its
        ``standing`` for checked ``facts``: worked out once per regions of what it reads."""
        pairs = ruleset.in_force(as_of, facts.get("state"))
        plan = self._plans.get(id(pairs))
        if plan is None:
            plan = self._plans[id(pairs)] = (pairs, self._regions_of(ruleset),
                                             [self._slot(e.id, v) for e, v in pairs])
        _, regions, slots = plan
        found = statuses(ruleset, facts, as_of)
        seen: Callable[[str], Any] | None = None  # the regions, worked out when first wanted
        out = []
        for slot in slots:
            status = found[slot.ent_id]
            if status is FALSE:
                out.append(slot.refused)
                continue
            if seen is None:
                seen = regions.of(facts).get
            if status is TRUE:
                known, key = slot.eligible, tuple(map(seen, slot.money_reads))
            else:  # None in a key: not known (checked facts never are)
                known, key = slot.open, tuple(map(seen, slot.reads))
            where = known.get(key)
            if where is None:
                where = self.make(slot.ent_id, standing(slot.version, facts, status))
                if (len(slot.eligible) + len(slot.open) < self.per_version
                        and self._size < self.limit):
                    known[key] = where
                    self._size += 1
            out.append(where)
        return out

    def _regions_of(self, ruleset: Ruleset) -> Regions:
        # Cut at the literals of every version of the ruleset, so that a slot's keys mean
        # the same whichever in-force list it is reached from.
        held = self._regions.get(id(ruleset))
        if held is None:
            held = self._regions[id(ruleset)] = (ruleset, Regions.of_ruleset(ruleset))
        return held[1]

    def _slot(self, ent_id: str, version: Version) -> _Slot[T]:
        slot = self._slots.get(id(version))
        if slot is None:
            slot = self._slots[id(version)] = _Slot(
                ent_id, version, reads(version), money_reads(version),
                self.make(ent_id, Standing("not_eligible", 0, 0, (), pays(version))), {}, {})
        return slot


@dataclass(slots=True)
class _Slot(Generic[T]):
    """What the memo holds of one entitlement in force."""

    ent_id: str
    version: Version
    reads: tuple[str, ...]
    money_reads: tuple[str, ...]
    refused: T  # its standing when she is not eligible: always the same
    eligible: dict[tuple[Any, ...], T]  # by the regions of ``money_reads``
    open: dict[tuple[Any, ...], T]  # by the regions of ``reads``
