"""Small-count suppression for published figures: no survivor can be singled out.

Every count under ``THRESHOLD`` (0 included) is shown as ``"<5"``. An amount or a median is
shown only when at least ``THRESHOLD`` claims make it up and the row itself has that many.
Because a total is published too, a column with exactly one hidden cell would give it away
(total minus the cells shown): the smallest cell shown in that column is hidden as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.store.funnel import COUNTS, Funnel, Tally

THRESHOLD = 5
HIDDEN = "<5"
Cell = int | float | str | None  # a figure, HIDDEN, or None (a median of nothing)


@dataclass(frozen=True, slots=True)
class Line:
    entitlement: str | None  # None on the total line
    office: str | None
    cells: dict[str, Cell]


# Each published column: how to read its value, and how many claims it rests on.
def _columns(t: Tally) -> dict[str, tuple[int | float | None, int]]:
    columns: dict[str, tuple[int | float | None, int]] = {
        name: (t.count(name), t.count(name)) for name in COUNTS}
    columns["amount_claimed"] = (sum(t.claimed), min(len(t.claimed), t.identified))
    columns["amount_received"] = (sum(t.paid), min(len(t.paid), t.identified))
    columns["median_days_applied_to_received"] = (
        t.median_days, min(len(t.paid_days), t.identified))
    return columns


ADDITIVE = (*COUNTS, "amount_claimed", "amount_received")


def publish(funnel: Funnel) -> tuple[list[Line], Line]:
    """The rows and the total, with small figures hidden."""
    keys = list(funnel.rows)
    raw = [_columns(funnel.rows[k]) for k in keys]
    total_raw = _columns(funnel.total)
    hide = [{name for name, (_, n) in cols.items() if n < THRESHOLD} for cols in raw]
    total_hide = {name for name, (_, n) in total_raw.items() if n < THRESHOLD}
    for name in ADDITIVE:
        if name not in total_hide:
            _complement(name, raw, hide)
    lines = [Line(ent, office, _cells(cols, hidden))
             for (ent, office), cols, hidden in zip(keys, raw, hide, strict=True)]
    return lines, Line(None, None, _cells(total_raw, total_hide))


def _complement(name: str, raw: Sequence[dict[str, tuple[int | float | None, int]]],
                hide: list[set[str]]) -> None:
    hidden = [i for i, h in enumerate(hide) if name in h]
    if len(hidden) != 1:
        return
    shown = [i for i, h in enumerate(hide) if name not in h]
    if shown:
        smallest = min(shown, key=lambda i: (raw[i][name][1], raw[i][name][0] or 0))
        hide[smallest].add(name)


def _cells(cols: dict[str, tuple[int | float | None, int]], hidden: set[str]) -> dict[str, Cell]:
    return {name: HIDDEN if name in hidden else value for name, (value, _) in cols.items()}
