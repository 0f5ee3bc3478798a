"""Instructions a request costs the server, counted by valgrind's callgrind, by hand:

    .venv/bin/python bench/instructions.py                            # 1,000 brief answers
    .venv/bin/python bench/instructions.py --detail full --requests 200
    .venv/bin/python bench/instructions.py --root ../before           # another checkout
    .venv/bin/python bench/instructions.py --app bench.floor:create_app   # the floor
    .venv/bin/python bench/instructions.py --in-process --detail full --requests 300
    .venv/bin/python bench/instructions.py --engine 300               # 600 full answers, no app

Starts the server as ``bench/run.py`` does (uvicorn, one worker, on 127.0.0.1), but under
``valgrind --tool=callgrind`` with counting off; warms it up; counts while the same requests
as ``bench/run.py``'s are answered at 32 clients; prints the server's instructions a request.
On a machine shared with other work the rate moves from minute to minute and the count
much less: the same code, rules and requests gave counts 3% apart at most (how many requests
the server finds waiting at each turn of its loop still depends on the machine's load; the
floor's held within 0.3%). It counts the process's own instructions (the interpreter, the
libraries, every thread): not the kernel's work for its reads and writes, nor the client's.
Under callgrind the server runs about fifty times slower: a thousand brief requests take a
minute or two.

``--in-process``: the app itself, called through ASGI in one process (``bench/asgi_driver.py``):
no uvicorn, socket or client, no other thread's timing, the rate limits off, every profile
seen in the warm-up (a caseload seen before). The same code gave the same count to within
0.1% for brief answers and 1% for full ones (worked out on a thread of the pool); what the
server adds around the app is not in it.

``--engine N``: the full answer alone, as ``bench/run.py`` times it (``evaluate`` and
``answers.full``, ``bench/answer_driver.py``), for N fully-known and N partial profiles, each
answered once before: the collector off while counting, the hash seed fixed. The same code in
the same directory gives the same count to the instruction. Checkouts in two directories can
differ by a percent or two for the same code (the addresses of what they load, and so the
order of what is kept by ``id``): to compare commits to a percent, check each out in turn
into one directory.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import run  # noqa: E402  (bench/run.py: the profiles, requests and client)

from service.rules.load import load_ruleset  # noqa: E402
from tests.oracle import durable_oracle as oracle  # noqa: E402

WARMUP = 300  # requests before counting: the imports done, the memos filling
CONCURRENCY = 32


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the checkout whose code the server runs (default: this one)")
    parser.add_argument("--app", default=run.SERVICE, help="the ASGI app factory")
    parser.add_argument("--detail", choices=("brief", "full"), default="brief")
    parser.add_argument("--requests", type=int, default=1000, help="requests counted")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules", help="rules directory")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 28))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--districts", action="store_true",
                        help="each request names a district of her State (bench/run.districts)")
    parser.add_argument("--in-process", action="store_true",
                        help="the app called through ASGI in one process, not a server")
    parser.add_argument("--engine", type=int, metavar="N",
                        help="full answers worked out and written, no app: N fully-known and "
                        "N partial profiles (bench/answer_driver.py)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    ruleset = load_ruleset(args.rules)
    if args.engine:
        mixed = run.drawn(ruleset, args.engine, args.seed)[2]
        count = engine(args.root.resolve(), args.as_of, mixed)
        print(f"the engine in {args.root}, full answers worked out and written, "
              f"{len(mixed):,} profiles seen before: {count / len(mixed):,.0f} instructions "
              "an answer")
        return 0
    n = (WARMUP + args.requests) // 2 + 1
    mixed = run.drawn(ruleset, n, args.seed)[2]
    named = run.districts(ruleset, mixed, args.seed) if args.districts else None
    where = ", a district each" if args.districts else ""
    if args.in_process:
        count = in_process(args.root.resolve(), args.rules.resolve(), args.as_of, mixed,
                           args.detail, args.requests, named)
        print(f"the app in {args.root}, in-process, {args.detail} answers{where}, "
              f"{args.requests:,} requests: {count / args.requests:,.0f} instructions a request")
        return 0
    count = instructions(args.root.resolve(), args.app, args.rules.resolve(), args.as_of,
                         mixed, args.detail, args.requests, named)
    print(f"{args.app} in {args.root}, {args.detail} answers{where}, {args.requests:,} requests at "
          f"{CONCURRENCY} clients: {count / args.requests:,.0f} instructions a request")
    return 0


def in_process(root: Path, rules: Path, as_of: dt.date, mixed: list[run.Facts], detail: str,
               requests: int, named: list[str | None] | None = None) -> int:
    """The app's instructions for ``requests`` of ``mixed``, called in one process after a
    warm-up over every profile (``bench/asgi_driver.py``)."""
    named = named or [None] * len(mixed)
    with tempfile.TemporaryDirectory() as out:
        asked = Path(out) / "requests"
        asked.write_bytes(b"\n".join(run.request_body(f, as_of, detail, d)
                                     for f, d in zip(mixed, named, strict=True)))
        env = {**os.environ, "ADHIKAR_RULES_DIR": str(rules), "ADHIKAR_RATE_PER_CLIENT": "0",
               "ADHIKAR_DATABASE_URL": f"sqlite:///{out}/adhikar.db", "PYTHONHASHSEED": "0"}
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no",
             f"--callgrind-out-file={out}/callgrind.%p", sys.executable,
             str(ROOT / "bench" / "asgi_driver.py"), str(root), str(asked), str(len(mixed)),
             str(requests)], cwd=root, env=env, capture_output=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode(errors="replace")[-3000:])
        return sum(_totals(found) for found in Path(out).glob("callgrind.*"))


def engine(root: Path, as_of: dt.date, mixed: list[run.Facts]) -> int:
    """The instructions of one pass of full answers over ``mixed``, after a pass that warms
    the memos (``bench/answer_driver.py``)."""
    with tempfile.TemporaryDirectory() as out:
        profiles = Path(out) / "profiles"
        profiles.write_text("\n".join(json.dumps(oracle.as_sent(f)) for f in mixed))
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no",
             f"--callgrind-out-file={out}/callgrind.%p", sys.executable,
             str(ROOT / "bench" / "answer_driver.py"), str(root), str(profiles),
             as_of.isoformat()], cwd=root, env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode(errors="replace")[-3000:])
        return sum(_totals(found) for found in Path(out).glob("callgrind.*"))


def instructions(root: Path, app: str, rules: Path, as_of: dt.date, mixed: list[run.Facts],
                 detail: str, requests: int, named: list[str | None] | None = None) -> int:
    """The server's instructions while it answers ``requests`` of ``mixed`` (after a
    warm-up of the first ``WARMUP``); ``named``: the district each request names."""
    port = run.free_port()
    named = named or [None] * len(mixed)
    sent = [run.http_request(run.request_body(f, as_of, detail, d), port, None, None)
            for f, d in zip(mixed, named, strict=True)]
    with tempfile.TemporaryDirectory() as out:
        log_path = Path(out) / "log"
        wrap = ("valgrind", "--tool=callgrind", "--instr-atstart=no",
                f"--callgrind-out-file={out}/callgrind.%p")
        with log_path.open("w+b") as log:
            server = run.start_server(port, rules, log, app=app, root=root, wrap=wrap)
            try:
                run.wait_ready(f"http://127.0.0.1:{port}", server, str(log_path),
                               timeout=900)
                asyncio.run(run.drive(port, sent, WARMUP, 8))
                subprocess.run(["callgrind_control", "--instr=on", str(server.pid)],
                               check=True, capture_output=True)
                asyncio.run(run.drive(port, sent, requests, CONCURRENCY, start=WARMUP))
                subprocess.run(["callgrind_control", "--dump", str(server.pid)],
                               check=True, capture_output=True)
            finally:
                server.terminate()
                server.wait(120)
        return _counted(Path(out))


def _counted(out: Path) -> int:
    """The instructions of the dump taken after the counted requests (``callgrind.PID.1``;
    the file written at exit holds what came after it)."""
    found = sorted(out.glob("callgrind.*.1"))
    if not found:
        raise RuntimeError("callgrind wrote no dump: " + (out / "log").read_text()[-2000:])
    return _totals(found[0])


def _totals(dump: Path) -> int:
    for line in dump.read_text().splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1])
    raise RuntimeError(f"no totals in {dump}")


if __name__ == "__main__":
    sys.exit(main())
