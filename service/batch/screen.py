"""One profile -> its batch rows: for each entitlement in force, the status, the rupees it
brings in its first year (a range while facts are missing) and the facts that would decide it.

The same reading as a full answer (``evaluate``): her State picks the figures, and what
three-valued logic leaves open is settled the same way; only the parts a table cannot hold
(reasons, documents, offices, steps) are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from service.engine import amounts, explain
from service.engine.evaluate import STATUS, statuses
from service.engine.result import BenefitResult
from service.engine.settle import settle
from service.expr.kleene import UNKNOWN, Tri
from service.rules.ruleset import Ruleset, Version

# A year's worth of a figure paid every so often: what it costs in the first year.
PER_YEAR = {None: 1, "once": 1, "per_month": 12, "per_year": 1, "per_family_per_year": 1,
            "per_household_per_year": 1}


@dataclass(frozen=True, slots=True)
class Row:
    entitlement: str
    status: str
    amount_min: int | None  # rupees she surely gets in the first year; 0 when none
    amount_max: int | None  # rupees she may get; None when no upper bound is set
    missing: tuple[str, ...]


def screen(ruleset: Ruleset, facts: Mapping[str, Any], as_of: dt.date) -> list[Row]:
    """Rows for checked ``facts`` (``profile.coerce_profile``), one per entitlement in force
    on ``as_of`` for her State."""
    found = statuses(ruleset, facts, as_of)
    return [_row(ent.id, version, facts, found[ent.id])
            for ent, version in ruleset.in_force(as_of, facts.get("state"))]


def _row(ent_id: str, version: Version, facts: Mapping[str, Any], status: Tri) -> Row:
    missing: tuple[str, ...] = ()
    if status is UNKNOWN:
        found: dict[str, None] = {}
        for clause in version.clauses:
            found.update(dict.fromkeys(explain.clause_unknowns(clause, facts)))
        status, kept = settle(version, facts, list(found))
        missing = tuple(kept)
    low, high = money(amounts.benefit_result(b, facts, status, brief=True)
                      for b in version.benefits)
    return Row(ent_id, STATUS[status], low, high, missing)


def money(benefits: Iterable[BenefitResult]) -> tuple[int, int | None]:
    """(surely, at most) rupees in the first year over ``benefits``: those that apply count
    at their lowest figure, those that may apply only towards the most."""
    low, high = 0, 0
    open_ended = False
    for b in benefits:
        if b.unit != "inr" or b.applies is False or not b.has_amount:
            continue
        times = PER_YEAR.get(b.period, 1)
        if b.applies is True:
            low += (b.amount_min or 0) * times
        if b.amount_max is None:
            open_ended = True
        else:
            high += b.amount_max * times
    return low, None if open_ended else high

