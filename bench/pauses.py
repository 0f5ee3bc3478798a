"""The garbage collector's pauses in a serving worker, by hand:

    .venv/bin/python bench/pauses.py                      # 10,000 brief answers at 32 clients
    .venv/bin/python bench/pauses.py --detail full --requests 4000

Starts the service as ``bench/run.py`` does, but through ``create_app`` below, which times
each collection in the worker (``gc.callbacks``) and writes them out when sent SIGUSR1.
Prints the requests' p50 and p99 and the worker's memory after them, then the collections
made while the requests were answered (those of start-up apart): how many of each
generation, the longest and their total. A full collection stops every request in flight, so
a few of 10 ms or more are the slowest 1%.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

APP = "bench.pauses:create_app"
REPORT = "ADHIKAR_BENCH_PAUSES"  # where the worker writes its collections


def create_app() -> Any:
    """The service, timing each collection: (wall-clock end, generation, seconds)."""
    from api.app import create_app as service

    made: list[tuple[float, int, float]] = []
    began = [0.0]

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            made.append((time.time(), info["generation"], time.perf_counter() - began[0]))

    def write(*_: object) -> None:
        path = Path(os.environ[REPORT])
        part = path.with_suffix(".part")
        part.write_text(json.dumps(made))
        part.replace(path)  # whole, or not there yet

    gc.callbacks.append(timed)
    signal.signal(signal.SIGUSR1, write)
    return service()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--detail", choices=("brief", "full"), default="brief")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 28))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    # here, not at the top: the worker imports this module too
    from bench import run
    from service.rules.load import load_ruleset

    rules = ROOT / "rules"
    # a new profile for each request, warm-up included
    _, _, mixed = run.drawn(load_ruleset(rules), (args.requests + 1_000) // 2, args.seed)
    port = run.free_port()
    requests = [run.http_request(run.request_body(f, args.as_of, args.detail), port)
                for f in mixed]
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp, "collections.json")
        os.environ[REPORT] = str(report)
        with open(Path(tmp, "server.log"), "w+b") as log:
            server = run.start_server(port, rules, log, app=APP)
            try:
                run.wait_ready(f"http://127.0.0.1:{port}", server, log.name)
                asyncio.run(run.drive(port, requests, 1_000, 4))  # warm-up
                start = time.time()
                wall, latencies, failures = asyncio.run(run.drive(
                    port, requests, args.requests, args.concurrency, start=1_000))
                end = time.time()
                rss = run.worker_rss_mb(server.pid)
                server.send_signal(signal.SIGUSR1)
                deadline = time.monotonic() + 60
                while not report.exists() and time.monotonic() < deadline:
                    time.sleep(0.1)
            finally:
                server.terminate()
                server.wait(30)
        made = [(gen, secs) for at, gen, secs in json.loads(report.read_text())
                if start <= at <= end]
    print(f"{args.requests:,} {args.detail} answers at {args.concurrency} clients: "
          f"{args.requests / wall:,.0f}/s, p50 {run.ms(run.percentile(latencies, 50))}, "
          f"p99 {run.ms(run.percentile(latencies, 99))}, non-200 {len(failures)}, "
          f"worker RSS {rss or 0:,.0f} MB")
    for gen in range(3):
        took = [secs for g, secs in made if g == gen]
        longest = max(took, default=0.0)
        print(f"generation {gen}: {len(took):,} collections, longest {longest * 1e3:.1f} ms, "
              f"{sum(took) * 1e3:.1f} ms in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
