"""service/compensation is pure like the engine: no I/O, no clock, nothing of the API."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

BANNED = {"api", "fastapi", "starlette", "yaml", "sqlmodel", "sqlalchemy", "os", "time",
          "pathlib", "random", "logging", "service.cli", "service.store"}


def test_routes_import_nothing_impure() -> None:
    files = list((ROOT / "service/compensation").rglob("*.py"))
    assert files
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not any(name == b or name.startswith(b + ".") for b in BANNED), (
                    f"{path}:{node.lineno} imports {name}")


def test_routes_read_no_clock() -> None:
    for path in Path(ROOT / "service/compensation").rglob("*.py"):
        text = path.read_text()
        for call in ("today(", "now(", "utcnow("):
            assert call not in text, f"{path} reads the clock: {call}"
