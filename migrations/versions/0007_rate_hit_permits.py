"""A rate-limit row stands for as many permits as a worker leased at once, rather than one
row a permit: a client sending a thousand requests a second wrote a thousand rows a second,
and each lease counted the minute's sixty thousand again.

Rows written before this revision stand for one permit each, as they did.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("rate_hits", sa.Column("permits", sa.Integer(), nullable=False,
                                         server_default="1"))


def downgrade() -> None:
    # Rows then stand for one permit each: the minute's counts are briefly too low, which
    # a limit of a minute forgives.
    op.drop_column("rate_hits", "permits")
