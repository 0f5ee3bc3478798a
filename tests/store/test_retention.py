"""Retention, on SQLite and PostgreSQL: cases idle past the period and with no open claim
are due; `adhikar purge` counts them, and erases them only with --yes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from service.cli import main
from service.store import idempotency, keys, retention
from service.store.database import make_engine
from service.store.tables import Claim, Erasure, IdempotencyKey, Screening
from tests.store.databases import KINDS, fresh_url

NOW = dt.datetime.now(dt.UTC)
OLD = NOW - dt.timedelta(days=2000)


def _screening(session: Session, ref: str, at: dt.datetime, n: int) -> None:
    session.add(Screening(id=f"s{n}".ljust(32, "0"), case_ref=ref, org="sanjog",
                          ruleset_name="r", ruleset_version="1", ruleset_digest="d",
                          as_of=at.date(), profile={}, counts={}, results="{}", created_at=at))


def _claim(session: Session, ref: str, at: dt.datetime, status: str, n: int) -> None:
    session.add(Claim(id=f"c{n}".ljust(32, "0"), case_ref=ref, org="sanjog", entitlement="x",
                      valid_from=at.date(), as_of=at.date(), office="dlsa", status=status,
                      opened_at=at, events=0, updated_at=at))


def _cases(session: Session) -> None:
    _screening(session, "OLD-1", OLD, 1)                         # idle for years: due
    _screening(session, "OLD-2", OLD, 2)
    _claim(session, "OLD-2", OLD, "received", 2)                 # closed long ago: due
    _screening(session, "OPEN-1", OLD, 3)
    _claim(session, "OPEN-1", OLD, "applied", 3)                 # still open: kept
    _screening(session, "NEW-1", OLD, 4)
    _screening(session, "NEW-1", NOW, 5)                         # screened again: kept
    session.commit()


def test_idle_cases_without_open_claims_are_due(session: Session) -> None:
    _cases(session)
    due = retention.due(session, before=NOW - dt.timedelta(days=1095))
    assert due == [("sanjog", "OLD-1"), ("sanjog", "OLD-2")]


@pytest.mark.parametrize("kind", ["sqlite"])
def test_purge_is_a_dry_run_unless_told(kind: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with fresh_url(kind, tmp_path) as url:
        assert main(["purge", "--database-url", url]) == 0  # migrates an empty database
        engine: Engine = make_engine(url)
        with Session(engine) as session:
            _cases(session)
        capsys.readouterr()
        assert main(["purge", "--database-url", url]) == 0
        out = capsys.readouterr().out
        assert "sanjog: 2 case(s) due" in out and "OLD-" not in out
        with Session(engine) as session:
            assert session.execute(select(func.count()).select_from(Screening)).scalar() == 5
        assert main(["purge", "--database-url", url, "--yes"]) == 0
        assert "2 case(s) with no activity for 1095 days erased" in capsys.readouterr().out
        with Session(engine) as session:
            refs = set(session.execute(select(Screening.case_ref)).scalars())
            assert refs == {"OPEN-1", "NEW-1"}
            assert session.execute(select(func.count()).select_from(Erasure)).scalar() == 2
        engine.dispose()


@pytest.mark.parametrize("kind", KINDS)
def test_purge_drops_answers_kept_for_retries_past_their_day(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with fresh_url(kind, tmp_path) as url:
        assert main(["purge", "--database-url", url]) == 0  # migrates an empty database
        engine: Engine = make_engine(url)
        with Session(engine) as session:
            me = keys.create(session, org="sanjog", role="caseworker", label=None,
                             now=OLD).row.id
            for n, at in enumerate((NOW - idempotency.WINDOW * 2, NOW)):
                session.add(IdempotencyKey(key_id=me, key_hash=str(n), request_hash="r",
                                           status=201, body="{}", created_at=at))
            session.commit()
        capsys.readouterr()
        assert main(["purge", "--database-url", url]) == 0
        assert "1 answer(s) kept for retries, past their 24 hours, due" in \
            capsys.readouterr().out
        assert main(["purge", "--database-url", url, "--yes"]) == 0
        assert "1 answer(s) kept for retries, past their 24 hours, dropped" in \
            capsys.readouterr().out
        with Session(engine) as session:
            assert list(session.execute(select(IdempotencyKey.key_hash)).scalars()) == ["1"]
        engine.dispose()
