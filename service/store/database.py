"""The database: an engine, its schema migrations, and whether it answers.

SQLite by default (a file, WAL mode, foreign keys on, every transaction ``BEGIN IMMEDIATE``
so that two writers queue instead of failing); PostgreSQL through a ``postgresql+psycopg://``
URL. ``Database`` is made by the app factory or a command, never at import.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlmodel import Session

from service.errors import StoreUnavailable
from service.resources import SOURCE_TREE, bundled, in_source_tree

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger("adhikar.store")

MIGRATIONS = bundled("migrations")
# The latest migration, which the tables of service/store/tables.py need: a test holds it to
# the migrations' own head. Knowing it here lets a worker see that its database is current
# without loading Alembic (about 10 MB a worker, for a check made once at start).
SCHEMA_HEAD = "0008"
VERSION_TABLE = "alembic_version"  # Alembic's default, where it keeps the revision applied
_MIGRATION_LOCK = 0x616468696B6172  # "adhikar": one migrator at a time on PostgreSQL
DOWN = (OperationalError, InterfaceError)


def default_url() -> str:
    """data/adhikar.db in the source tree; installed from a wheel, in the working directory."""
    base = SOURCE_TREE if in_source_tree() else Path.cwd()
    return f"sqlite:///{base / 'data' / 'adhikar.db'}"


def make_engine(url: str, *, connect_timeout: int = 3) -> Engine:
    """An engine for ``url``; for SQLite, the file's folder is made when missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                # Not fatal: opening the file fails, storage answers 503, eligibility serves.
                log.warning("cannot make the database's folder: %s", type(exc).__name__)
        engine = create_engine(parsed, hide_parameters=True,
                               connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        # A server that stops answering mid-query must not hold a request for minutes: TCP
        # gives up on unacknowledged data after a few seconds (libpq's tcp_user_timeout).
        args |= {"connect_timeout": connect_timeout, "tcp_user_timeout": 5000,
                 "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
                 "keepalives_count": 2}
    return create_engine(parsed, hide_parameters=True, pool_pre_ping=True, connect_args=args)


def _sqlite_connect(dbapi_connection: Any, record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver's own BEGIN is replaced below
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=10000",
                   "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _alembic(script_location: Path) -> Config:
    from alembic.config import Config  # only where a migration runs: see SCHEMA_HEAD

    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def upgrade(engine: Engine, script_location: Path = MIGRATIONS) -> None:
    """``alembic upgrade head`` on ``engine``, in one transaction."""
    from alembic import command

    config = _alembic(script_location)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def applied(connection: Connection) -> set[str]:
    """The revisions Alembic has recorded as applied (none on a new database)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return set()
    return set(connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())


def at_head(engine: Engine) -> bool:
    """Whether the schema is at ``SCHEMA_HEAD``, read without Alembic."""
    with engine.connect() as connection:
        return applied(connection) == {SCHEMA_HEAD}


class Database:
    """An engine and its health. After a failure, sessions are refused for ``retry_seconds``
    (so that an outage does not pile up waiting requests), then the next one tries again."""

    def __init__(self, url: str, *, migrate: bool = True, retry_seconds: float = 2.0) -> None:
        self.engine = make_engine(url)
        self.migrate = migrate
        self.retry_seconds = retry_seconds
        self.problem: str | None = "the database has not been opened yet"
        self._ready = False
        self._retry_at = 0.0
        self.failures = 0  # times it did not answer, for the metrics
        self._lock = threading.Lock()

    def open(self) -> bool:
        """Connect, and migrate (or check that the schema is at the latest revision)."""
        with self._lock:
            if self._ready:
                return True
            try:
                if at_head(self.engine):
                    pass  # the usual start: nothing to migrate, and Alembic never loaded
                elif self.migrate:
                    upgrade(self.engine)
                else:
                    self._down("the database schema is not at the latest revision: run "
                               "`alembic upgrade head`, or set ADHIKAR_MIGRATE_ON_START=true")
                    return False
            except (SQLAlchemyError, OSError) as exc:
                self._down(_describe(exc), exc)
                return False
            self._ready, self.problem = True, None
            log.info("database ready (%s)", self.engine.dialect.name)
            return True

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session, or ``StoreUnavailable`` when the database does not answer."""
        if not self._ready and (time.monotonic() < self._retry_at or not self.open()):
            raise StoreUnavailable(self.problem or "the database is not available")
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except DOWN as exc:
            self._down(_describe(exc), exc)
            raise StoreUnavailable(self.problem or "the database is not available") from exc

    @property
    def answering(self) -> bool:
        """Whether the last use found the database answering (no round trip)."""
        return self._ready

    def check(self) -> str | None:
        """None when the database answers now; otherwise what is wrong."""
        try:
            with self.session() as session:
                session.execute(text("SELECT 1"))
        except StoreUnavailable as exc:
            return str(exc)
        return None

    def dispose(self) -> None:
        self.engine.dispose()

    def _down(self, problem: str, exc: BaseException | None = None) -> None:
        self._ready, self.problem = False, problem
        self.failures += 1
        self._retry_at = time.monotonic() + self.retry_seconds
        # The driver's first line names the host or the lock, never a bound value (the
        # engine hides parameters); clients see only ``problem``.
        orig = getattr(exc, "orig", None) or exc
        detail = str(orig).strip().splitlines()[0][:200] if orig is not None and str(orig) else ""
        log.warning("database unavailable: %s %s", problem, detail)


def _describe(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return f"the database does not answer ({type(orig).__name__})"
