"""Chunks screened on every core of this machine, in order, a few at a time.

Workers are separate processes (started fresh, not forked, so that no thread or lock of the
parent is copied); each loads the rules from the directory and checks the digest
(``rules.ruleset_at``). At most ``ahead`` chunks are in flight, so memory stays flat however
long the input is.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import pyarrow as pa

from service.batch.rules import ruleset_at, standings_for
from service.batch.sources import Chunk, items
from service.batch.table import Layout, screen_items
from service.rules.ruleset import Ruleset


@dataclass(frozen=True, slots=True)
class Job:
    """What every chunk of a batch is screened with; small, so that it pickles cheaply."""

    rules_dir: str
    digest: str
    as_of: dt.date
    layout: Layout
    cells: bool

    def __call__(self, chunk: Chunk) -> Screened:
        return self.screen(ruleset_at(self.rules_dir, self.digest), chunk)

    def screen(self, ruleset: Ruleset, chunk: Chunk) -> Screened:
        read = items(chunk)
        batch = screen_items(ruleset, read, self.as_of, self.layout, cells=self.cells,
                             standings=standings_for(ruleset.digest))
        return batch, len(read)


Screened = tuple[pa.RecordBatch, int]  # a chunk's rows, and how many profiles it held


def screen_chunks(job: Job, chunks: Iterable[Chunk], workers: int,
                  ruleset: Ruleset) -> Iterator[Screened]:
    """Each chunk's rows, in the order of ``chunks``. With one worker, in this process with
    ``ruleset`` (the one whose digest ``job`` names)."""
    if workers <= 1:
        yield from (job.screen(ruleset, chunk) for chunk in chunks)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future[Screened]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(job, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
