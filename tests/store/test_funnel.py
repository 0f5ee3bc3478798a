"""The funnel: what it counts (on both databases), and what it hides. No figure under 5 is
shown, and no hidden figure can be worked out from the total and the figures shown."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session

from service.rules.ruleset import Ruleset
from service.store import claims, funnel, suppression
from service.store.claims import ClaimOpen, Move
from service.store.funnel import Funnel, Tally
from service.store.suppression import ADDITIVE, HIDDEN, publish
from tests.store.conftest import NOW

DAY = dt.timedelta(days=1)


def _claim(session: Session, rules: Ruleset, n: int, steps: list[str], *, org: str = "sanjog",
           district: str = "Purulia", opened_at: dt.datetime = NOW - 90 * DAY) -> None:
    claim = claims.open_claim(session, rules, ClaimOpen(
        entitlement="compensation", case_ref=f"SNJ-{org}-{n}", district=district,
        at=opened_at, amount_claimed=100), org=org, scope=org, key_id=None, now=NOW)
    for i, to in enumerate(steps, start=1):
        amount = 80 if to in ("sanctioned", "received") else None
        claims.append(session, rules, claim.id, Move(to, amount=amount,
                                                     at=opened_at + i * 10 * DAY),
                      scope=org, key_id=None, now=NOW)


FULL = ["documents_ready", "applied", "sanctioned", "received"]


def test_the_funnel_counts_how_far_claims_got(session: Session, rules: Ruleset) -> None:
    for n in range(6):
        _claim(session, rules, n, FULL)
    for n in range(6, 9):
        _claim(session, rules, n, ["documents_ready", "applied"])          # overdue by now
    _claim(session, rules, 9, ["documents_ready", "applied", "rejected"])
    _claim(session, rules, 10, FULL, org="other-ngo")
    _claim(session, rules, 11, FULL, district="Bankura")
    _claim(session, rules, 12, FULL, opened_at=NOW - 400 * DAY)
    report = funnel.funnel(session, scope="sanjog", today=NOW.date(), district="purulia",
                           start=(NOW - 100 * DAY).date(), end=NOW.date())
    [(key, row)] = report.rows.items()
    assert key == ("compensation", "dlsa")
    assert (row.identified, row.applied, row.sanctioned, row.received, row.rejected,
            row.overdue) == (10, 10, 6, 6, 1, 3)
    assert (sum(row.claimed), sum(row.paid), row.median_days) == (1000, 480, 20)
    everyone = funnel.funnel(session, scope=None, today=NOW.date())
    assert everyone.total.identified == 13


def tally(**counts: int) -> Tally:
    t = Tally(**{k: v for k, v in counts.items() if k in funnel.COUNTS})
    t.claimed = [100] * counts.get("claimed", 0)
    t.paid = [50] * counts.get("paid", 0)
    t.paid_days = [30] * counts.get("paid", 0)
    return t


def test_small_counts_read_under_five_zero_included() -> None:
    big = tally(identified=40, applied=30, sanctioned=9, received=4, rejected=0, overdue=7,
                claimed=30, paid=4)
    [line], total = publish(Funnel({("a", "dlsa"): big}, big))
    assert line.cells["identified"] == 40 and line.cells["overdue"] == 7
    assert line.cells["received"] == HIDDEN and line.cells["rejected"] == HIDDEN
    assert line.cells["amount_claimed"] == 3000
    assert line.cells["amount_received"] == HIDDEN          # four payments: not shown
    assert line.cells["median_days_applied_to_received"] == HIDDEN
    assert total.cells == line.cells


def test_a_small_row_hides_its_amounts() -> None:
    small = tally(identified=3, applied=3, claimed=3)
    big = tally(identified=50, applied=20, claimed=20)
    total = tally(identified=53, applied=23, claimed=23)
    lines, shown_total = publish(Funnel({("a", "x"): small, ("b", "y"): big}, total))
    assert lines[0].cells["amount_claimed"] == HIDDEN
    assert shown_total.cells["identified"] == 53


def test_one_hidden_cell_in_a_column_hides_another() -> None:
    rows = {("a", "x"): tally(identified=3), ("b", "y"): tally(identified=6),
            ("c", "z"): tally(identified=20)}
    lines, total = publish(Funnel(rows, tally(identified=29)))
    assert [line.cells["identified"] for line in lines] == [HIDDEN, HIDDEN, 20]
    assert total.cells["identified"] == 29


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(0, 12)),
                min_size=1, max_size=6))
def test_no_hidden_cell_can_be_worked_out_from_the_total(
        figures: list[tuple[int, int, int]]) -> None:
    rows = {(f"e{i}", "o"): tally(identified=a + b, applied=a, received=c, claimed=b, paid=c)
            for i, (a, b, c) in enumerate(figures)}
    total = Tally()
    for t in rows.values():
        for name in funnel.COUNTS:
            setattr(total, name, total.count(name) + t.count(name))
        total.claimed += t.claimed
        total.paid += t.paid
        total.paid_days += t.paid_days
    lines, shown_total = publish(Funnel(rows, total))
    for line in [*lines, shown_total]:
        for name in funnel.COUNTS:
            value = line.cells[name]
            assert value == HIDDEN or (isinstance(value, int)
                                       and value >= suppression.THRESHOLD)
    for name in ADDITIVE:
        hidden = [line for line in lines if line.cells[name] == HIDDEN]
        if shown_total.cells[name] != HIDDEN:
            assert len(hidden) != 1, f"{name}: the total gives away the one hidden cell"
