"""A claim's due dates from time limits: the clock's start and end (the arithmetic is
tests/service/test_dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from service.rules.model import TimeLimit
from service.rules.ruleset import Ruleset
from service.store.deadlines import due_date, is_overdue, pending

D = dt.date
T = dt.datetime


def limit(**kw: object) -> TimeLimit:
    return TimeLimit.model_validate({"label": "x", **kw})


def test_days_and_months() -> None:
    assert due_date(limit(days=30), D(2026, 1, 10)) == D(2026, 2, 9)
    assert due_date(limit(months=2), D(2026, 1, 10)) == D(2026, 3, 10)


def test_the_clock_runs_from_starts_until_ends() -> None:
    limits = [limit(label="enquiry", months=2),                       # applied -> sanctioned
              limit(label="pay", days=30, starts="sanctioned", ends="received")]
    applied = {"identified": T(2026, 1, 1, tzinfo=dt.UTC),
               "applied": T(2026, 1, 10, tzinfo=dt.UTC)}
    assert pending(limits, "identified", {"identified": applied["identified"]}) is None
    found = pending(limits, "applied", applied)
    assert found is not None and (found.due, found.limit.label) == (D(2026, 3, 10), "enquiry")
    sanctioned = applied | {"sanctioned": T(2026, 4, 1, tzinfo=dt.UTC)}
    found = pending(limits, "sanctioned", sanctioned)
    assert found is not None and (found.due, found.limit.label) == (D(2026, 5, 1), "pay")
    assert pending(limits, "received", sanctioned) is None
    assert pending(limits, "rejected", sanctioned) is None


def test_a_limit_without_starts_runs_no_clock() -> None:
    limits = [limit(label="her own deadline", months=3, starts=None)]
    assert pending(limits, "applied", {"applied": T(2026, 1, 1, tzinfo=dt.UTC)}) is None


def test_the_earliest_running_limit_wins() -> None:
    limits = [limit(label="long", months=3), limit(label="short", days=15)]
    found = pending(limits, "applied", {"applied": T(2026, 1, 1, tzinfo=dt.UTC)})
    assert found is not None and found.limit.label == "short"


def test_overdue_only_after_the_due_day_and_while_open() -> None:
    due = D(2026, 3, 10)
    assert not is_overdue(due, "applied", due)
    assert is_overdue(due, "applied", due + dt.timedelta(days=1))
    assert not is_overdue(due, "withdrawn", due + dt.timedelta(days=1))
    assert not is_overdue(None, "applied", due)


def test_ends_must_follow_starts() -> None:
    with pytest.raises(ValueError, match="must come after"):
        limit(days=3, starts="sanctioned", ends="applied")


def test_a_nalsa_2018_rape_claim_is_due_in_sixty_days_not_the_acid_attacks_fifteen(
        ruleset: Ruleset) -> None:
    # The acid-attack limits (15 days to pay interim relief, 8 for the SLSA) once stood at the
    # version level, which every claim reads, without the `when` of their route twin: a rape
    # claim showed overdue after 15 days. They now live only in the route (lint E429 guards it).
    version = ruleset.entitlements["women-victims-compensation"].version_on(D(2026, 11, 28))
    assert version is not None
    applied = {"identified": T(2026, 1, 1, tzinfo=dt.UTC), "applied": T(2026, 1, 10, tzinfo=dt.UTC)}
    found = pending(version.time_limits, "applied", applied)
    assert found is not None and found.due == D(2026, 1, 10) + dt.timedelta(days=60)
    assert not is_overdue(found.due, "applied", D(2026, 2, 1))  # 22 days in: not overdue
