"""A small rules directory with one entitlement of two versions, the second written
`from_previous: true`: for the tests of reading rule files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent

TWO_VERSIONS = """\
id: grant
title: A grant
domain: social
summary: A grant for a trafficked person.
versions:
  - valid_from: 2020-01-01
    valid_until: 2022-12-31
    title: The first scheme
    legal_basis:
      - instrument: Test Act, 2020
    when:
      - test: trafficked
    benefits:
      - label: Grant
        amount: 1000
        sources: [src]
      - label: Stipend
        amount: 50
        sources: [src]
    office: dlsa
    steps:
      - action: Apply to the DLSA
  - valid_from: 2023-01-01
    from_previous: true
    title: The scheme continued
    benefits:
      - label: Stipend
        amount: 80
        sources: [src]
      - label: Travel
        amount: 10
        sources: [src]
sources:
  - id: src
    title: A source
    confidence: H
"""


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(HERE / "tiny", root)
    (root / "social").mkdir()
    (root / "social" / "grant.yaml").write_text(TWO_VERSIONS)
    return root
