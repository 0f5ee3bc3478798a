"""Batch screening on a Dask cluster: ``dask.dataframe`` partitions screened by
``map_partitions`` on the workers.

The ruleset travels by its rules directory and digest (``pool.Job``): each worker loads the
rules from that path once and refuses to screen if their digest differs, so the workers must
see the same rule files (baked into their image, or a mounted volume; see docs/batch.md).

In a notebook::

    import dask.dataframe as dd
    from distributed import Client
    from service.batch.cluster import screen_frame

    client = Client("tcp://scheduler:8786")
    rows = screen_frame(dd.read_parquet("registry/*.parquet"), Path("rules"),
                        dt.date(2026, 11, 28))
    rows.to_parquet("screened/")            # or rows.groupby("entitlement").status...
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import dask
import dask.base
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
from distributed import Client

from service.batch import sources
from service.batch.formats import UnknownFormat, format_of
from service.batch.pool import Job
from service.batch.run import Summary
from service.batch.sinks import flatten
from service.batch.table import INVALID, Item, Layout, schema
from service.rules.load import load_ruleset

BLOCK = "16MB"  # bytes of CSV or JSON lines per partition


def screen_frame(frame: dd.DataFrame, rules_dir: Path, as_of: dt.date, *,
                 layout: Layout = "long") -> dd.DataFrame:
    """The batch rows of every profile in ``frame``, lazily.

    ``frame`` has a column per fact (and ``id``), as read from CSV or Parquet; or the columns
    ``id`` and ``profile`` (a dict), as read from JSON lines like corpus/profiles.jsonl.
    Without an ``id`` column a profile is named by its partition and position (``3:17``).
    """
    ruleset = load_ruleset(rules_dir)
    job = Job(str(rules_dir.resolve()), ruleset.digest, as_of, layout,
              cells="profile" not in frame.columns)
    meta = schema(ruleset, as_of, layout).empty_table().to_pandas()
    return frame.map_partitions(_screen_partition, job, meta=meta, enforce_metadata=False)


def _screen_partition(part: pd.DataFrame, job: Job,
                      partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    number = (partition_info or {}).get("number", 0)
    records = pa.Table.from_pandas(part, preserve_index=False).to_pylist()
    items: list[Item] = []
    for position, record in enumerate(records, start=1):
        pid = record.pop(sources.ID, None)
        name = f"{number}:{position}" if pid is None else str(pid)
        profile = record.get("profile") if not job.cells else record
        items.append((name, profile if isinstance(profile, dict) else
                      "the profile is not a JSON object"))
    batch, _ = job(items)
    return batch.to_pandas()


def read_frame(source: Path) -> dd.DataFrame:
    kind = format_of(source)
    if kind == "parquet":
        return dd.read_parquet(str(source))
    if kind == "csv":
        return dd.read_csv(str(source), dtype=str, blocksize=BLOCK, keep_default_na=False,
                           na_values=[""])
    # Keep each profile a dict: dask would otherwise turn an object column into text.
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.read_json(str(source), lines=True, blocksize=BLOCK, dtype=False)


def screen_on_cluster(address: str | Client, source: Path, target: Path, rules_dir: Path,
                      as_of: dt.date, *, layout: Layout = "long") -> Summary:
    """``adhikar batch --scheduler``: ``target`` is a directory of Parquet parts, or one CSV
    file. ``address``: the scheduler's, or a connected ``Client``."""
    kind = format_of(target)
    if kind == "jsonl":
        raise UnknownFormat(target)
    client = address if isinstance(address, Client) else Client(address)
    try:
        frame = read_frame(source)
        rows = screen_frame(frame, rules_dir, as_of, layout=layout)
        ruleset = load_ruleset(rules_dir)
        arrow, arrow_digest = schema(ruleset, as_of, layout), ruleset.digest
        if kind == "parquet":
            write = rows.to_parquet(str(target), schema=arrow, write_index=False,
                                    compute=False)
        else:
            write = rows.map_partitions(_flat_csv, arrow, meta=rows._meta).to_csv(
                str(target), single_file=True, index=False, compute=False)
        counted = frame.map_partitions(len).sum()
        # Long: rows by status; wide: profiles that could not be read, as "invalid".
        statuses = rows.map_partitions(_count, meta=pd.Series(dtype="int64"))
        with warnings.catch_warnings():  # the writer's graph and the counts', in one pass
            warnings.simplefilter("ignore", UserWarning)
            _, profiles, counts = dask.base.compute(write, counted, statuses)
    finally:
        if client is not address:
            client.close()
    return _summary(arrow_digest, int(profiles), counts, layout)


def _flat_csv(part: pd.DataFrame, arrow: pa.Schema) -> pd.DataFrame:
    table = pa.Table.from_pandas(part, schema=arrow, preserve_index=False)
    return pa.Table.from_batches([flatten(b) for b in table.to_batches()]).to_pandas()


def _count(rows: pd.DataFrame) -> pd.Series:
    if "status" in rows.columns:
        return rows["status"].value_counts()
    return pd.Series({INVALID: int(rows["error"].notna().sum())}, dtype="int64")


def _summary(digest: str, profiles: int, counts: pd.Series, layout: Layout) -> Summary:
    summary = Summary(digest, profiles=profiles)
    for status, n in counts.items():
        summary.statuses[str(status)] += int(n)
    summary.invalid = summary.statuses.get(INVALID, 0)
    if layout == "wide":
        summary.statuses.clear()
    return summary
