"""The migrations build exactly the tables of service/store/tables.py, on both databases,
and the database itself refuses to change or remove a claim event."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, SQLModel

from service.store import database, idempotency, tables
from service.store.database import Database, at_head, make_engine, upgrade
from tests.store.databases import KINDS, fresh_url

TABLES = {"api_keys", "screenings", "claims", "claim_events", "idempotency_keys",
          "alembic_version", "rate_hits", "key_failures", "ruleset_accepted", "worker_beats",
          "audit_log", "erasures"}


def test_upgrade_builds_the_model_tables(engine: Engine) -> None:
    assert set(inspect(engine).get_table_names()) == TABLES
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == [], f"migrations and tables.py disagree: {diff}"
    assert at_head(engine)


def test_upgrade_twice_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    assert at_head(engine)


@pytest.mark.parametrize("kind", KINDS)
def test_downgrade_and_upgrade_again(kind: str, tmp_path: Path) -> None:
    with fresh_url(kind, tmp_path) as url:
        engine = make_engine(url)
        upgrade(engine)
        config = database._alembic(database.MIGRATIONS)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) == TABLES
        engine.dispose()


@pytest.mark.parametrize("statement", [
    "UPDATE claim_events SET note = 'rewritten'",
    "DELETE FROM claim_events",
])
def test_the_database_refuses_to_rewrite_history(engine: Engine, statement: str) -> None:
    _one_event(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT note FROM claim_events")).scalar_one() == "kept"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'dir' / 'a.db'}")
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(DBAPIError), Session(engine) as session:
        session.add(tables.ClaimEvent(id="e", claim_id="no-such-claim", seq=1, at=_T,
                                      recorded_at=_T, to_status="identified"))
        session.commit()
    engine.dispose()


def test_without_migrate_on_start_an_old_schema_is_reported(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'a.db'}", migrate=False, retry_seconds=0)
    assert db.open() is False
    assert db.problem is not None and "alembic upgrade head" in db.problem
    upgrade(db.engine)
    assert db.check() is None
    db.dispose()


def test_the_head_the_code_knows_is_the_migrations_head() -> None:
    # A new migration without SCHEMA_HEAD moved on would leave workers thinking a database
    # one revision behind is current.
    script = ScriptDirectory.from_config(database._alembic(database.MIGRATIONS))
    assert script.get_heads() == [database.SCHEMA_HEAD]


@pytest.mark.parametrize("kind", KINDS)
def test_a_database_is_at_head_only_once_every_migration_is_applied(kind: str,
                                                                   tmp_path: Path) -> None:
    with fresh_url(kind, tmp_path) as url:
        engine = make_engine(url)
        assert not at_head(engine)  # empty
        config = database._alembic(database.MIGRATIONS)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0006")
        assert not at_head(engine)  # one behind
        db = Database(url)
        assert db.open() is True  # migrates the rest
        assert at_head(engine)
        db.dispose()
        engine.dispose()


def test_a_worker_whose_database_is_current_never_loads_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    upgrade(make_engine(url))
    start = textwrap.dedent(f"""
        import sys
        from fastapi.testclient import TestClient
        from api.app import create_app
        from api.settings import Settings
        with TestClient(create_app(Settings(database_url={url!r}))) as client:
            assert client.get("/readyz").status_code == 200
            client.post("/v1/eligibility", json={{"profile": {{"age": 16}}}})
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("alembic", "mako")))
    """)
    done = subprocess.run([sys.executable, "-c", start], capture_output=True, text=True,
                          timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


_T = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _one_event(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(tables.Claim(
            id="c1", case_ref="SNJ-1", org="sanjog", entitlement="x", valid_from=_T.date(),
            as_of=_T.date(), office="dlsa", status="identified", opened_at=_T, events=1,
            updated_at=_T))
        session.flush()
        session.add(tables.ClaimEvent(id="e1", claim_id="c1", seq=1, at=_T, recorded_at=_T,
                                      to_status="identified", note="kept"))
        session.commit()


def test_the_database_keeps_one_open_claim_per_case_and_entitlement(engine: Engine) -> None:
    def claim(claim_id: str, status: str) -> tables.Claim:
        return tables.Claim(id=claim_id, case_ref="SNJ-1", org="sanjog", entitlement="x",
                            valid_from=_T.date(), as_of=_T.date(), office="dlsa",
                            status=status, opened_at=_T, events=1, updated_at=_T)
    with Session(engine) as session:
        session.add_all([claim("a", "withdrawn"), claim("b", "received"), claim("c", "applied")])
        session.commit()
    with pytest.raises(IntegrityError), Session(engine) as session:
        session.add(claim("d", "identified"))
        session.commit()


@pytest.mark.parametrize("kind", KINDS)
def test_answers_kept_before_0006_are_given_their_case(kind: str, tmp_path: Path) -> None:
    # Answers stored before answers knew their case: one whose record is there is found by
    # its case from then on; one whose record was already erased is emptied.
    with fresh_url(kind, tmp_path) as url:
        engine = make_engine(url)
        config = database._alembic(database.MIGRATIONS)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
        _one_event(engine)  # claim c1 of case SNJ-1
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO api_keys (id, prefix, hash, org, role, created_at) "
                "VALUES ('k1', 'p1', 'h', 'sanjog', 'caseworker', :at)"), {"at": _NAIVE})
            for key_hash, location in (("a", "/v1/claims/c1"), ("b", "/v1/screenings/gone")):
                connection.execute(text(
                    "INSERT INTO idempotency_keys (key_id, key_hash, request_hash, status, "
                    "body, location, created_at) VALUES ('k1', :kh, 'r', 201, "
                    "'{\"case_ref\": \"SNJ-1\"}', :loc, :at)"),
                    {"kh": key_hash, "loc": location, "at": _NAIVE})
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT key_hash, case_hash, body IS NULL, erased_at IS NULL "
                "FROM idempotency_keys ORDER BY key_hash")).all()
        assert [tuple(r) for r in rows] == [
            ("a", idempotency.case_digest("sanjog", "SNJ-1"), False, True),
            ("b", None, True, False)]
        engine.dispose()


_NAIVE = dt.datetime(2026, 1, 1)
