"""API keys: made once, shown once, kept only as a sha256 hash.

A key reads ``adk_<prefix>_<secret>``: the prefix finds the row, the hash of the whole key
checks it. Each key belongs to one organisation and has one role.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import typing
import uuid
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, col, select

from service.errors import InvalidInput, NotFound
from service.store.tables import ApiKey

Role = Literal["caseworker", "analyst", "admin"]
ROLES: tuple[str, ...] = typing.get_args(Role)
ORG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_KEY = re.compile(r"^adk_([0-9a-f]{8})_([A-Za-z0-9_-]{20,100})$")


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking: a key's id, organisation and role."""

    key_id: str
    org: str
    role: Role

    @property
    def scope(self) -> str | None:
        """The organisation whose records it may see; None (every one) for an admin."""
        return None if self.role == "admin" else self.org

    @property
    def report_scope(self) -> str | None:
        """The organisation whose claims its reports count: a caseworker's own; None (every
        one) for an analyst or an admin."""
        return self.org if self.role == "caseworker" else None


@dataclass(frozen=True, slots=True)
class NewKey:
    key: str  # shown once, never stored
    row: ApiKey


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create(session: Session, *, org: str, role: str, label: str | None,
           now: dt.datetime) -> NewKey:
    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    if not ORG.match(org):
        problems.append((("org",), "invalid_org", "an organisation is 1-64 lower-case letters, "
                         "digits, '.', '_' or '-', starting with a letter or digit"))
    if role not in ROLES:
        problems.append((("role",), "invalid_role", "a role is one of: " + ", ".join(ROLES)))
    if label is not None and len(label) > 200:
        problems.append((("label",), "too_long", "a label is at most 200 characters"))
    if problems:
        raise InvalidInput(problems)
    while True:
        prefix = secrets.token_hex(4)
        if session.exec(select(ApiKey).where(ApiKey.prefix == prefix)).first() is None:
            break
    key = f"adk_{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiKey(id=uuid.uuid4().hex, prefix=prefix, hash=digest(key), org=org, role=role,
                 label=label, created_at=now)
    session.add(row)
    session.commit()
    return NewKey(key, row)


def well_formed(key: str) -> bool:
    return _KEY.match(key) is not None


def authenticate(session: Session, key: str) -> Principal | None:
    """The principal for a key that exists and is not revoked; None otherwise."""
    match = _KEY.match(key)
    if match is None:
        return None
    row = session.exec(select(ApiKey).where(ApiKey.prefix == match.group(1))).first()
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.hash, digest(key)):
        return None
    return Principal(row.id, row.org, typing.cast(Role, row.role))


def listing(session: Session) -> list[ApiKey]:
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.created_at))).all())


def revoke(session: Session, key_id: str, *, now: dt.datetime) -> ApiKey:
    """Revoke by id (or by prefix). Revoking twice keeps the first time."""
    row = session.get(ApiKey, key_id) or session.exec(
        select(ApiKey).where(ApiKey.prefix == key_id)).first()
    if row is None:
        raise NotFound("key")
    if row.revoked_at is None:
        row.revoked_at = now
        session.add(row)
        session.commit()
    return row
