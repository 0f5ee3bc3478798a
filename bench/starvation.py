"""Does the open endpoint starve the protected ones? Run by hand, never as a timed test.

    .venv/bin/python bench/starvation.py                     # this checkout, limits off
    .venv/bin/python bench/starvation.py --limit 600         # 600 per minute per client
    .venv/bin/python bench/starvation.py --checkout /work/main   # the server of another checkout

Starts ``python -m api.serve`` (one worker, SQLite in a temporary folder), makes a
caseworker's key, and measures POST /v1/screenings (one at a time, keep-alive) first idle,
then while six anonymous clients loop on POST /v1/eligibility from another process. Prints
the p50 and p90 of both and their ratio (issue 12's target: within 3x), and what the six got.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
GIRL = {"age": 16, "gender": "female", "trafficked": True, "crime_victim": True,
        "sexually_exploited": True, "residence_area": "rural", "in_school": False}
HAMMERERS = 6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkout", type=Path, default=ROOT,
                        help="run the server from this source tree (default: this one)")
    parser.add_argument("--limit", type=int, default=0,
                        help="requests per minute per client and per key (default 0: no "
                        "limit, to measure the evaluation pool alone)")
    parser.add_argument("--writes", type=int, default=150, help="screenings per phase")
    parser.add_argument("--hammer", help=argparse.SUPPRESS)  # internal: the load process
    args = parser.parse_args()
    if args.hammer:
        asyncio.run(hammer(args.hammer))
        return
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        env = {**os.environ, "DATABASE_URL": url, "ADHIKAR_PORT": str(port),
               "ADHIKAR_LOG_LEVEL": "WARNING", "ADHIKAR_WORKERS": "1"}
        env |= {"ADHIKAR_RATE_PER_CLIENT": str(args.limit),
                "ADHIKAR_RATE_PER_KEY": str(args.limit)}
        server = subprocess.Popen([sys.executable, "-m", "api.serve"], cwd=args.checkout,
                                  env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base)
            key = _make_key(args.checkout, url)
            run(base, key, args.writes)
        finally:
            server.terminate()
            server.wait(timeout=60)


def run(base: str, key: str, writes: int) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        _writes(client, 20, "warm")
        idle = _writes(client, writes, "idle")
        load = subprocess.Popen([sys.executable, __file__, "--hammer", base],
                                stdout=subprocess.PIPE, text=True)
        time.sleep(3)  # let the six get going
        busy = _writes(client, writes, "busy")
        load.terminate()
        out, _ = load.communicate(timeout=60)
    p50_idle, p50_busy = _pct(idle, 50), _pct(busy, 50)
    print(f"screening write, idle:        p50 {p50_idle:7.1f} ms   p90 {_pct(idle, 90):7.1f} ms")
    print(f"screening write, 6 hammering: p50 {p50_busy:7.1f} ms   p90 {_pct(busy, 90):7.1f} ms")
    print(f"ratio of p50s: {p50_busy / p50_idle:.1f}x (target: within 3x)")
    print(f"the six hammering clients got: {out.strip()}")


def _writes(client: httpx.Client, n: int, tag: str) -> list[float]:
    times = []
    for i in range(n):
        body = {"case_ref": f"2026-{i}", "profile": GIRL, "as_of": "2026-11-28"}
        start = time.perf_counter()
        r = client.post("/v1/screenings", json=body)
        times.append((time.perf_counter() - start) * 1000)
        if r.status_code != 201:
            raise SystemExit(f"a screening write answered {r.status_code}: {r.text[:200]}")
    return times


def _pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if q != 50 else statistics.median(values)


async def hammer(base: str) -> None:
    """Six keep-alive connections, each sending POST /v1/eligibility in a loop, with a bare
    asyncio client (so that the load takes little CPU from the server)."""
    host, port = base.removeprefix("http://").split(":")
    body = json.dumps({"profile": GIRL, "as_of": "2026-11-28"}).encode()
    request = (f"POST /v1/eligibility HTTP/1.1\r\nHost: {host}\r\nContent-Type: "
               f"application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
    counts: Counter[int] = Counter()
    start = time.monotonic()

    async def one() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        while True:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            counts[status] += 1
            if b"connection: close" in head.lower():
                writer.close()
                reader, writer = await asyncio.open_connection(host, int(port))

    tasks = [asyncio.create_task(one()) for _ in range(HAMMERERS)]
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    for task in tasks:
        task.cancel()
    elapsed = time.monotonic() - start
    total = sum(counts.values())
    print(f"{total / elapsed:.0f} answers/s, by status {dict(sorted(counts.items()))}")


def _make_key(checkout: Path, url: str) -> str:
    code = ("import datetime as dt, sys; from service.store.database import Database; "
            "from service.store import keys; db = Database(sys.argv[1], migrate=False); "
            "db.open(); s = db.session().__enter__(); "
            "print(keys.create(s, org='bench', role='caseworker', label='bench', "
            "now=dt.datetime.now(dt.UTC)).key)")
    out = subprocess.run([sys.executable, "-c", code, url], cwd=checkout, check=True,
                         capture_output=True, text=True)
    return out.stdout.strip()


def _wait(base: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=10).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


if __name__ == "__main__":
    main()
