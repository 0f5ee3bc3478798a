"""Where an amount came from, in words: a State's own value with its instrument, or the
national value or floor because no value of her State is encoded."""

from __future__ import annotations

from collections.abc import Iterable

from service.engine.result import FigureResult
from service.rules.parameters import Figure, Value
from service.rules.ruleset import Slab
from service.text.words import Words


def results(slabs: Iterable[Slab], state: str | None, words: Words) -> list[FigureResult]:
    seen: dict[str, FigureResult] = {}
    for slab in slabs:
        for figure in slab.figures:
            if figure.parameter not in seen:
                # the same figure for the same State reads alike in every answer: kept in
                # the words by the figure itself (equal figures, equal words)
                seen[figure.parameter] = words.remember(("figure", figure, state), result,
                                                        figure, state, words)
    return list(seen.values())


def result(figure: Figure, state: str | None, words: Words) -> FigureResult:
    value = figure.value
    return FigureResult(
        parameter=figure.parameter,
        amount_min=value.low if value else None, amount_max=value.high if value else None,
        state=figure.jurisdiction, basis=basis(value, words) if value else None,
        explanation=explanation(figure, state, words),
        valid_from=value.start if value else None, valid_until=value.until if value else None,
        verified=figure.verified, note=value.note if value else None)


def basis(value: Value, words: Words) -> str:
    """"Instrument, provision" in the answer's language: "West Bengal Victim Compensation
    Scheme, 2017, Schedule, row 3"."""
    provision = words.maybe(value.provision)
    return words.t(value.instrument) + (f", {provision}" if provision else "")


def explanation(figure: Figure, state: str | None, words: Words) -> str:
    value = figure.value
    where = words.value("state", state) if state else None
    if value is None:
        if where is None:
            return words.msg("figure.by_state_unknown")
        return words.msg("figure.no_state_value", state=where)
    said = basis(value, words)
    floor = value.high is None
    if figure.jurisdiction is not None:
        return words.msg("figure.state_value", state=words.value("state", figure.jurisdiction),
                         basis=said, date=words.date(value.start))
    if not figure.by_state:
        return words.msg("figure.value", basis=said, date=words.date(value.start))
    if where is None:
        return words.msg("figure.national_floor_ask_state" if floor
                         else "figure.national_ask_state", basis=said)
    return words.msg("figure.national_floor_applies" if floor else "figure.national_applies",
                     state=where, basis=said)
