"""A lease's count of the minute's permits is read from the index alone: the index on
(bucket, at_ms) gains ``permits``. Summing a busy bucket's permits looked each of its rows
up in the table: 1.8 ms for a client with 4,500 rows in its minute, on SQLite.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_rate_hits_bucket_at_permits", "rate_hits",
                    ["bucket", "at_ms", "permits"])
    op.drop_index("ix_rate_hits_bucket_at", table_name="rate_hits")


def downgrade() -> None:
    op.create_index("ix_rate_hits_bucket_at", "rate_hits", ["bucket", "at_ms"])
    op.drop_index("ix_rate_hits_bucket_at_permits", table_name="rate_hits")
