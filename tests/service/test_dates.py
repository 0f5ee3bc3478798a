"""Due dates: calendar months end on the same day, or the month's last; days are days."""

from __future__ import annotations

import datetime as dt

import pytest

from service.dates import add_months, due

D = dt.date


@pytest.mark.parametrize(("start", "months", "end"), [
    (D(2024, 8, 20), 2, D(2024, 10, 20)),
    (D(2024, 12, 31), 2, D(2025, 2, 28)),  # no 31 February: the month's last day
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
    (D(2024, 11, 30), 3, D(2025, 2, 28)),
    (D(2026, 11, 15), 2, D(2027, 1, 15)),  # into the next year
    (D(2025, 3, 3), 12, D(2026, 3, 3)),
    (D(2026, 3, 31), 12, D(2027, 3, 31)),
    (D(2026, 5, 1), 0, D(2026, 5, 1)),
])
def test_months_are_calendar_months(start: dt.date, months: int, end: dt.date) -> None:
    assert add_months(start, months) == end
    assert due(start, days=None, months=months) == end


def test_days() -> None:
    assert due(D(2025, 3, 3), days=60, months=None) == D(2025, 5, 2)
    assert due(D(2024, 12, 28), days=7, months=None) == D(2025, 1, 4)
    assert due(D(2026, 1, 10), days=30, months=None) == D(2026, 2, 9)



def test_a_limit_past_the_calendar_ends_on_its_last_day() -> None:
    # 9999-12-31 plus a limit was an OverflowError, and a 500 from compensation-routes.
    assert due(dt.date.max, days=90, months=None) == dt.date.max
    assert due(dt.date.max, days=None, months=6) == dt.date.max
    assert add_months(D(9999, 11, 30), 1) == D(9999, 12, 30)
