"""Idempotent answers know their case, so that erasing the case erases them too: a hash of
the record's organisation and case reference beside each stored answer, and the time the
answer was erased (the key is then kept, empty, so that a retry cannot make it again).

Answers stored before this revision are given their case from the record their Location
names; one whose record is already gone is marked erased.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Where each Location points, and the table that holds it.
_RECORDS = {"/v1/screenings/": "screenings", "/v1/claims/": "claims"}


def upgrade() -> None:
    op.add_column("idempotency_keys", sa.Column("case_hash", sa.String(64), nullable=True))
    op.add_column("idempotency_keys", sa.Column("erased_at", sa.DateTime(), nullable=True))
    op.create_index("ix_idempotency_keys_case_hash", "idempotency_keys", ["case_hash"])
    _fill_in_cases(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_case_hash", "idempotency_keys")
    # An erased mark would read as a claim still running: forget those keys first.
    op.execute("DELETE FROM idempotency_keys WHERE erased_at IS NOT NULL")
    op.drop_column("idempotency_keys", "erased_at")
    op.drop_column("idempotency_keys", "case_hash")


def _case_hash(org: str, case_ref: str) -> str:
    # A copy of service.store.idempotency.case_digest as it is at this revision: a migration
    # must do the same thing whatever the code later becomes.
    return hashlib.sha256(f"{org}\n{case_ref}".encode()).hexdigest()


def _fill_in_cases(connection: sa.Connection) -> None:
    kept = connection.execute(sa.text(
        "SELECT key_id, key_hash, location FROM idempotency_keys WHERE body IS NOT NULL"))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # stored as naive UTC
    for key_id, key_hash, location in kept.all():
        row = {"key_id": key_id, "key_hash": key_hash}
        case = _case_of(connection, location or "")
        if case is not None:
            connection.execute(sa.text(
                "UPDATE idempotency_keys SET case_hash = :case_hash "
                "WHERE key_id = :key_id AND key_hash = :key_hash"),
                row | {"case_hash": _case_hash(*case)})
        else:
            connection.execute(sa.text(
                "UPDATE idempotency_keys SET status = NULL, body = NULL, location = NULL, "
                "request_hash = '', erased_at = :now "
                "WHERE key_id = :key_id AND key_hash = :key_hash"), row | {"now": now})


def _case_of(connection: sa.Connection, location: str) -> tuple[str, str] | None:
    for prefix, table in _RECORDS.items():
        if location.startswith(prefix):
            found = connection.execute(
                sa.text(f"SELECT org, case_ref FROM {table} WHERE id = :id"),
                {"id": location.removeprefix(prefix)}).first()
            return (str(found[0]), str(found[1])) if found else None
    return None
