"""Profiles streamed from a file in chunks: CSV (a column per fact, an optional ``id``), JSON
lines (bare profiles, or ``{"id": ..., "profile": {...}}`` as in corpus/profiles.jsonl) or
Parquet. Only a few chunks are in memory at a time. A chunk of a table stays Arrow until the
process that screens it reads it (``items``): sending Arrow to a worker costs little, sending
thousands of dicts costs the reading process as much as screening them."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from service.batch.formats import Format, format_of
from service.batch.table import Item

ID = "id"  # the column (or key) naming each profile; without it, its position from 1


@dataclass(frozen=True, slots=True)
class Rows:
    """Up to a chunk's rows of a table of profiles, as Arrow."""

    batch: pa.RecordBatch
    first: int  # the position of its first row in the file, from 1

    def items(self) -> list[Item]:
        chunk: list[Item] = []
        for position, row in enumerate(self.batch.to_pylist(), start=self.first):
            pid = row.pop(ID, None)
            chunk.append((str(position) if pid is None else str(pid), row))
        return chunk


Chunk = list[Item] | Rows


def items(chunk: Chunk) -> list[Item]:
    return chunk.items() if isinstance(chunk, Rows) else chunk


def read_chunks(path: Path, size: int) -> Iterator[Chunk]:
    kind = format_of(path)
    if kind == "jsonl":
        return _jsonl(path, size)
    if kind == "csv":
        return _table(_csv_batches(path, size), size)
    return _table(pq.ParquetFile(path).iter_batches(batch_size=size), size)


def count(path: Path) -> int | None:
    """How many profiles the file holds, when that is cheap to know (Parquet)."""
    return pq.ParquetFile(path).metadata.num_rows if format_of(path) == "parquet" else None


def is_tabular(kind: Format) -> bool:
    """Whether the profiles come as table cells (text, or floats for gappy numbers)."""
    return kind != "jsonl"


def _jsonl(path: Path, size: int) -> Iterator[Chunk]:
    chunk: list[Item] = []
    with path.open("rb") as lines:
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            chunk.append(_json_item(n, line))
            if len(chunk) >= size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _json_item(n: int, line: bytes) -> Item:
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        return str(n), f"line {n} is not valid JSON"
    if not isinstance(data, dict):
        return str(n), f"line {n} is not a JSON object"
    if isinstance(data.get("profile"), dict):
        return str(data.get(ID, n)), data["profile"]
    return str(n), data


def _csv_batches(path: Path, size: int) -> Iterator[pa.RecordBatch]:
    # Every column as text: types guessed from the first block could fail on a later one.
    with path.open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f), [])
    text = {name: pa.string() for name in header}
    reader = pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=1 << 20),
                            convert_options=pacsv.ConvertOptions(column_types=text,
                                                                 strings_can_be_null=True))
    yield from reader


def _table(batches: Iterator[pa.RecordBatch], size: int) -> Iterator[Rows]:
    position = 1
    for batch in batches:
        for start in range(0, batch.num_rows, size):
            rows = batch.slice(start, size)
            yield Rows(rows, position)
            position += rows.num_rows
