"""Where an amount came from, in words: a State's own value with its instrument, or the
national value or floor because no value of her State is encoded."""

from __future__ import annotations

from collections.abc import Iterable

from service.engine.offices import state_name
from service.engine.result import FigureResult
from service.rules.parameters import Figure
from service.rules.ruleset import Slab


def results(slabs: Iterable[Slab], state: str | None) -> list[FigureResult]:
    seen: dict[str, FigureResult] = {}
    for slab in slabs:
        for figure in slab.figures:
            seen.setdefault(figure.parameter, result(figure, state))
    return list(seen.values())


def result(figure: Figure, state: str | None) -> FigureResult:
    value = figure.value
    return FigureResult(
        parameter=figure.parameter,
        amount_min=value.low if value else None, amount_max=value.high if value else None,
        state=figure.jurisdiction, basis=value.basis if value else None,
        explanation=explanation(figure, state),
        valid_from=value.start if value else None, valid_until=value.until if value else None,
        verified=figure.verified, note=value.note if value else None)


def explanation(figure: Figure, state: str | None) -> str:
    value = figure.value
    where = state_name(state) if state else None
    if value is None:
        if where is None:
            return "Set by each State: say which State she lives in to see the amount."
        return f"No {where} value is encoded here; ask the authority for the amount."
    kind = "floor" if value.high is None else "value"
    if figure.jurisdiction is not None:
        return f"{state_name(figure.jurisdiction)}: {value.basis}, from {value.start}."
    if not figure.by_state:
        return f"{value.basis}, from {value.start}."
    if where is None:
        return (f"The national {kind} ({value.basis}); States set their own amounts: say "
                "which State she lives in.")
    return (f"No {where} value is encoded here: the national {kind} applies "
            f"({value.basis}).")
