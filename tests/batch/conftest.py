"""Profiles for batch tests: the bundled synthetic corpus, and rules with a State's figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from service import corpus
from tests.service.rules import test_parameters as params

AS_OF = "2026-11-28"


@pytest.fixture(scope="session")
def profiles() -> list[tuple[str, dict[str, Any]]]:
    return list(corpus.read_profiles())


@pytest.fixture
def state_rules(tmp_path: Path) -> Path:
    """Tiny rules whose grant West Bengal pays at its own figure (5000, national 2000)."""
    return params.make_rules(tmp_path)


def write_jsonl(path: Path, items: list[Any]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(i) + b"\n" for i in items))
    return path
