"""Screenings, claims, their append-only history, and API keys.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Both dialects refuse to change or remove a claim event, whoever asks.
SQLITE_TRIGGERS = [
    "CREATE TRIGGER claim_events_no_update BEFORE UPDATE ON claim_events "
    "BEGIN SELECT RAISE(ABORT, 'claim events are append-only'); END",
    "CREATE TRIGGER claim_events_no_delete BEFORE DELETE ON claim_events "
    "BEGIN SELECT RAISE(ABORT, 'claim events are append-only'); END",
]
POSTGRESQL_TRIGGERS = [
    "CREATE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'claim events are append-only'; END $$",
    "CREATE TRIGGER claim_events_no_change BEFORE UPDATE OR DELETE ON claim_events "
    "FOR EACH ROW EXECUTE FUNCTION claim_events_append_only()",
    "CREATE TRIGGER claim_events_no_truncate BEFORE TRUNCATE ON claim_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION claim_events_append_only()",
]


def _id(name: str = "id") -> sa.Column[str]:
    return sa.Column(name, sa.String(32), nullable=False)


def _ref(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(32), nullable=True)


def _time(name: str, nullable: bool = True) -> sa.Column[sa.DateTime]:
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "api_keys",
        _id(),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("label", sa.String(200), nullable=True),
        _time("created_at", nullable=False),
        _time("revoked_at"),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
        sa.UniqueConstraint("prefix", name="uq_api_keys_prefix"),
    )
    op.create_index("ix_api_keys_org", "api_keys", ["org"])

    op.create_table(
        "screenings",
        _id(),
        sa.Column("case_ref", sa.String(64), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("ruleset_name", sa.String(200), nullable=False),
        sa.Column("ruleset_version", sa.String(32), nullable=False),
        sa.Column("ruleset_digest", sa.String(80), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("documents_held", sa.JSON(), nullable=True),
        sa.Column("domains", sa.JSON(), nullable=True),
        sa.Column("district", sa.String(48), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        _ref("rerun_of"),
        _ref("key_id"),
        _time("created_at", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screenings"),
        sa.ForeignKeyConstraint(["rerun_of"], ["screenings.id"],
                                name="fk_screenings_rerun_of"),
        sa.ForeignKeyConstraint(["key_id"], ["api_keys.id"], name="fk_screenings_key_id"),
    )
    op.create_index("ix_screenings_org_case_ref", "screenings", ["org", "case_ref"])

    op.create_table(
        "claims",
        _id(),
        sa.Column("case_ref", sa.String(64), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("entitlement", sa.String(64), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("district", sa.String(48), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("amount_claimed", sa.Integer(), nullable=True),
        sa.Column("amount_sanctioned", sa.Integer(), nullable=True),
        sa.Column("amount_received", sa.Integer(), nullable=True),
        _time("opened_at", nullable=False),
        _time("documents_ready_at"),
        _time("applied_at"),
        _time("sanctioned_at"),
        _time("received_at"),
        _time("closed_at"),
        sa.Column("due_at", sa.Date(), nullable=True),
        sa.Column("due_label", sa.String(200), nullable=True),
        sa.Column("events", sa.Integer(), nullable=False),
        _time("updated_at", nullable=False),
        _ref("screening_id"),
        _ref("key_id"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.ForeignKeyConstraint(["screening_id"], ["screenings.id"],
                                name="fk_claims_screening_id"),
        sa.ForeignKeyConstraint(["key_id"], ["api_keys.id"], name="fk_claims_key_id"),
    )
    op.create_index("ix_claims_org_case_ref", "claims", ["org", "case_ref"])
    op.create_index("ix_claims_org_status", "claims", ["org", "status"])
    op.create_index("ix_claims_due_at", "claims", ["due_at"])
    open_claim = sa.text("status NOT IN ('received', 'rejected', 'withdrawn')")
    op.create_index("uq_claims_one_open", "claims", ["org", "case_ref", "entitlement"],
                    unique=True, sqlite_where=open_claim, postgresql_where=open_claim)

    op.create_table(
        "claim_events",
        _id(),
        _id("claim_id"),
        sa.Column("seq", sa.Integer(), nullable=False),
        _time("at", nullable=False),
        _time("recorded_at", nullable=False),
        sa.Column("from_status", sa.String(16), nullable=True),
        sa.Column("to_status", sa.String(16), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=True),
        _ref("key_id"),
        sa.PrimaryKeyConstraint("id", name="pk_claim_events"),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_claim_events_claim_id"),
        sa.ForeignKeyConstraint(["key_id"], ["api_keys.id"], name="fk_claim_events_key_id"),
        sa.UniqueConstraint("claim_id", "seq", name="uq_claim_events_claim_seq"),
    )
    op.create_index("ix_claim_events_claim_id", "claim_events", ["claim_id"])
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_TRIGGERS,
                      "postgresql": POSTGRESQL_TRIGGERS}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    # Dropping the table drops its triggers; the PostgreSQL function goes after it.
    op.drop_table("claim_events")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION claim_events_append_only()")
    op.drop_table("claims")
    op.drop_table("screenings")
    op.drop_table("api_keys")
