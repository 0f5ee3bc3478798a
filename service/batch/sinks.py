"""Record batches -> CSV, JSON lines or Parquet, written as they come."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import IO

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from service.batch.cells import SET_SEPARATOR
from service.batch.formats import format_of


class Sink:
    """``with Sink(path, schema) as sink: sink.write(batch)``; the format from the extension."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.kind = format_of(path)
        self.path = path
        self.schema = schema
        self._parquet: pq.ParquetWriter | None = None
        self._csv: pacsv.CSVWriter | None = None
        self._file: IO[bytes] | None = None

    def __enter__(self) -> Sink:
        if self.kind == "parquet":
            self._parquet = pq.ParquetWriter(self.path, self.schema)
        elif self.kind == "csv":
            self._csv = pacsv.CSVWriter(self.path, flat(self.schema))
        else:
            self._file = self.path.open("wb")
        return self

    def write(self, batch: pa.RecordBatch) -> None:
        if self._parquet is not None:
            self._parquet.write_batch(batch)
        elif self._csv is not None:
            self._csv.write_batch(flatten(batch))
        elif self._file is not None:
            option = orjson.OPT_APPEND_NEWLINE
            self._file.write(b"".join(orjson.dumps(row, option=option)
                                      for row in batch.to_pylist()))

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for writer in (self._parquet, self._csv, self._file):
            if writer is not None:
                writer.close()


def flat(schema: pa.Schema) -> pa.Schema:
    """The schema with each list of text as one text cell (CSV holds no lists)."""
    return pa.schema([pa.field(f.name, pa.string()) if pa.types.is_list(f.type) else f
                      for f in schema])


def flatten(batch: pa.RecordBatch) -> pa.RecordBatch:
    columns = [pc.binary_join(col, SET_SEPARATOR) if pa.types.is_list(col.type) else col
               for col in batch.columns]
    return pa.RecordBatch.from_arrays(columns, schema=flat(batch.schema))
