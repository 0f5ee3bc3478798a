"""Erasure of a case: a tombstone table (no case data), and claim events that the database
lets go only inside an erasing transaction (one whose tombstone row is still in progress).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REFUSE = "SELECT RAISE(ABORT, 'claim events are append-only')"
SQLITE_UP = [
    "DROP TRIGGER claim_events_no_delete",
    "CREATE TRIGGER claim_events_no_delete BEFORE DELETE ON claim_events "
    "WHEN NOT EXISTS (SELECT 1 FROM erasures WHERE in_progress) "
    f"BEGIN {_REFUSE}; END",
]
SQLITE_DOWN = [
    "DROP TRIGGER claim_events_no_delete",
    f"CREATE TRIGGER claim_events_no_delete BEFORE DELETE ON claim_events BEGIN {_REFUSE}; END",
]
POSTGRESQL_UP = [
    "CREATE OR REPLACE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN "
    "IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM erasures WHERE in_progress) THEN "
    "RETURN OLD; END IF; "
    "RAISE EXCEPTION 'claim events are append-only'; END $$",
]
POSTGRESQL_DOWN = [
    "CREATE OR REPLACE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN RAISE EXCEPTION 'claim events are append-only'; END $$",
]


def upgrade() -> None:
    op.create_table(
        "erasures",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=True),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("screenings", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("in_progress", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_erasures"),
    )
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_UP, "postgresql": POSTGRESQL_UP}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_DOWN, "postgresql": POSTGRESQL_DOWN}.get(dialect, []):
        op.execute(statement)
    op.drop_table("erasures")
