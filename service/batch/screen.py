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

from service.engine.brief import money, standing
from service.engine.evaluate import statuses
from service.rules.ruleset import Ruleset

__all__ = ["Row", "money", "screen"]


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
    rows = []
    for ent, version in ruleset.in_force(as_of, facts.get("state")):
        where = standing(version, facts, found[ent.id])
        rows.append(Row(ent.id, where.status, where.amount_min, where.amount_max,
                        tuple(where.missing)))
    return rows
