"""One profile -> its batch rows: for each entitlement in force, the status, the rupees it
brings in its first year (a range while facts are missing) and the facts that would decide it.

The same reading as a full answer (``evaluate``): her State picks the figures, and what
three-valued logic leaves open is settled the same way; only the parts a table cannot hold
(reasons, documents, offices, steps) are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.engine.brief import money
from service.engine.evaluate import statuses
from service.engine.standings import Standing, Standings, standing
from service.rules.ruleset import Ruleset

__all__ = ["Row", "memo", "money", "row", "screen"]


@dataclass(frozen=True, slots=True)
class Row:
    entitlement: str
    status: str
    amount_min: int | None  # rupees she surely gets in the first year; 0 when none
    amount_max: int | None  # rupees she may get; None when no upper bound is set
    missing: tuple[str, ...]


def screen(ruleset: Ruleset, facts: Mapping[str, Any], as_of: dt.date,
           standings: Standings[Row] | None = None) -> list[Row]:
    """Rows for checked ``facts`` (``profile.coerce_profile``), one per entitlement in force
    on ``as_of`` for her State. ``standings``: a memo the caller keeps for this ruleset, for
    many profiles."""
    if standings is not None:
        return standings.each(ruleset, facts, as_of)
    found = statuses(ruleset, facts, as_of)
    rows = []
    for ent, version in ruleset.in_force(as_of, facts.get("state")):
        rows.append(row(ent.id, standing(version, facts, found[ent.id])))
    return rows


def row(entitlement: str, where: Standing) -> Row:
    return Row(entitlement, where.status, where.amount_min, where.amount_max,
               where.missing)


def memo() -> Standings[Row]:
    """A memo of rows for many profiles screened with one ruleset."""
    return Standings(row, per_version=20_000)
