"""Parameters, linked: each named figure with its dated values, nationally and by State.

A rule names a parameter; ``link`` reads it where each version is in force and for each State
that has values of its own (``contexts``), so the engine sees plain figures and never looks a
parameter up while it answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from service.rules import model


@dataclass(frozen=True, slots=True)
class Value:
    """One dated value. ``low`` and ``high`` are equal for a figure; None is an open end."""

    start: dt.date
    until: dt.date | None
    low: int | None
    high: int | None
    instrument: str
    provision: str | None
    sources: tuple[model.Source, ...]
    verified: bool
    note: str | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)

    @property
    def exact(self) -> int | None:
        return self.low if self.low is not None and self.low == self.high else None

    @property
    def basis(self) -> str:
        """"West Bengal Victim Compensation Scheme, 2017, Schedule, row 3"."""
        return self.instrument + (f", {self.provision}" if self.provision else "")


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    unit: model.ParamUnit
    file: str
    national: tuple[Value, ...]
    states: Mapping[str, tuple[Value, ...]]
    note: str | None = None

    def on(self, day: dt.date, state: str | None) -> tuple[Value | None, str | None]:
        """The value in force on ``day`` for ``state``, and whose it is: the State's own
        (its id), else the national value (None), else ``(None, None)``."""
        if state is not None:
            own = _find(self.states.get(state, ()), day)
            if own is not None:
                return own, state
        return _find(self.national, day), None

    def edges(self) -> set[dt.date]:
        """Every day on which a value of this parameter starts or stops."""
        days: set[dt.date] = set()
        for series in (self.national, *self.states.values()):
            for value in series:
                days.add(value.start)
                if value.until is not None and value.until < dt.date.max:
                    days.add(value.until + dt.timedelta(days=1))
        return days

    def series(self) -> Iterator[tuple[str | None, tuple[Value, ...]]]:
        """The national series (None) first, then each State's."""
        if self.national:
            yield None, self.national
        yield from sorted(self.states.items())


def _find(series: tuple[Value, ...], day: dt.date) -> Value | None:
    return next((v for v in series if v.covers(day)), None)


@dataclass(frozen=True, slots=True)
class Figure:
    """A parameter's value as one version's rule reads it, with where it came from."""

    parameter: str
    value: Value | None  # None: no value is encoded for this date and place
    jurisdiction: str | None  # the State whose value it is; None for the national value
    by_state: bool  # the parameter has State values, so the State matters
    # Answers look a figure up by its content (the words' memo of what each says); hashing
    # the value and its sources ran in Python on every look-up, so it is done once.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash(self._fields()))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Figure], tuple[str, Value | None, str | None, bool]]:
        return Figure, self._fields()  # made again where unpickled: a str's hash is per process

    def _fields(self) -> tuple[str, Value | None, str | None, bool]:
        return self.parameter, self.value, self.jurisdiction, self.by_state

    @property
    def verified(self) -> bool:
        return self.value is not None and self.value.verified
