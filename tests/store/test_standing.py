"""Where a claim stands on a day, without the API or a database: the time limit running,
overdue only after the due day and while open, and where to escalate."""

from __future__ import annotations

import datetime as dt

from service.rules.ruleset import Ruleset
from service.store import standing
from service.store.tables import Claim

AT = dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
DUE = dt.date(2026, 3, 10)
LATE = DUE + dt.timedelta(days=4)


def claim(**kw: object) -> Claim:
    fields: dict[str, object] = {
        "id": "a" * 32, "case_ref": "SNJ-1", "org": "sanjog", "entitlement": "compensation",
        "valid_from": dt.date(2020, 1, 1), "as_of": dt.date(2022, 6, 1), "office": "dlsa",
        "district": "Purulia", "status": "applied", "opened_at": AT, "updated_at": AT,
        "due_at": DUE, "due_label": "Enquiry and award", "events": 3, **kw}
    return Claim(**fields)


def test_the_running_limit_and_the_office(rules: Ruleset) -> None:
    now = standing.of(claim(), rules, DUE)
    assert (now.title, now.office_name) == (
        "Compensation for a trafficked person", "District Legal Services Authority, Purulia")
    assert now.allowed_moves == ("sanctioned", "rejected", "withdrawn")
    assert now.deadline is not None
    assert (now.deadline.label, now.deadline.due, now.deadline.months, now.deadline.cite) == (
        "Enquiry and award", DUE, 2, "Test Act s.5: within two months")
    assert not now.overdue and now.escalation is None


def test_once_overdue_escalate_above_the_office_that_had_to_act(rules: Ruleset) -> None:
    now = standing.of(claim(), rules, LATE)
    assert now.overdue and now.escalation is not None
    assert now.escalation.days_overdue == 4
    assert now.escalation.office.id == "dlsa"
    assert [o.id for o in now.escalation.office.escalates_to] == ["slsa", "nalsa"]
    paying = standing.of(claim(status="sanctioned", due_label="Payment of the award"),
                         rules, LATE)
    assert paying.escalation is not None and paying.escalation.office.id == "slsa"


def test_a_closed_claim_is_never_overdue(rules: Ruleset) -> None:
    now = standing.of(claim(status="withdrawn"), rules, LATE)
    assert not now.overdue and now.escalation is None and now.allowed_moves == ()


def test_rules_that_changed_since_leave_the_label_and_date(rules: Ruleset) -> None:
    now = standing.of(claim(due_label="a limit since dropped"), rules, LATE)
    assert now.deadline is not None
    assert (now.deadline.label, now.deadline.due, now.deadline.days, now.deadline.cite) == (
        "a limit since dropped", DUE, None, None)
    gone = standing.of(claim(entitlement="gone", office="gone-office"), rules, LATE)
    assert (gone.title, gone.office_name) == ("gone", "gone-office")
    assert gone.overdue and gone.escalation is None
