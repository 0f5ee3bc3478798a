"""Batch on a Dask LocalCluster, run by hand: one worker against two.

    .venv/bin/python bench/cluster.py --profiles 400000 --parts 16

Writes N profiles (the bundled corpus, repeated) to a directory of Parquet parts, screens them
with ``adhikar batch --scheduler``'s engine (``service.batch.cluster.screen_on_cluster``) on a
LocalCluster of one worker process and then of two (one thread each), and prints the wall
time of each and their ratio. Each cluster is started, and its workers have loaded the rules
once, before the clock starts: what is timed is the screening.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from dask.distributed import Client, LocalCluster

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from batch import write_profiles  # noqa: E402

from service.batch.cluster import screen_on_cluster  # noqa: E402

AS_OF = dt.date(2026, 11, 28)


def timed(client: Client, source: Path, target: Path, warm: Path) -> float:
    screen_on_cluster(client, warm, target.with_name("warm-out.parquet"), ROOT / "rules", AS_OF)
    start = time.perf_counter()
    summary = screen_on_cluster(client, source, target, ROOT / "rules", AS_OF)
    wall = time.perf_counter() - start
    print(f"  {summary.profiles:,} profiles in {wall:.1f} s", flush=True)
    return wall


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=400_000)
    parser.add_argument("--parts", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source, warm = Path(tmp) / "in.parquet", Path(tmp) / "warm.parquet"
        source.mkdir()
        warm.mkdir()
        for part in range(args.parts):
            write_profiles(source / f"part-{part}.parquet", args.profiles // args.parts)
        for part in range(2):
            write_profiles(warm / f"part-{part}.parquet", 1000)
        walls = {}
        for workers in (1, 2):
            print(f"LocalCluster, {workers} worker(s):", flush=True)
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                walls[workers] = timed(client, source, Path(tmp) / f"out-{workers}.parquet", warm)
    print(f"2 workers / 1 worker: {walls[1] / walls[2]:.2f}x faster (target >= 1.7x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
