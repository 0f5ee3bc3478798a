"""State the service's workers share: rate-limit hits, failed key checks, the accepted
rules' digest and each worker's heartbeat. None of it holds case data.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0002_idempotency"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_hits",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("bucket", sa.String(40), nullable=False),
        sa.Column("at_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rate_hits"),
    )
    op.create_index("ix_rate_hits_bucket_at", "rate_hits", ["bucket", "at_ms"])
    op.create_table(
        "key_failures",
        sa.Column("bucket", sa.String(40), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_ms", sa.BigInteger(), nullable=False),
        sa.Column("blocked_until_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", name="pk_key_failures"),
    )
    op.create_table(
        "ruleset_accepted",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("digest", sa.String(80), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("rules_dir", sa.String(500), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_ruleset_accepted"),
    )
    op.create_table(
        "worker_beats",
        sa.Column("id", sa.String(96), nullable=False),
        sa.Column("digest", sa.String(80), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_worker_beats"),
    )


def downgrade() -> None:
    for table in ("worker_beats", "ruleset_accepted", "key_failures", "rate_hits"):
        op.drop_table(table)
