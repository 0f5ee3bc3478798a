"""Profiles for batch tests: the bundled synthetic corpus, and rules with a State's figure."""

from __future__ import annotations

import shutil
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
    root = tmp_path / "rules"
    shutil.copytree(params.HERE / "tiny", root)
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text().replace("derived:", """\
  state:
    type: enum
    values: [west_bengal, odisha]
    question: Which State?
  in_school:
    type: bool
    question: Is she in school?
derived:"""))
    (root / "parameters").mkdir()
    (root / "parameters" / "test_params.yaml").write_text(params.PARAMS)
    (root / "social").mkdir()
    (root / "social" / "grant.yaml").write_text(params.ENTITLEMENT)
    return root


def write_jsonl(path: Path, items: list[Any]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(i) + b"\n" for i in items))
    return path
