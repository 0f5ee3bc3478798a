"""The programme view's figures: regrouped rows add up, small ones are hidden by the API's own
suppression, and the gaps read only figures that are shown."""

from __future__ import annotations

from api.web import charts
from api.web.programme import most_overdue, never_applied, regroup
from service.store import suppression
from service.store.funnel import Funnel, Tally


def _tally(identified: int, applied: int = 0, overdue: int = 0) -> Tally:
    return Tally(identified=identified, applied=applied, overdue=overdue)


def _funnel(rows: dict[tuple[str, str], Tally]) -> Funnel:
    total = Tally()
    for t in rows.values():
        for name in ("identified", "applied", "overdue"):
            setattr(total, name, total.count(name) + t.count(name))
    return Funnel(rows, total)


RAW = _funnel({
    ("free-legal-aid", "dlsa"): _tally(6, 0, 2),
    ("victim-compensation", "dlsa"): _tally(4, 3, 4),
    ("victim-compensation", "sdlsa"): _tally(5, 5, 3),
    ("free-schooling", "beo"): _tally(9, 8, 0),
})


def test_regrouping_adds_the_rows_it_gathers() -> None:
    by_entitlement = regroup(RAW, lambda e, o: e)
    assert by_entitlement.rows[("victim-compensation", "")].identified == 9
    assert by_entitlement.rows[("victim-compensation", "")].applied == 8
    by_office = regroup(RAW, lambda e, o: o, every=["dcpu"])
    assert by_office.rows[("dlsa", "")].overdue == 6
    assert by_office.rows[("dcpu", "")].identified == 0  # shown, though nothing fell in it
    assert by_office.total is RAW.total


def test_the_gaps_read_only_what_is_shown() -> None:
    grouped = regroup(RAW, lambda e, o: e)
    lines, _ = suppression.publish(grouped)
    # free legal aid: 6 identified (shown), 0 applied (hidden): a gap. Free schooling's 8
    # applied is hidden too (else the total would give free legal aid's away), but it is
    # no gap.
    assert {c.entitlement: c.cells["applied"] for c in lines}["free-schooling"] == "<5"
    assert never_applied(lines, grouped) == ["free-legal-aid"]
    offices, _ = suppression.publish(regroup(RAW, lambda e, o: o))
    assert most_overdue(offices) == [("dlsa", 6)]  # sdlsa's 3 is hidden, so not ranked


def test_hidden_figures_are_drawn_as_stubs_that_say_nothing() -> None:
    lines, _ = suppression.publish(regroup(RAW, lambda e, o: e))
    drawn = {c.key: c for c in charts.charts(lines)}
    legal = {b.step: b for b in drawn["free-legal-aid"].bars}
    assert legal["identified"].text == "6" and not legal["identified"].hidden
    assert legal["applied"].text == "<5" and legal["applied"].width == charts.STUB
    school = {b.step: b for b in drawn["free-schooling"].bars}
    assert school["identified"].width == charts.WIDTH  # the largest shown count
