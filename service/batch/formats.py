"""Which file format a path holds, by its extension."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Format = Literal["csv", "jsonl", "parquet"]
EXTENSIONS: dict[str, Format] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                                 ".parquet": "parquet", ".pq": "parquet"}


class UnknownFormat(ValueError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: cannot tell the format from the extension "
                         f"{path.suffix or '(none)'!r}; use one of: "
                         + ", ".join(EXTENSIONS))


def format_of(path: Path) -> Format:
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise UnknownFormat(path)
    return found
