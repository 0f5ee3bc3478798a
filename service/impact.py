"""Whom a rule change affects, and what it costs: the same profiles through two rulesets.

Each profile is read as a batch row reads it (``service.batch.screen``): per entitlement its
status and the rupees of its first year, surely and at most. The report lists the profiles
whose status or rupees changed, and sums the money before and after, per entitlement and per
State, each profile counted ``weight`` times (how many people of a population it stands for).

Pure: the caller loads both rulesets and the profiles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from service.batch.screen import Row, screen
from service.engine.profile import coerce_profile
from service.errors import InvalidProfile
from service.rules.ruleset import Ruleset

Amounts = tuple[int | None, int | None]  # first-year rupees: surely, at most (None: no bound)
NO_STATE = "unknown"  # the State column of a profile that does not say


@dataclass(frozen=True, slots=True)
class Change:
    profile_id: str
    before: str  # status, or "absent" when no version is in force
    after: str
    amounts_before: Amounts
    amounts_after: Amounts


@dataclass
class Money:
    """Weighted first-year rupees of one side (before or after) of a change."""

    eligible: float = 0.0  # profiles (weighted) for whom it is eligible
    surely: float = 0.0  # rupees they surely get
    at_most: float | None = 0.0  # rupees they may get; None when some have no upper bound

    def add(self, row: Row | None, weight: float) -> None:
        if row is None or row.status == "not_eligible":
            return
        if row.status == "eligible":
            self.eligible += weight
        self.surely += weight * (row.amount_min or 0)
        if self.at_most is not None:
            self.at_most = None if row.amount_max is None else \
                self.at_most + weight * row.amount_max


@dataclass
class Totals:
    before: Money = field(default_factory=Money)
    after: Money = field(default_factory=Money)

    def cost(self) -> tuple[float, float | None]:
        """The change in rupees surely paid, and in rupees at most (None: no bound)."""
        most = None if self.after.at_most is None or self.before.at_most is None else \
            self.after.at_most - self.before.at_most
        return self.after.surely - self.before.surely, most


@dataclass
class EntitlementImpact:
    entitlement: str
    status_changes: dict[tuple[str, str], list[Change]] = field(default_factory=dict)
    amount_changes: list[Change] = field(default_factory=list)
    money: Totals = field(default_factory=Totals)

    @property
    def changed(self) -> int:
        return sum(map(len, self.status_changes.values())) + len(self.amount_changes)


@dataclass
class Impact:
    profiles: int
    skipped: dict[str, str]  # profile id -> why it could not be read by one ruleset
    entitlements: dict[str, EntitlementImpact]
    weight: float = 0.0  # the profiles' weights summed: the population they stand for
    states: dict[str, Totals] = field(default_factory=dict)  # every entitlement, per State

    @property
    def unchanged(self) -> bool:
        return not any(e.changed for e in self.entitlements.values())


def impact(base: Ruleset, new: Ruleset, profiles: Iterable[tuple[str, Mapping[str, Any]]],
           as_of: dt.date, *, weight: str | None = None) -> Impact:
    """``weight``: the profile field holding how many people each profile stands for (a
    positive number; 1 when absent). It is taken out of the profile before it is read."""
    report = Impact(0, {}, {})
    for pid, raw in profiles:
        try:
            times, facts = _weighed(raw, weight)
            before = _rows(base, facts, as_of)
            after = _rows(new, facts, as_of)
        except InvalidProfile as exc:
            report.skipped[pid] = str(exc)
            continue
        report.profiles += 1
        report.weight += times
        state = report.states.setdefault(str(facts.get("state") or NO_STATE), Totals())
        for ent_id in sorted(set(before) | set(after)):
            old, now = before.get(ent_id), after.get(ent_id)
            entry = report.entitlements.setdefault(ent_id, EntitlementImpact(ent_id))
            _compare(entry, pid, old, now)
            for totals in (entry.money, state):
                totals.before.add(old, times)
                totals.after.add(now, times)
    return report


def _weighed(raw: Mapping[str, Any], name: str | None) -> tuple[float, Mapping[str, Any]]:
    if name is None or name not in raw:
        return 1.0, raw
    value = raw[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise InvalidProfile([(name, "the weight must be a positive number")])
    return float(value), {k: v for k, v in raw.items() if k != name}


def _rows(ruleset: Ruleset, raw: Mapping[str, Any], as_of: dt.date) -> dict[str, Row]:
    # Facts one ruleset does not know are dropped, so that a renamed or new fact does not
    # hide every other change; a fact whose allowed values changed makes the profile skip.
    known = {k: v for k, v in raw.items() if k in ruleset.facts}
    facts = coerce_profile(ruleset, known)
    return {row.entitlement: row for row in screen(ruleset, facts, as_of)}


def _amounts(row: Row | None) -> Amounts:
    """The rupees she gets or may get: a new figure for a benefit she cannot get is no
    change for her."""
    if row is None or row.status == "not_eligible":
        return (0, 0)
    return (row.amount_min, row.amount_max)


def _compare(entry: EntitlementImpact, pid: str, before: Row | None, after: Row | None) -> None:
    status = (before.status if before else "absent", after.status if after else "absent")
    change = Change(pid, *status, _amounts(before), _amounts(after))
    if status[0] != status[1]:
        entry.status_changes.setdefault(status, []).append(change)
    elif change.amounts_before != change.amounts_after:
        entry.amount_changes.append(change)
