"""API keys: shown once, kept as a hash, found by prefix, refused once revoked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from service.errors import InvalidInput, NotFound
from service.store import keys
from service.store.tables import ApiKey
from tests.store.conftest import NOW


def test_a_key_is_kept_only_as_its_hash(session: Session) -> None:
    made = keys.create(session, org="sanjog", role="caseworker", label="Purulia", now=NOW)
    row = session.exec(select(ApiKey)).one()
    assert made.key.startswith(f"adk_{row.prefix}_")
    assert made.key not in repr(row.model_dump())
    assert row.hash == keys.digest(made.key)
    assert keys.authenticate(session, made.key) == keys.Principal(row.id, "sanjog",
                                                                  "caseworker")


@pytest.mark.parametrize("tamper", [
    lambda k: k[:-1] + ("A" if k[-1] != "A" else "B"),   # one character changed
    lambda k: "adk_00000000_" + k.split("_", 2)[2],         # another prefix
    lambda k: k + "x",
    lambda k: "",
    lambda k: "Bearer " + k,
])
def test_a_wrong_key_finds_no_one(session: Session, tamper: object) -> None:
    made = keys.create(session, org="sanjog", role="admin", label=None, now=NOW)
    assert keys.authenticate(session, tamper(made.key)) is None  # type: ignore[operator]


def test_a_revoked_key_is_refused_and_revoking_again_keeps_the_first_date(
        session: Session) -> None:
    made = keys.create(session, org="sanjog", role="analyst", label=None, now=NOW)
    keys.revoke(session, made.row.id, now=NOW)
    assert keys.authenticate(session, made.key) is None
    again = keys.revoke(session, made.row.prefix, now=NOW + dt.timedelta(days=1))
    assert again.revoked_at == NOW
    with pytest.raises(NotFound):
        keys.revoke(session, "no-such-key", now=NOW)


@pytest.mark.parametrize(("org", "role"), [("Sanjog", "caseworker"), ("", "admin"),
                                           ("sanjog ngo", "admin"), ("sanjog", "root")])
def test_bad_organisations_and_roles_are_refused(session: Session, org: str,
                                                 role: str) -> None:
    with pytest.raises(InvalidInput):
        keys.create(session, org=org, role=role, label=None, now=NOW)


def test_scopes_follow_the_role() -> None:
    def who(role: keys.Role) -> keys.Principal:
        return keys.Principal("k", "sanjog", role)
    assert (who("caseworker").scope, who("caseworker").report_scope) == ("sanjog", "sanjog")
    assert (who("analyst").scope, who("analyst").report_scope) == ("sanjog", None)
    assert (who("admin").scope, who("admin").report_scope) == (None, None)
