"""Batch figures, run by hand: Parquet to Parquet through ``adhikar batch``'s engine.

    .venv/bin/python bench/batch.py --profiles 100000 --workers 2 [--population random]

Writes N profiles (the bundled corpus, repeated with fresh ids; or drawn at random) to a
Parquet file, screens them on --as-of with statuses and amounts, and prints the wall time,
profiles per second, the peak resident memory of this process and of the largest worker, and
the CPU time each side used (on a shared machine, wall time also counts others' work).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service import corpus  # noqa: E402
from service.batch.run import screen_file  # noqa: E402


def write_profiles(path: Path, n: int, population: str = "corpus") -> None:
    """``corpus``: the bundled corpus, repeated; ``random``: as many different profiles as
    the oracle's generator draws (10,000, repeated), every fact of its declared type and
    present with probability 0.6: far more varied than a real registry, so the memo of
    standings the batch keeps helps least."""
    base = [p for _, p in corpus.read_profiles()] if population == "corpus" else _random()
    names = sorted({k for p in base for k in p})
    with pq.ParquetWriter(path, _schema(base, names)) as writer:
        for start in range(0, n, 50_000):
            rows = [base[i % len(base)] for i in range(start, min(n, start + 50_000))]
            columns: dict[str, list[Any]] = {"id": [f"r{start + i}" for i in range(len(rows))]}
            columns |= {k: [r.get(k) for r in rows] for k in names}
            writer.write_table(pa.table(columns, schema=writer.schema))


def _random() -> list[dict[str, Any]]:
    from service.rules.load import load_ruleset
    from tests.oracle.durable_oracle import random_profiles

    def cell(value: Any) -> Any:
        return sorted(value) if isinstance(value, frozenset) else value

    drawn = random_profiles(load_ruleset(ROOT / "rules"), 10_000, 1, known=0.6)
    return [{k: cell(v) for k, v in p.items()} for p in drawn]


def _schema(base: list[dict[str, object]], names: list[str]) -> pa.Schema:
    table = pa.Table.from_pylist([{k: p.get(k) for k in names} for p in base])
    return pa.schema([("id", pa.string()), *table.schema])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--population", choices=("corpus", "random"), default="corpus")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 28))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.parquet", Path(tmp) / "out.parquet"
        write_profiles(source, args.profiles, args.population)
        cpu = _cpu()
        start = time.perf_counter()
        summary = screen_file(source, target, ROOT / "rules", args.as_of, workers=args.workers)
        wall = time.perf_counter() - start
        parent, workers = (after - before for after, before in zip(_cpu(), cpu, strict=True))
        rows = pq.ParquetFile(target).metadata.num_rows
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{summary.profiles} {args.population} profiles, {rows} rows, "
          f"{args.workers} worker(s): {wall:.1f} s, "
          f"{summary.profiles / wall:,.0f} profiles/s; peak RSS parent {me:.0f} MB, "
          f"largest worker {worker:.0f} MB; CPU parent {parent:.1f} s, workers {workers:.1f} s")
    return 0


def _cpu() -> tuple[float, float]:
    """CPU seconds (user and system) of this process and of its ended workers: on a shared
    machine, the work done, whoever else holds the cores."""
    me, them = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                   resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime, them.ru_utime + them.ru_stime


if __name__ == "__main__":
    sys.exit(main())
