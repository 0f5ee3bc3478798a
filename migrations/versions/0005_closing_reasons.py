"""Why a claim closed, as a value from a closed list, beside the event that closed it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("claim_events", sa.Column("reason", sa.String(32), nullable=True))


def downgrade() -> None:
    # a plain drop (SQLite 3.35+ has one): a rebuilt table would lose its append-only triggers
    op.drop_column("claim_events", "reason")
