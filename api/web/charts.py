"""Funnel figures as horizontal bars, worked out here and drawn by the template as SVG: no
charting library, nothing loaded from elsewhere. A hidden figure ("<5") is drawn as a short
hatched stub, so that its size says nothing."""

from __future__ import annotations

from dataclasses import dataclass

from service.store.suppression import HIDDEN, Cell, Line

STEPS = ("identified", "applied", "sanctioned", "received")
WIDTH = 200  # the bars' share of the chart's viewBox
STUB = 6


@dataclass(frozen=True, slots=True)
class Bar:
    step: str
    text: str  # the figure as published: "12" or "<5"
    width: int
    hidden: bool


@dataclass(frozen=True, slots=True)
class Chart:
    key: str  # the entitlement, component or office
    bars: list[Bar]
    overdue: Cell


def charts(lines: list[Line], key: str = "entitlement") -> list[Chart]:
    """One chart per line, all on one scale (the largest count shown)."""
    shown = [c for line in lines for s in STEPS
             if isinstance(c := line.cells[s], int) and not isinstance(c, bool)]
    top = max(shown, default=1) or 1
    out = []
    for line in lines:
        bars = []
        for step in STEPS:
            cell = line.cells[step]
            if cell == HIDDEN or not isinstance(cell, int):
                bars.append(Bar(step, HIDDEN, STUB, True))
            else:
                bars.append(Bar(step, str(cell), max(1, round(WIDTH * cell / top)), False))
        out.append(Chart(str(getattr(line, key) or ""), bars, line.cells["overdue"]))
    return out
