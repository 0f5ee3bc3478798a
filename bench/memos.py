"""A serving worker's memory as the memos of its answers fill, by hand:

    .venv/bin/python bench/memos.py                            # full answers, to 20,000
    .venv/bin/python bench/memos.py --detail brief --after 2000,10000,40000
    .venv/bin/python bench/memos.py --root ../other-checkout --languages en,hi,bn
    .venv/bin/python bench/memos.py --districts          # each naming a district of her State

The service starts as ``bench/run.py`` starts it (uvicorn, one worker, the bundled rules) and
answers requests at 32 clients, each a random profile it has not seen (half fully known,
half partial, every State; in English, or in turns in the ``--languages`` asked). The
worker's RSS is read when it is ready and after each count of ``--after``. The memos are
bounded, so the figure should level off: the last count is the memory to plan a worker with.
RSS moves by several MB from one run to the next.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402
from service.rules.load import load_ruleset  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the checkout whose code the server runs")
    parser.add_argument("--detail", choices=("full", "brief"), default="full")
    parser.add_argument("--after", default="1000,4200,10000,20000",
                        help="the counts of requests after which RSS is read")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 28))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--languages", default="en",
                        help="the languages asked for, in turns (Accept-Language): en,hi,bn")
    parser.add_argument("--districts", action="store_true",
                        help="each request names a district of her State (bench/run.districts)")
    args = parser.parse_args(argv)
    counts = sorted(int(n) for n in args.after.split(","))
    rules = args.root / "rules"
    ruleset = load_ruleset(rules)
    _, _, mixed = run.drawn(ruleset, (counts[-1] + 1) // 2, args.seed)
    named = run.districts(ruleset, mixed, args.seed) if args.districts else [None] * len(mixed)
    port = run.free_port()
    languages = args.languages.split(",")
    requests = [run.http_request(run.request_body(facts, args.as_of, args.detail, district),
                                 port, language=languages[i % len(languages)])
                for i, (facts, district) in enumerate(zip(mixed, named, strict=True))]
    with tempfile.NamedTemporaryFile("w+b", suffix=".log") as log:
        server = run.start_server(port, rules, log, root=args.root)
        try:
            run.wait_ready(f"http://127.0.0.1:{port}", server, log.name)
            ready = run.worker_rss_mb(server.pid)
            where = ", a district each" if args.districts else ""
            print(f"{args.detail} answers in {args.languages}{where}, {args.root}: worker RSS when "
                  f"ready {ready:,.0f} MB", flush=True)
            done = 0
            for count in counts:
                _, _, failures = asyncio.run(run.drive(port, requests, count - done, 32,
                                                       start=done))
                if failures:
                    raise RuntimeError(f"{len(failures)} answers were not 200: {failures[:5]}")
                done = count
                print(f"after {count:,} answers: {run.worker_rss_mb(server.pid):,.0f} MB",
                      flush=True)
        finally:
            server.terminate()
            server.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
