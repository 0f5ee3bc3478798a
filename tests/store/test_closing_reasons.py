"""Why a claim closed is one value from the closed status's list, kept on the closing event,
on both databases; anything else is refused before anything is written."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from service.errors import InvalidInput
from service.rules.ruleset import Ruleset
from service.store import claims, reasons
from service.text.messages import MESSAGES
from tests.store.conftest import NOW
from tests.store.test_claims import move, opened


@pytest.mark.parametrize(("to", "reason"), [
    (to, reason) for to, allowed in reasons.ALLOWED.items() for reason in allowed])
def test_a_closing_move_keeps_its_reason(session: Session, rules: Ruleset, to: str,
                                         reason: str) -> None:
    claim = opened(session, rules, f"SNJ-{len(reason)}-{len(to)}")
    move(session, rules, claim, to, NOW, reason=reason, note="decided at the hearing")
    last = claims.history(session, claim.id)[-1]
    assert (last.to_status, last.reason, last.note) == (to, reason, "decided at the hearing")


def test_a_closing_move_without_a_reason_is_still_taken(session: Session,
                                                        rules: Ruleset) -> None:
    claim = opened(session, rules)
    move(session, rules, claim, "withdrawn", NOW)
    assert claims.history(session, claim.id)[-1].reason is None


@pytest.mark.parametrize(("to", "reason", "says"), [
    ("rejected", "moved_away", "documents_incomplete"),  # a withdrawal's reason
    ("withdrawn", "time_limit_passed", "survivor_chose"),  # a rejection's reason
    ("rejected", "she lied", "documents_incomplete"),  # not on any list
    ("documents_ready", "other", "only with a move to rejected or withdrawn"),
    (None, "other", "only with a move to rejected or withdrawn"),
])
def test_a_reason_that_does_not_fit_the_move_is_refused(
        session: Session, rules: Ruleset, to: str | None, reason: str, says: str) -> None:
    claim = opened(session, rules)
    with pytest.raises(InvalidInput) as err:
        move(session, rules, claim, to, NOW, reason=reason, note="x")
    [(where, kind, message)] = err.value.problems
    assert (where, kind) == (("body", "reason"), "reason_not_allowed")
    assert says in message and reason not in message.split(": ")[0]
    session.rollback()
    assert [e.seq for e in claims.history(session, claim.id)] == [1]


def test_the_reason_is_a_column_of_the_event(engine: Engine, session: Session,
                                             rules: Ruleset) -> None:
    claim = opened(session, rules)
    move(session, rules, claim, "rejected", NOW, reason="duplicate_claim")
    with engine.connect() as connection:
        stored = connection.execute(text(
            "SELECT reason FROM claim_events WHERE to_status = 'rejected'")).scalar_one()
    assert stored == "duplicate_claim"


def test_every_reason_has_words_to_translate() -> None:
    assert {f"claim.reason.{r}" for r in reasons.ALL} <= set(MESSAGES)
    assert not {k for k in MESSAGES if k.startswith("claim.reason.")} - {
        f"claim.reason.{r}" for r in reasons.ALL}
