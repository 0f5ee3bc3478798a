"""The arrows point one way: api -> service; the engine and the condition language stay pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BANNED = {
    "service": {"api", "fastapi", "uvicorn", "starlette"},
    "service/engine": {"api", "yaml", "sqlmodel", "sqlalchemy", "os", "time", "pathlib",
                       "random", "logging"},
    "service/expr": {"api", "yaml", "sqlmodel", "sqlalchemy", "os", "time", "pathlib",
                     "random", "logging", "pydantic"},
}


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, node.module or ""))
    return found


@pytest.mark.parametrize("package", sorted(BANNED))
def test_imports_point_inward(package: str) -> None:
    files = list((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        for line, module in _imports(path):
            assert module.split(".")[0] not in BANNED[package], f"{path}:{line} imports {module}"


def test_expr_imports_nothing_of_rules_or_engine() -> None:
    for path in (ROOT / "service/expr").rglob("*.py"):
        for line, module in _imports(path):
            assert not module.startswith(("service.rules", "service.engine")), f"{path}:{line}"


def test_engine_reads_no_clock() -> None:
    for path in (ROOT / "service/engine").rglob("*.py"):
        text = path.read_text()
        for call in ("today(", "now(", "utcnow("):
            assert call not in text, f"{path} reads the clock: {call}"
