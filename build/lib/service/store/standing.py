"""Where a claim stands on a given day, worked out from its record and the rules now serving:
its title and office, the moves open to it, the time limit running, whether it has passed,
and, once it has, the office that had to act with the chain above it to escalate to.

Reads no database and no clock: the caller passes the claim, the ruleset and the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from service.engine.offices import OfficeBook, Place
from service.engine.result import OfficeResult
from service.rules.model import ClaimStep, TimeLimit
from service.rules.ruleset import Ruleset, Version
from service.store import claims, deadlines, lifecycle
from service.store.tables import Claim


@dataclass(frozen=True, slots=True)
class RunningLimit:
    """The time limit behind the claim's due date. When the rules have changed since the
    date was set, the label and the date still stand and the rest is None."""

    label: str
    due: dt.date
    days: int | None
    months: int | None
    starts: ClaimStep | None  # the status that started the clock
    ends: ClaimStep | None  # the status that meets it
    cite: str | None


@dataclass(frozen=True, slots=True)
class Escalation:
    days_overdue: int
    office: OfficeResult  # the office that had to act; its escalates_to, nearest first


@dataclass(frozen=True, slots=True)
class Standing:
    title: str
    office_name: str
    allowed_moves: tuple[str, ...]
    overdue: bool
    deadline: RunningLimit | None
    escalation: Escalation | None  # only once overdue


def of(claim: Claim, ruleset: Ruleset, today: dt.date) -> Standing:
    book = OfficeBook(ruleset, Place(district=claim.district))
    version = claims.version_of(ruleset, claim)
    limit = _limit(claim, version)
    overdue = deadlines.is_overdue(claim.due_at, claim.status, today)
    return Standing(
        title=_title(claim, ruleset, version),
        office_name=book.name(claim.office).name if claim.office in ruleset.offices
        else claim.office,
        allowed_moves=lifecycle.allowed_moves(claim.status),
        overdue=overdue,
        deadline=_running(claim, limit),
        escalation=_escalation(claim, limit, book, today) if overdue else None)


def _title(claim: Claim, ruleset: Ruleset, version: Version | None) -> str:
    """The version's own title, else the entitlement's, else (the rules have dropped it) its id."""
    if version is not None and version.title:
        return version.title
    ent = ruleset.entitlements.get(claim.entitlement)
    return ent.title if ent else claim.entitlement


def _limit(claim: Claim, version: Version | None) -> TimeLimit | None:
    """The version's time limit that set the claim's due date, found by its label."""
    if version is None or not claim.due_label:
        return None
    return next((t for t in version.time_limits if t.label[:200] == claim.due_label), None)


def _running(claim: Claim, limit: TimeLimit | None) -> RunningLimit | None:
    if claim.due_at is None or claim.due_label is None:
        return None
    if limit is None:  # the rules have changed since: the label and date still stand
        return RunningLimit(label=claim.due_label, due=claim.due_at, days=None, months=None,
                            starts=None, ends=None, cite=None)
    return RunningLimit(label=claim.due_label, due=claim.due_at, days=limit.days,
                        months=limit.months, starts=limit.starts, ends=limit.ends,
                        cite=limit.cite)


def _escalation(claim: Claim, limit: TimeLimit | None, book: OfficeBook,
                today: dt.date) -> Escalation | None:
    """The office that had to act (the limit's own, else the claim's), with the chain above
    it; None when the rules no longer know that office."""
    duty = (limit.office if limit and limit.office else None) or claim.office
    if claim.due_at is None or duty not in book.ruleset.offices:
        return None
    return Escalation(days_overdue=(today - claim.due_at).days, office=book.result(duty))
