"""``adhikar batch`` as a library call: a file of profiles in, a file of rows out."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from service.batch import sources
from service.batch.formats import format_of
from service.batch.pool import Job, screen_chunks
from service.batch.sinks import Sink
from service.batch.table import INVALID, Layout, schema
from service.rules.load import load_ruleset

CHUNK = 2000  # profiles per chunk: large enough to amortise the hop to a worker


@dataclass
class Summary:
    digest: str
    profiles: int = 0
    invalid: int = 0
    statuses: Counter[str] = field(default_factory=Counter)  # long layout: rows by status


def screen_file(source: Path, target: Path, rules_dir: Path, as_of: dt.date, *,
                layout: Layout = "long", workers: int | None = None, chunk: int = CHUNK,
                progress: Callable[[int], None] | None = None) -> Summary:
    """Screen every profile in ``source`` on ``as_of`` and write the rows to ``target``.

    ``workers``: processes (default: every core). ``progress`` is told how many profiles
    each chunk held, as it is written. Raises ``RulesetInvalid`` or ``UnknownFormat``
    before writing anything, ``RulesetMismatch`` if a worker finds other rules.
    """
    format_of(target)  # refuse an unknown output format before reading anything
    ruleset = load_ruleset(rules_dir)
    job = Job(str(rules_dir.resolve()), ruleset.digest, as_of, layout,
              cells=sources.is_tabular(format_of(source)))
    summary = Summary(ruleset.digest)
    chunks = sources.read_chunks(source, chunk)
    with Sink(target, schema(ruleset, as_of, layout)) as sink:
        for batch, profiles in screen_chunks(job, chunks, workers or os.cpu_count() or 1,
                                             ruleset):
            sink.write(batch)
            _tally(summary, batch, profiles, layout)
            if progress is not None:
                progress(profiles)
    return summary


def _tally(summary: Summary, batch: pa.RecordBatch, profiles: int, layout: Layout) -> None:
    summary.profiles += profiles
    if layout == "wide":
        summary.invalid += batch.num_rows - batch.column("error").null_count
        return
    statuses = Counter(batch.column("status").to_pylist())
    summary.statuses.update(statuses)
    summary.invalid += statuses.get(INVALID, 0)
