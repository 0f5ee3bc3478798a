"""Claims on both databases: opened from the rules, moved step by step, due dates from the
rule version's time limits, overdue lists, and one organisation's claims kept from another."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from service.errors import Conflict, IllegalMove, InvalidInput, NotFound
from service.rules.ruleset import Ruleset
from service.store import claims, screenings
from service.store.claims import ClaimOpen, Move
from service.store.tables import Claim
from tests.store.conftest import NOW

DAY = dt.timedelta(days=1)
WOMAN = {"trafficked": True, "gender": "female", "age": 30}


def opened(session: Session, rules: Ruleset, case_ref: str = "SNJ-2026-7", *,
           org: str = "sanjog", **kw: object) -> Claim:
    ask = ClaimOpen(**{"entitlement": "compensation", "case_ref": case_ref, **kw})  # type: ignore[arg-type]
    return claims.open_claim(session, rules, ask, org=org, scope=org, key_id=None, now=NOW)


def move(session: Session, rules: Ruleset, claim: Claim, to: str | None, at: dt.datetime,
         **kw: object) -> Claim:
    return claims.append(session, rules, claim.id, Move(to, at=at, **kw),  # type: ignore[arg-type]
                         scope=claim.org, key_id=None, now=NOW)


def test_the_version_in_force_and_its_office_come_from_the_rules(
        session: Session, rules: Ruleset) -> None:
    now = opened(session, rules)
    assert (now.valid_from, now.office, now.status, now.events) == (
        dt.date(2024, 1, 1), "dlsa", "identified", 1)
    old = opened(session, rules, "SNJ-2022-1", as_of=dt.date(2022, 6, 1))
    assert old.valid_from == dt.date(2020, 1, 1)
    [event] = claims.history(session, now.id)
    assert (event.seq, event.from_status, event.to_status) == (1, None, "identified")


@pytest.mark.parametrize(("ask", "where"), [
    ({"entitlement": "no-such-thing"}, "entitlement"),
    ({"as_of": dt.date(2010, 1, 1)}, "as_of"),
    ({"case_ref": None}, "case_ref"),
    ({"at": NOW + dt.timedelta(hours=1)}, "at"),
])
def test_a_claim_the_rules_cannot_place_is_refused(session: Session, rules: Ruleset,
                                                   ask: dict[str, object], where: str) -> None:
    with pytest.raises(InvalidInput) as err:
        opened(session, rules, **ask)
    assert err.value.problems[0][0] == ("body", where)


def test_one_open_claim_per_case_and_entitlement(session: Session, rules: Ruleset) -> None:
    first = opened(session, rules)
    with pytest.raises(Conflict):
        opened(session, rules)
    opened(session, rules, org="other-ngo")  # another organisation's case of the same name
    move(session, rules, first, "withdrawn", NOW)
    assert opened(session, rules).id != first.id


def test_a_claim_from_a_screening_takes_its_case_district_and_date(
        session: Session, rules: Ruleset) -> None:
    asked = screenings.Asked(profile=WOMAN, as_of=dt.date(2022, 5, 1), district="Purulia")
    evaluation, asked = screenings.run(rules, asked)
    row = screenings.save(session, evaluation, asked, case_ref="SNJ-2022-9", org="sanjog",
                          key_id=None, now=NOW)
    claim = opened(session, rules, None, screening_id=row.id)
    assert (claim.case_ref, claim.district, claim.as_of, claim.valid_from) == (
        "SNJ-2022-9", "Purulia", dt.date(2022, 5, 1), dt.date(2020, 1, 1))
    with pytest.raises(InvalidInput):
        opened(session, rules, "SNJ-OTHER-1", screening_id=row.id)
    with pytest.raises(NotFound):
        opened(session, rules, None, screening_id=row.id, org="other-ngo")


def test_due_dates_follow_the_time_limits_step_by_step(session: Session,
                                                       rules: Ruleset) -> None:
    start = dt.datetime(2025, 11, 1, 10, tzinfo=dt.UTC)
    claim = opened(session, rules, as_of=dt.date(2022, 6, 1), at=start)
    claim = move(session, rules, claim, "documents_ready", start + DAY)
    assert claim.due_at is None
    claim = move(session, rules, claim, "applied", start + 2 * DAY, amount=100000)
    assert (claim.due_at, claim.due_label) == (dt.date(2026, 1, 3), "Enquiry and award")
    assert claim.amount_claimed == 100000
    sanctioned = start + 10 * DAY
    claim = move(session, rules, claim, "sanctioned", sanctioned, amount=90000)
    assert (claim.due_at, claim.due_label) == ((sanctioned + 30 * DAY).date(),
                                               "Payment of the award")
    claim = move(session, rules, claim, "received", sanctioned + 40 * DAY, amount=90000)
    assert (claim.due_at, claim.amount_received, claim.received_at) == (
        None, 90000, sanctioned + 40 * DAY)
    assert [e.to_status for e in claims.history(session, claim.id)] == [
        "identified", "documents_ready", "applied", "sanctioned", "received"]


def test_illegal_moves_name_the_allowed_ones(session: Session, rules: Ruleset) -> None:
    claim = opened(session, rules)
    with pytest.raises(IllegalMove) as err:
        move(session, rules, claim, "applied", NOW)
    assert err.value.allowed == ("documents_ready", "rejected", "withdrawn")
    claim = move(session, rules, claim, "rejected", NOW, note="no FIR yet")
    with pytest.raises(IllegalMove) as err:
        move(session, rules, claim, "documents_ready", NOW)
    assert err.value.allowed == ()
    assert claims.get(session, claim.id, scope="sanjog").closed_at == NOW


def test_events_keep_time_in_order(session: Session, rules: Ruleset) -> None:
    claim = opened(session, rules, at=NOW - 5 * DAY)
    claim = move(session, rules, claim, "documents_ready", NOW - 2 * DAY)
    for at, kind in ((NOW - 3 * DAY, "before_last_event"), (NOW + DAY, "in_future")):
        with pytest.raises(InvalidInput) as err:
            move(session, rules, claim, "applied", at)
        assert err.value.problems[0][1] == kind


def test_a_note_alone_keeps_the_status_and_an_amount_needs_a_paying_step(
        session: Session, rules: Ruleset) -> None:
    claim = opened(session, rules)
    claim = move(session, rules, claim, None, NOW, note="met the DLSA secretary")
    assert (claim.status, claim.events) == ("identified", 2)
    last = claims.history(session, claim.id)[-1]
    assert (last.from_status, last.to_status, last.note) == (
        "identified", "identified", "met the DLSA secretary")
    with pytest.raises(InvalidInput):
        move(session, rules, claim, "documents_ready", NOW, amount=5)


def test_overdue_lists_and_filters(session: Session, rules: Ruleset) -> None:
    late = opened(session, rules, "SNJ-LATE-1", at=NOW - 100 * DAY)
    late = move(session, rules, late, "documents_ready", NOW - 99 * DAY)
    late = move(session, rules, late, "applied", NOW - 98 * DAY)
    fresh = opened(session, rules, "SNJ-FRESH-1")
    opened(session, rules, "SNJ-ELSEWHERE-1", org="other-ngo", at=NOW - 100 * DAY)
    today = NOW.date()
    rows, total = claims.find(session, scope="sanjog", today=today, overdue=True)
    assert ([c.id for c in rows], total) == ([late.id], 1)
    rows, _ = claims.find(session, scope="sanjog", today=today, overdue=False)
    assert {c.id for c in rows} == {fresh.id}
    rows, total = claims.find(session, scope="sanjog", today=today, status="identified")
    assert [c.id for c in rows] == [fresh.id]
    rows, total = claims.find(session, scope=None, today=today)
    assert total == 3
    rows, total = claims.find(session, scope="sanjog", today=today, case_ref="SNJ-ELSEWHERE-1")
    assert (rows, total) == ([], 0)
    page, total = claims.find(session, scope=None, today=today, limit=2, offset=2)
    assert (len(page), total) == (1, 3)


def test_another_organisations_claim_is_not_found(session: Session, rules: Ruleset) -> None:
    claim = opened(session, rules)
    with pytest.raises(NotFound):
        claims.get(session, claim.id, scope="other-ngo")
    with pytest.raises(NotFound):
        claims.append(session, rules, claim.id, Move("withdrawn"), scope="other-ngo",
                      key_id=None, now=NOW)
    assert claims.get(session, claim.id, scope=None).status == "identified"


def test_concurrent_moves_are_taken_one_at_a_time(engine: Engine, rules: Ruleset) -> None:
    with Session(engine, expire_on_commit=False) as session:
        claim = opened(session, rules, "SNJ-RACE-1")
    outcomes: list[str] = []

    def attempt() -> None:
        with Session(engine, expire_on_commit=False) as session:
            try:
                claims.append(session, rules, claim.id, Move("documents_ready"),
                              scope="sanjog", key_id=None, now=NOW)
                outcomes.append("moved")
            except (IllegalMove, Conflict) as exc:
                outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("moved") == 1, outcomes
    with Session(engine) as session:
        history = claims.history(session, claim.id)
    assert [e.to_status for e in history] == ["identified", "documents_ready"]


def test_concurrent_opens_leave_one_open_claim(engine: Engine, rules: Ruleset) -> None:
    outcomes: list[str] = []

    def attempt() -> None:
        with Session(engine, expire_on_commit=False) as session:
            try:
                opened(session, rules, "SNJ-RACE-2")
                outcomes.append("opened")
            except Conflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 5 + ["opened"]
