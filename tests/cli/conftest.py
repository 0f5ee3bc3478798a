"""A small rules directory to change in each test: the tiny ruleset of tests/service/rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TINY = Path(__file__).resolve().parent.parent / "service" / "rules" / "tiny"
ENTITLEMENT = "legal/one-entitlement.yaml"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(TINY, root)
    return root


def replace(root: Path, old: str, new: str, file: str = ENTITLEMENT) -> None:
    path = root / file
    text = path.read_text()
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1))
