"""The tables. Profiles hold facts only; cases are named by the caller's own reference.

Times are stored as UTC without a zone (``UtcDateTime``) so that SQLite and PostgreSQL keep
and return the same values; they come back as aware UTC datetimes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Index,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import Field, SQLModel


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime in, stored as naive UTC, an aware UTC datetime out."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None,
                           dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime reached the database; give it a zone")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


class ApiKey(SQLModel, table=True):
    """A caller's key. Only the sha256 of the key is kept; ``prefix`` finds the row."""

    __tablename__ = "api_keys"

    id: str = Field(primary_key=True, max_length=32)
    prefix: str = Field(max_length=16, unique=True)
    hash: str = Field(max_length=64)
    org: str = Field(max_length=64, index=True)
    role: str = Field(max_length=16)
    label: str | None = Field(default=None, max_length=200)
    created_at: dt.datetime = Field(sa_type=UtcDateTime)
    revoked_at: dt.datetime | None = Field(default=None, sa_type=UtcDateTime)


class Screening(SQLModel, table=True):
    """One evaluation of one case's profile, kept as it was answered."""

    __tablename__ = "screenings"
    __table_args__ = (Index("ix_screenings_org_case_ref", "org", "case_ref"),)

    id: str = Field(primary_key=True, max_length=32)
    case_ref: str = Field(max_length=64)
    org: str = Field(max_length=64)
    ruleset_name: str = Field(max_length=200)
    ruleset_version: str = Field(max_length=32)
    ruleset_digest: str = Field(max_length=80)
    as_of: dt.date
    profile: dict[str, Any] = Field(sa_type=JSON)
    documents_held: list[str] | None = Field(default=None, sa_type=JSON)
    domains: list[str] | None = Field(default=None, sa_type=JSON)
    district: str | None = Field(default=None, max_length=48)
    counts: dict[str, int] = Field(sa_type=JSON)
    results: str = Field(sa_type=Text, description="the evaluation, as JSON, as answered")
    rerun_of: str | None = Field(default=None, foreign_key="screenings.id", max_length=32)
    key_id: str | None = Field(default=None, foreign_key="api_keys.id", max_length=32)
    created_at: dt.datetime = Field(sa_type=UtcDateTime)


OPEN_CLAIM = "status NOT IN ('received', 'rejected', 'withdrawn')"


class Claim(SQLModel, table=True):
    """One survivor's pursuit of one entitlement, until it is received or closed.

    ``*_at`` record when the claim entered each step (copied from its events, which are the
    record); ``due_at`` is the earliest pending time limit, recomputed at each event.
    """

    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_org_case_ref", "org", "case_ref"),
                      Index("ix_claims_org_status", "org", "status"),
                      Index("ix_claims_due_at", "due_at"),
                      # one open claim per case and entitlement, whoever opens it when
                      Index("uq_claims_one_open", "org", "case_ref", "entitlement",
                            unique=True, sqlite_where=text(OPEN_CLAIM),
                            postgresql_where=text(OPEN_CLAIM)))

    id: str = Field(primary_key=True, max_length=32)
    case_ref: str = Field(max_length=64)
    org: str = Field(max_length=64)
    entitlement: str = Field(max_length=64)
    valid_from: dt.date
    as_of: dt.date
    office: str = Field(max_length=64)
    district: str | None = Field(default=None, max_length=48)
    status: str = Field(max_length=16)
    amount_claimed: int | None = None
    amount_sanctioned: int | None = None
    amount_received: int | None = None
    opened_at: dt.datetime = Field(sa_type=UtcDateTime)
    documents_ready_at: dt.datetime | None = Field(default=None, sa_type=UtcDateTime)
    applied_at: dt.datetime | None = Field(default=None, sa_type=UtcDateTime)
    sanctioned_at: dt.datetime | None = Field(default=None, sa_type=UtcDateTime)
    received_at: dt.datetime | None = Field(default=None, sa_type=UtcDateTime)
    closed_at: dt.datetime | None = Field(default=None, sa_type=UtcDateTime)
    due_at: dt.date | None = None
    due_label: str | None = Field(default=None, max_length=200)
    events: int = Field(0, description="how many events the history holds")
    updated_at: dt.datetime = Field(sa_type=UtcDateTime)
    screening_id: str | None = Field(default=None, foreign_key="screenings.id", max_length=32)
    key_id: str | None = Field(default=None, foreign_key="api_keys.id", max_length=32)


class ClaimEvent(SQLModel, table=True):
    """Append-only: never updated, never deleted (the code refuses, and so do triggers)."""

    __tablename__ = "claim_events"
    __table_args__ = (UniqueConstraint("claim_id", "seq", name="uq_claim_events_claim_seq"),)

    id: str = Field(primary_key=True, max_length=32)
    claim_id: str = Field(foreign_key="claims.id", max_length=32, index=True)
    seq: int
    at: dt.datetime = Field(sa_type=UtcDateTime, description="when it happened")
    recorded_at: dt.datetime = Field(sa_type=UtcDateTime, description="when it was written")
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    note: str | None = Field(default=None, max_length=500)
    reason: str | None = Field(default=None, max_length=32,
                               description="why it closed, from service.store.reasons")
    amount: int | None = None
    key_id: str | None = Field(default=None, foreign_key="api_keys.id", max_length=32)


class IdempotencyKey(SQLModel, table=True):
    """A POST made with an ``Idempotency-Key``: the first answer, kept for a day so that a
    retry gets it again instead of making a second record. Per API key; the client's key and
    the request are kept only as hashes. ``case_hash`` finds the answers of a case when it
    is erased; an erased answer keeps only its key's hash and ``erased_at``, for the rest of
    the day, so that a retry is told instead of making the record again."""

    __tablename__ = "idempotency_keys"

    key_id: str = Field(foreign_key="api_keys.id", primary_key=True, max_length=32)
    key_hash: str = Field(primary_key=True, max_length=64)
    request_hash: str = Field(max_length=64, description="method, path and body, hashed")
    status: int | None = Field(default=None, description="None while the first is running")
    body: str | None = Field(default=None, sa_type=Text, description="the first answer")
    location: str | None = Field(default=None, max_length=200)
    created_at: dt.datetime = Field(sa_type=UtcDateTime, index=True)
    case_hash: str | None = Field(default=None, max_length=64, index=True,
                                  description="the record's organisation and case, hashed")
    erased_at: dt.datetime | None = Field(default=None, sa_type=UtcDateTime)


# ---- shared by the service's workers: rate limits, key-check back-off, which rules serve ----
# No case data: buckets are hashes of a client address or a key, times are milliseconds.


class RateHit(SQLModel, table=True):
    """Requests let through, for the per-minute limits that every worker shares: one row per
    permit's time, ``permits`` of them (a worker's lease is two rows, not one a request). A
    row lives one minute: older rows of a bucket go as its window slides."""

    __tablename__ = "rate_hits"
    # permits in the index too: a lease's count reads the index alone (migration 0008)
    __table_args__ = (Index("ix_rate_hits_bucket_at_permits", "bucket", "at_ms", "permits"),)

    id: int | None = Field(default=None, primary_key=True)
    bucket: str = Field(max_length=40)
    at_ms: int = Field(sa_type=BigInteger)
    permits: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class KeyFailure(SQLModel, table=True):
    """Failed key checks from one client, and until when its keyed requests are refused."""

    __tablename__ = "key_failures"

    bucket: str = Field(primary_key=True, max_length=40)
    failures: int
    last_ms: int = Field(sa_type=BigInteger)
    blocked_until_ms: int = Field(sa_type=BigInteger)


class RulesetAccepted(SQLModel, table=True):
    """The rules the last successful reload accepted (one row): every worker polls it and
    reloads itself when the digest is not the one it serves."""

    __tablename__ = "ruleset_accepted"

    id: int = Field(primary_key=True)
    digest: str = Field(max_length=80)
    version: str = Field(max_length=32)
    rules_dir: str = Field(max_length=500)
    accepted_at: dt.datetime = Field(sa_type=UtcDateTime)
    requested_at: dt.datetime | None = Field(
        default=None, sa_type=UtcDateTime,
        description="when a reload was last asked for: the other workers start loading then")


class WorkerBeat(SQLModel, table=True):
    """Each worker's heartbeat: which digest it serves, and when it last said so."""

    __tablename__ = "worker_beats"

    id: str = Field(primary_key=True, max_length=96)
    digest: str = Field(max_length=80)
    version: str = Field(max_length=32)
    seen_at: dt.datetime = Field(sa_type=UtcDateTime)


class AuditEntry(SQLModel, table=True):
    """One read or write of case data: who (key, organisation), what (the route, the
    record's id), when, and the answer's status. Never case data itself."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_org_at", "org", "at"),)

    id: str = Field(primary_key=True, max_length=32)
    at: dt.datetime = Field(sa_type=UtcDateTime)
    key_id: str | None = Field(default=None, max_length=32)
    org: str = Field(max_length=64)
    action: str = Field(max_length=80, description="method and route template")
    object_id: str | None = Field(default=None, max_length=32)
    status: int


class Erasure(SQLModel, table=True):
    """A tombstone: a case of ``org`` was erased, by which key, when, and how many records
    went. No case reference, no case data. While ``in_progress`` (inside the erasing
    transaction only), the database lets that transaction remove claim events."""

    __tablename__ = "erasures"

    id: str = Field(primary_key=True, max_length=32)
    org: str = Field(max_length=64)
    key_id: str | None = Field(default=None, max_length=32)
    erased_at: dt.datetime = Field(sa_type=UtcDateTime)
    screenings: int
    claims: int
    events: int
    in_progress: bool = False


# ---- the history is append-only ------------------------------------------------------------
# The ORM refuses to change or remove an event; the migration adds triggers that refuse the
# same in SQL, whoever sends it.


class HistoryIsAppendOnly(RuntimeError):
    """Raised on any attempt to change or remove a claim event."""


@event.listens_for(ClaimEvent, "before_update")
@event.listens_for(ClaimEvent, "before_delete")
def _refuse_change(mapper: Any, connection: Any, target: ClaimEvent) -> None:
    raise HistoryIsAppendOnly("claim events are never changed or removed")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(
            getattr(m, "class_", None) is ClaimEvent for m in state.all_mappers):
        raise HistoryIsAppendOnly("claim events are never changed or removed")
