"""adhikar keys create | list | revoke, against a database of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.cli import main
from service.store import keys
from service.store.database import Database


def test_create_list_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    args = ["keys", "--database-url", url]
    assert main([*args, "create", "--org", "sanjog", "--role", "caseworker",
                 "--label", "Purulia field team"]) == 0
    out = capsys.readouterr()
    key = out.out.strip()
    assert key.startswith("adk_") and "shown only this once" in out.err
    db = Database(url)
    with db.session() as session:
        principal = keys.authenticate(session, key)
    assert principal is not None and (principal.org, principal.role) == ("sanjog", "caseworker")
    assert main([*args, "list"]) == 0
    listing = capsys.readouterr().out
    assert principal.key_id in listing and "Purulia field team" in listing
    secret = key.split("_", 2)[2]  # it may itself hold "_"
    assert key not in listing and secret not in listing
    assert main([*args, "revoke", principal.key_id]) == 0
    with db.session() as session:
        assert keys.authenticate(session, key) is None
    db.dispose()
    assert main([*args, "list"]) == 0
    assert "revoked" in capsys.readouterr().out


def test_mistakes_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'keys.db'}")
    assert main(["keys", "create", "--org", "Not An Org", "--role", "admin"]) == 2
    assert "--org" in capsys.readouterr().err
    assert main(["keys", "revoke", "nope"]) == 1
    with pytest.raises(SystemExit):
        main(["keys", "create", "--org", "sanjog", "--role", "root"])
