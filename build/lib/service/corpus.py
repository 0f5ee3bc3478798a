"""The bundled synthetic corpus of profiles that `adhikar impact` runs by default.

Synthetic, by construction: made by corpus/generate.py from archetypes, never from real cases.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from service.resources import bundled

BUNDLED = bundled("corpus") / "profiles.jsonl"


def read_profiles(path: Path = BUNDLED) -> Iterator[tuple[str, dict[str, Any]]]:
    """(id, profile) for each line of a JSON-lines file: {"id": ..., "profile": {...}}.

    A plain JSON list of profiles works too; their ids are then their positions.
    """
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        for i, profile in enumerate(json.loads(text)):
            yield str(i + 1), profile
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            item = json.loads(line)
            yield str(item.get("id", n)), item["profile"]
