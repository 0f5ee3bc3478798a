"""Claims: one survivor's pursuit of one entitlement, and its append-only history.

The entitlement's version in force and its office come from the rules; each event moves the
claim one step (``lifecycle``) and recomputes its due date (``deadlines``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.dates import india_date
from service.engine import districts
from service.errors import Conflict, InvalidInput, Loc, NotFound
from service.rules.ruleset import Ruleset, Version
from service.store import deadlines, lifecycle, reasons, screenings
from service.store.tables import Claim, ClaimEvent, Screening

SKEW = dt.timedelta(minutes=5)  # a client's clock may run a little ahead
# Which amount an event's ``amount`` records, by the status it moves to.
AMOUNT_OF = {"applied": "amount_claimed", "sanctioned": "amount_sanctioned",
             "received": "amount_received"}


@dataclass(frozen=True, slots=True)
class ClaimOpen:
    """What opening a claim needs; the rest comes from the rules and the screening."""

    entitlement: str
    case_ref: str | None = None
    screening_id: str | None = None
    as_of: dt.date | None = None
    amount_claimed: int | None = None
    district: str | None = None
    note: str | None = None
    at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Move:
    """One event: a move to ``to_status``, or a note alone when it is None."""

    to_status: str | None
    note: str | None = None
    reason: str | None = None
    amount: int | None = None
    at: dt.datetime | None = None


def version_of(ruleset: Ruleset, claim: Claim) -> Version | None:
    """The claim's rule version in the rules now serving (None if that version is gone)."""
    ent = ruleset.entitlements.get(claim.entitlement)
    return next((v for v in ent.versions if v.valid_from == claim.valid_from), None) \
        if ent else None


def open_claim(session: Session, ruleset: Ruleset, ask: ClaimOpen, *, org: str,
               scope: str | None, key_id: str | None, now: dt.datetime) -> Claim:
    screening = (screenings.get(session, ask.screening_id, scope=scope)
                 if ask.screening_id else None)
    case_ref = _case_ref(ask, screening.case_ref if screening else None)
    at = _when(ask.at, now, None)
    as_of = ask.as_of or (screening.as_of if screening else india_date(at))
    ent = ruleset.entitlements.get(ask.entitlement)
    if ent is None:
        raise InvalidInput([(("body", "entitlement"), "unknown_entitlement",
                             "no entitlement with this id; GET /v1/entitlements lists them")])
    version = ent.version_on(as_of)
    if version is None:
        raise InvalidInput([(("body", "as_of"), "not_in_force",
                             "the entitlement has no version in force on as_of")])
    org = screening.org if screening else org
    district = _district(ruleset, ask.district, screening)
    _refuse_duplicate(session, org, case_ref, ent.id)
    claim = Claim(id=uuid.uuid4().hex, case_ref=case_ref, org=org, entitlement=ent.id,
                  valid_from=version.valid_from, as_of=as_of, office=version.office,
                  district=district,
                  status="identified", amount_claimed=ask.amount_claimed, opened_at=at,
                  events=1, updated_at=now, screening_id=screening.id if screening else None,
                  key_id=key_id)
    _set_due(claim, version)
    with _clash(session, "claim_opened_meanwhile",
                "a claim for this entitlement was opened for this case meanwhile"):
        session.add(claim)
        session.flush()  # the claim row first: the event refers to it
        session.add(ClaimEvent(id=uuid.uuid4().hex, claim_id=claim.id, seq=1, at=at,
                               recorded_at=now, from_status=None, to_status="identified",
                               note=ask.note, amount=ask.amount_claimed, key_id=key_id))
        session.commit()
    return claim


def _district(ruleset: Ruleset, asked: str | None, screening: Screening | None) -> str | None:
    """The claim's district as the rules list it: the one asked, in the list of the
    screening's State when there is a screening that names one (``UnknownDistrict``), else
    the screening's, as kept."""
    if asked is None:
        return screening.district if screening else None
    state = screening.profile.get("state") if screening else None
    return districts.settle(ruleset, asked, state if isinstance(state, str) else None)


def get(session: Session, claim_id: str, *, scope: str | None, lock: bool = False) -> Claim:
    query = select(Claim).where(Claim.id == claim_id)
    if lock:
        query = query.with_for_update()
    claim = session.exec(query).first()
    if claim is None or (scope is not None and claim.org != scope):
        raise NotFound("claim")
    return claim


def history(session: Session, claim_id: str) -> list[ClaimEvent]:
    return list(session.exec(select(ClaimEvent).where(ClaimEvent.claim_id == claim_id)
                             .order_by(col(ClaimEvent.seq))).all())


def find(session: Session, *, scope: str | None, today: dt.date, case_ref: str | None = None,
         status: str | None = None, entitlement: str | None = None,
         overdue: bool | None = None, updated_since: dt.datetime | None = None,
         limit: int = 50, offset: int = 0) -> tuple[list[Claim], int]:
    """A page of claims (most overdue first when asked for overdue ones), and the total."""
    query = select(Claim)
    if scope is not None:
        query = query.where(Claim.org == scope)
    for column, value in ((Claim.case_ref, case_ref), (Claim.status, status),
                          (Claim.entitlement, entitlement)):
        if value is not None:
            query = query.where(column == value)
    if updated_since is not None:  # the server's clock, never a client's: safe for sync
        query = query.where(col(Claim.updated_at) > updated_since)
    late = col(Claim.due_at) < today
    open_ = col(Claim.status).not_in(lifecycle.FINAL)
    if overdue is True:
        query = query.where(late, open_)
    elif overdue is False:
        query = query.where(~(late & open_) | col(Claim.due_at).is_(None))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    order = ((col(Claim.due_at), col(Claim.id)) if overdue
             else (col(Claim.updated_at).desc(), col(Claim.id)))
    page = session.exec(query.order_by(*order).limit(limit).offset(offset)).all()
    return list(page), int(total)


def append(session: Session, ruleset: Ruleset, claim_id: str, move: Move, *,
           scope: str | None, key_id: str | None, now: dt.datetime) -> Claim:
    """Add one event; the claim follows it. Earlier events are never touched."""
    claim = get(session, claim_id, scope=scope, lock=True)
    if move.to_status is not None:
        lifecycle.check_move(claim.status, move.to_status)
    if move.reason is not None:
        wrong = reasons.problem(move.to_status, move.reason)
        if wrong:
            raise InvalidInput([(("body", "reason"), "reason_not_allowed", wrong)])
    last = session.exec(select(ClaimEvent).where(ClaimEvent.claim_id == claim.id)
                        .order_by(col(ClaimEvent.seq).desc()).limit(1)).one()
    at = _when(move.at, now, last.at)
    to = move.to_status or claim.status
    if move.amount is not None:
        if move.to_status not in AMOUNT_OF:
            raise InvalidInput([(("body", "amount"), "amount_not_expected",
                                 "an amount goes with a move to applied (claimed), "
                                 "sanctioned or received")])
        setattr(claim, AMOUNT_OF[move.to_status], move.amount)
    if move.to_status is not None:
        claim.status = to
        setattr(claim, lifecycle.ENTERED_AT[to], at)
        version = version_of(ruleset, claim)
        if version is not None or to in lifecycle.FINAL:
            _set_due(claim, version)
    claim.events += 1
    claim.updated_at = now
    session.add(claim)
    session.add(ClaimEvent(id=uuid.uuid4().hex, claim_id=claim.id, seq=claim.events, at=at,
                           recorded_at=now, from_status=last.to_status, to_status=to,
                           note=move.note, reason=move.reason, amount=move.amount,
                           key_id=key_id))
    with _clash(session, "claim_changed", "the claim changed meanwhile; read it again and retry"):
        session.commit()
    return claim


@contextmanager
def _clash(session: Session, kind: str, message: str) -> Iterator[None]:
    """A unique constraint that fails (another request won the race) is a 409."""
    try:
        yield
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(kind, message) from exc


def _set_due(claim: Claim, version: Version | None) -> None:
    entered = {step: getattr(claim, column) for step, column in lifecycle.ENTERED_AT.items()
               if step in lifecycle.CHAIN}
    found = deadlines.pending(version.time_limits if version else (), claim.status, entered)
    claim.due_at = found.due if found else None
    claim.due_label = found.limit.label[:200] if found else None


def _case_ref(ask: ClaimOpen, from_screening: str | None) -> str:
    if ask.case_ref and from_screening and ask.case_ref != from_screening:
        raise InvalidInput([(("body", "case_ref"), "case_ref_mismatch",
                             "the case reference differs from the screening's")])
    case_ref = ask.case_ref or from_screening
    if case_ref is None:
        raise InvalidInput([(("body", "case_ref"), "missing",
                             "give case_ref, or a screening_id to take it from")])
    return case_ref


def _when(at: dt.datetime | None, now: dt.datetime, after: dt.datetime | None) -> dt.datetime:
    if at is None:
        return now if after is None or now >= after else after
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    problems: list[tuple[Loc, str, str]] = []
    if at > now + SKEW:
        problems.append((("body", "at"), "in_future", "an event cannot be in the future"))
    if after is not None and at < after:
        problems.append((("body", "at"), "before_last_event",
                         "an event cannot be earlier than the claim's last event"))
    if problems:
        raise InvalidInput(problems)
    return at


def _refuse_duplicate(session: Session, org: str, case_ref: str, entitlement: str) -> None:
    open_claim = session.exec(select(Claim).where(
        Claim.org == org, Claim.case_ref == case_ref, Claim.entitlement == entitlement,
        col(Claim.status).not_in(lifecycle.FINAL))).first()
    if open_claim is not None:
        raise Conflict("claim_already_open",
                       f"claim {open_claim.id} for this entitlement is still open for this "
                       "case; move it on, or close it before opening another",
                       params={"claim_id": open_claim.id})
