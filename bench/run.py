"""The benchmark: run by hand, never as a timed test.

    .venv/bin/python bench/run.py            # the full run (about a minute)
    .venv/bin/python bench/run.py --quick    # a short run, to see that it works

Measures, on generated profiles and the bundled rules: ``statuses()`` beside plain Python
lambdas and beside durable-rules; the full answer ``evaluate()``; and POST /v1/eligibility
against a real uvicorn server on 127.0.0.1. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import functools
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
import zstandard
from pydantic import TypeAdapter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: service, api and tests live one level up

from api import answers  # noqa: E402
from api.compression import BROTLI_QUALITY, GZIP_LEVEL, ZSTD_LEVEL  # noqa: E402
from service.engine.brief import Lines, evaluate_brief, remembered  # noqa: E402
from service.engine.case import Case  # noqa: E402
from service.engine.evaluate import evaluate, statuses  # noqa: E402
from service.engine.offices import Place  # noqa: E402
from service.engine.parts import PartsCache  # noqa: E402
from service.engine.result import Evaluation  # noqa: E402
from service.expr import nodes  # noqa: E402
from service.expr.kleene import TRUE  # noqa: E402
from service.rules.load import load_ruleset  # noqa: E402
from service.rules.ruleset import Clause, Ruleset  # noqa: E402
from tests.oracle import durable_oracle as oracle  # noqa: E402

Facts = dict[str, Any]


@dataclass(frozen=True)
class Sizes:
    profiles: int  # of each kind: fully known, partial
    repeats: int  # timing passes; the best is kept
    requests: int  # per concurrency level
    warmup: int


FULL = Sizes(profiles=5000, repeats=5, requests=2000, warmup=200)
QUICK = Sizes(profiles=300, repeats=2, requests=200, warmup=20)
CONCURRENCY = (1, 32)
# full and brief answers from one client address; many: brief answers, each request from an
# address of its own, as phones that each send now and then (every request then takes its
# rate-limit permit from the database rather than from a lease the worker holds);
# full-gzip and brief-gzip: the same answers asked for with Accept-Encoding: gzip, as phones'
# HTTP libraries (OkHttp, NSURLSession) ask by default; full-chrome and brief-chrome: with
# the Accept-Encoding Chrome sends over HTTPS since version 123, which the service answers
# with zstd.
ACCEPT = {"gzip": "gzip", "chrome": "gzip, deflate, br, zstd"}
DETAILS = ("full", "brief", "many", "full-gzip", "brief-gzip", "full-chrome", "brief-chrome")


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    target: str = ""
    verdict: str = ""


# ---- plain Python lambdas, generated from our checked condition trees ---------------------


class LambdaSource:
    """Python source for a condition over a dict ``f``; non-literal constants are hoisted into
    globals so that each call does no more than the comparison itself."""

    def __init__(self) -> None:
        self.constants: dict[str, Any] = {}

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def literal(self, value: Any) -> str:
        return repr(value) if isinstance(value, bool | int | str) else self.constant(value)

    def node(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Fact):
            return f"f[{node.name!r}]"
        if isinstance(node, nodes.Derived):
            return self.node(node.node)
        if isinstance(node, nodes.Not):
            return f"(not {self.node(node.operand)})"
        if isinstance(node, nodes.All | nodes.Any_):
            joiner = " and " if isinstance(node, nodes.All) else " or "
            return "(" + joiner.join(self.node(n) for n in node.operands) + ")"
        if isinstance(node, nodes.HasAny):
            return f"(not {self.constant(node.values)}.isdisjoint(f[{node.fact!r}]))"
        return self.compare(node)

    def compare(self, node: nodes.Compare) -> str:
        fact = f"f[{node.fact!r}]"
        if node.op in ("contains", "not contains"):
            return f"({node.literal!r} {node.op.replace('contains', 'in')} {fact})"
        return f"({fact} {node.op} {self.literal(node.literal)})"

    def clause(self, clause: Clause) -> str:
        if clause.node is not None:
            return self.node(clause.node)
        joiner = " and " if clause.kind == "all" else " or "
        return "(" + joiner.join(self.clause(c) for c in clause.children) + ")"


def build_lambdas(ruleset: Ruleset, as_of: dt.date) -> dict[str, Callable[[Facts], bool]]:
    """One lambda per entitlement in force on ``as_of``; fully-known profiles only."""
    out = {}
    for ent in ruleset.entitlements.values():
        version = ent.version_on(as_of)
        if version is None:
            continue
        source = LambdaSource()
        body = " and ".join(source.clause(c) for c in version.clauses) or "True"
        out[ent.id] = eval(f"lambda f: {body}", dict(source.constants))
    return out


def lambda_statuses(lambdas: Mapping[str, Callable[[Facts], bool]], facts: Facts) -> dict[str,
                                                                                         bool]:
    return {name: fn(facts) for name, fn in lambdas.items()}


# ---- timing helpers -----------------------------------------------------------------------


# In-process figures are the CPU time of this thread: on a shared machine, the time other
# processes hold the cores is not the engine's. The HTTP figures are wall time.
CLOCK = time.thread_time


def best_per_profile(fn: Callable[[Any], Any], profiles: Sequence[Any],
                     repeats: int) -> float:
    """Seconds per profile: the fastest of ``repeats`` passes over every profile."""
    best = math.inf
    for _ in range(repeats):
        began = CLOCK()
        for facts in profiles:
            fn(facts)
        best = min(best, (CLOCK() - began) / len(profiles))
    return best


def each_time(fn: Callable[[Facts], Any], profiles: Sequence[Facts]) -> list[float]:
    out = []
    for facts in profiles:
        began = CLOCK()
        fn(facts)
        out.append(CLOCK() - began)
    return out


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(pct / 100 * len(ordered)) - 1)]


def us(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} µs"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.2f} ms"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


# ---- (1) statuses beside lambdas and durable-rules ----------------------------------------


def bench_statuses(ruleset: Ruleset, as_of: dt.date, full: list[Facts], partial: list[Facts],
                   repeats: int) -> list[Row]:
    lambdas = build_lambdas(ruleset, as_of)
    wrong = sum(lambda_statuses(lambdas, f) != {k: v is TRUE for k, v in
                                                statuses(ruleset, f, as_of).items()}
                for f in full)
    engine = best_per_profile(lambda f: statuses(ruleset, f, as_of), full, repeats)
    plain = best_per_profile(lambda f: lambda_statuses(lambdas, f), full, repeats)
    engine_partial = best_per_profile(lambda f: statuses(ruleset, f, as_of), partial, repeats)
    durable = durable_per_profile(ruleset, as_of, full)
    ratio = engine / plain
    return [
        Row(f"entitlements in force on {as_of}", str(len(lambdas))),
        Row("statuses(), fully-known profile", us(engine)),
        Row("statuses(), partial profile", us(engine_partial)),
        Row("lambdas over a dict, fully-known profile", us(plain)),
        Row("  lambdas that disagree with statuses()", str(wrong), "0", verdict(wrong == 0)),
        Row("  ratio statuses() / lambdas", f"{ratio:.2f}x", "<= 1.0x", verdict(ratio <= 1.0)),
        Row("durable-rules, fully-known profile (assert + delete state)", us(durable[0])),
        Row("  durable-rules ruleset set-up, per batch of "
            f"{min(oracle.BATCH, len(full))}", ms(durable[1])),
        Row("  durable-rules that disagree with statuses()", str(durable[2]), "0",
            verdict(durable[2] == 0)),
        Row("  ratio durable-rules / statuses()", f"{durable[0] / engine:.1f}x", ">= 100x",
            verdict(durable[0] / engine >= 100)),
    ]


def durable_per_profile(ruleset: Ruleset, as_of: dt.date,
                        full: list[Facts]) -> tuple[float, float, int]:
    """Per-profile cost, set-up per batch, and disagreements; run in the oracle's child."""
    plans = oracle.translate_ruleset(ruleset, as_of)
    run = oracle.run_oracle(plans, [oracle.encode(ruleset, f) for f in full])
    batches = math.ceil(len(full) / oracle.BATCH)
    wrong = len(oracle.disagreements(ruleset, as_of, full, run.fired))
    return run.seconds / len(full), run.setup_seconds / batches, wrong


# ---- (2) the full answer ------------------------------------------------------------------


def bench_evaluate(ruleset: Ruleset, as_of: dt.date, mixed: list[Facts],
                   repeats: int) -> list[Row]:
    # Twice: every part built for each answer; and as the service runs it, with the parts
    # that do not depend on the profile shared between answers (service/engine/parts.py).
    cache = PartsCache()
    rows = []
    for label, shared in (("", None), (", shared parts", cache)):
        def answer(facts: Facts, shared: PartsCache | None = shared) -> Any:
            return evaluate(ruleset, facts, as_of, cache=shared)

        mean = best_per_profile(answer, mixed, repeats)
        times = each_time(answer, mixed)
        rows += [Row(f"evaluate(){label}, mixed profiles, mean", us(mean)),
                 Row(f"evaluate(){label}, mixed profiles, p99", us(percentile(times, 99)))]
    return rows + bench_answers(ruleset, as_of, mixed, repeats, cache)


def bench_answers(ruleset: Ruleset, as_of: dt.date, mixed: list[Facts], repeats: int,
                  cache: PartsCache) -> list[Row]:
    """The answers as POST /v1/eligibility sends them: worked out and written to JSON."""
    fragments = answers.Fragments()
    place = Place()

    def full(facts: Facts) -> bytes:
        return answers.full(evaluate(ruleset, facts, as_of, cache=cache), fragments)

    standings, lines = remembered(), Lines()  # as the service keeps them, across answers

    def brief(facts: Facts) -> bytes:
        return answers.brief(evaluate_brief(ruleset, Case(facts, place), as_of,
                                            standings=standings, lines=lines))

    # The memos (of standings; of the parts of full answers that read regions of her facts)
    # remember what they have seen: the first time through the profiles is what a stream of
    # new profiles costs; the passes after it, a caseload seen before.
    cold, cold_lines = remembered(), Lines()
    cold_parts, cold_fragments = PartsCache(), answers.Fragments()
    rows = [Row("brief answer as JSON, each profile the first time, mean",
                us(statistics.fmean(each_time(lambda facts: answers.brief(evaluate_brief(
                    ruleset, Case(facts, place), as_of, standings=cold, lines=cold_lines)),
                mixed)))),
            Row("full answer as JSON, each profile the first time, mean",
                us(statistics.fmean(each_time(lambda facts: answers.full(evaluate(
                    ruleset, facts, as_of, cache=cold_parts), cold_fragments), mixed))))]
    # As the screener asks: each survivor's profile once more after each answer, every
    # profile new, from memos that start empty
    asked, fresh, written = screener_steps(ruleset, as_of, mixed), PartsCache(), answers.Fragments()
    rows.append(Row(f"full answer as JSON, as a screener asks ({len(asked):,} answers), mean",
                    us(statistics.fmean(each_time(lambda facts: answers.full(evaluate(
                        ruleset, facts, as_of, cache=fresh), written), asked)))))
    rows.append(Row("full answer as JSON, a district each (of her State), mean",
                    us(placed_answers(ruleset, as_of, mixed))))
    for label, fn, limit in (("full", full, 300e-6), ("brief", brief, 100e-6)):
        mean = best_per_profile(fn, mixed, repeats)
        times = each_time(fn, mixed)
        rows += [Row(f"{label} answer as JSON, mixed profiles, mean", us(mean),
                     f"< {limit * 1e6:,.0f} µs", verdict(mean < limit)),
                 Row(f"{label} answer as JSON, mixed profiles, p99", us(percentile(times, 99)))]
    written = [evaluate(ruleset, facts, as_of, cache=cache) for facts in mixed[:1000]]
    adapter = TypeAdapter(Evaluation)
    for label, write in (("pydantic", adapter.dump_json),
                         ("orjson (api/answers.py)", lambda e: answers.full(e, fragments))):
        rows.append(Row(f"writing the full answer only, {label}, mean",
                        us(best_per_profile(write, written, repeats))))
    rows += bench_compression({"full": [full(f) for f in mixed[:200]],
                               "brief": [brief(f) for f in mixed[:1000]]}, repeats)
    sparse = len(brief({"age": 16}))
    rows.append(Row("brief answer for {age: 16}, bytes", f"{sparse:,}", "< 8,192",
                    verdict(sparse < 8192)))
    return rows


def placed_answers(ruleset: Ruleset, as_of: dt.date, mixed: list[Facts]) -> float:
    """Seconds a full answer, each profile naming a district of her State (``districts``),
    so each answer names its own local offices: the second pass, from memos that start
    empty (the first fills them)."""
    places = [Place(district=d, state=f.get("state"))
              for f, d in zip(mixed, districts(ruleset, mixed, 0), strict=True)]
    cache, fragments = PartsCache(), answers.Fragments()

    def full(i: int) -> bytes:
        return answers.full(evaluate(ruleset, mixed[i], as_of, place=places[i], cache=cache),
                            fragments)

    each_time(full, range(len(mixed)))
    return statistics.fmean(each_time(full, range(len(mixed))))


def screener_steps(ruleset: Ruleset, as_of: dt.date, profiles: Sequence[Facts],
                   survivors: int = 200, questions: int = 15) -> list[Facts]:
    """The profiles a screener sends for ``survivors`` caseworkers' cases at once, in turns:
    each starts from nothing and gains one fact after each answer, the one the answer asks
    first (or, when her profile does not have it, her next fact), for ``questions`` answers.
    Worked out beforehand, with memos of their own."""
    cases = [dict(p) for p in profiles[:survivors]]
    known: list[Facts] = [{} for _ in cases]
    cache, shuffle, out = PartsCache(), random.Random(0).shuffle, []
    for _ in range(questions):
        turns = list(range(len(cases)))
        shuffle(turns)
        for i in turns:
            out.append(dict(known[i]))
            asks = [q.fact for q in evaluate(ruleset, known[i], as_of, cache=cache).questions]
            name = next((f for f in [*asks, *cases[i]] if f in cases[i] and f not in known[i]),
                        None)
            if name is not None:
                known[i][name] = cases[i][name]
    return out


def bench_compression(written: Mapping[str, Sequence[bytes]], repeats: int) -> list[Row]:
    """What compressing an answer costs, one body at once as the service's middleware does it:
    gzip at its level and at Starlette's default (9), zstd and brotli at its levels."""
    def gzip(level: int) -> Callable[[bytes], bytes]:
        def compress(body: bytes) -> bytes:
            stream = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            return stream.compress(body) + stream.flush()
        return compress

    codings = [(f"gzipping the {{}} answer at level {level}"
                + (" (the service's)" if level == GZIP_LEVEL else ""), gzip(level))
               for level in sorted({GZIP_LEVEL, 9})]
    codings += [(f"zstd for the {{}} answer at level {ZSTD_LEVEL} (the service's)",
                 zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress),
                (f"brotli for the {{}} answer at quality {BROTLI_QUALITY} (the service's)",
                 functools.partial(brotli.compress, quality=BROTLI_QUALITY))]
    rows = []
    for label, bodies in written.items():
        plain = statistics.fmean(map(len, bodies))
        for name, compress in codings:
            size = statistics.fmean(len(compress(b)) for b in bodies)
            rows.append(Row(name.format(label)
                            + f", mean; {plain / 1024:,.1f} KB -> {size / 1024:,.1f} KB",
                            us(best_per_profile(compress, bodies, repeats))))
    return rows


# ---- (3) HTTP -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SERVICE = "api.app:create_app"
FLOOR = "bench.floor:create_app"  # the minimal FastAPI app: the most the framework allows


def start_server(port: int, rules: Path, log: Any, workers: int = 1,
                 app: str = SERVICE, root: Path = ROOT,
                 wrap: Sequence[str] = ()) -> subprocess.Popen[bytes]:
    """``root``: the checkout the server runs in, whose code it serves; ``wrap``: a command
    the server runs under (valgrind's, in ``bench/instructions.py``)."""
    # No access log: one line per request would measure the terminal, not the service.
    command = [*wrap, sys.executable, "-m", "uvicorn", app, "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
               "--no-access-log", "--workers", str(workers)]
    # The rate limits stay on (their cost is part of every request) but far above what one
    # load generator sends from one address.
    env = {**os.environ, "ADHIKAR_RULES_DIR": str(rules),
           "ADHIKAR_RATE_PER_CLIENT": "100000000"}
    return subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(base: str, server: subprocess.Popen[bytes], log_path: str,
               timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}:\n"
                               + Path(log_path).read_text()[-3000:])
        try:
            if httpx.get(f"{base}/readyz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server was not ready within {timeout:.0f} s")


def request_body(facts: Facts, as_of: dt.date, detail: str = "full",
                 district: str | None = None) -> bytes:
    asked = {"profile": oracle.as_sent(facts), "as_of": as_of.isoformat(), "detail": detail}
    if district is not None:
        asked["district"] = district
    return json.dumps(asked).encode()


def districts(ruleset: Ruleset, profiles: Sequence[Facts], seed: int) -> list[str | None]:
    """For each profile, a district of her State drawn from the rules' list (none where her
    State is not known): answers from across India, each naming its own local offices."""
    rng = random.Random(seed)
    listed = ruleset.places.by_state
    return [rng.choice(listed[f["state"]]).name if f.get("state") in listed else None
            for f in profiles]


def http_request(body: bytes, port: int, address: str | None = None,
                 accept: str | None = None, language: str | None = None) -> bytes:
    """``address``: the client address the request says it comes from (X-Forwarded-For,
    which uvicorn believes from 127.0.0.1); ``accept``: the Accept-Encoding it sends;
    ``language``: its Accept-Language."""
    forwarded = f"X-Forwarded-For: {address}\r\n" if address else ""
    encoding = f"Accept-Encoding: {accept}\r\n" if accept else ""
    asked = f"Accept-Language: {language}\r\n" if language else ""
    head = (f"POST /v1/eligibility HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{forwarded}"
            f"{encoding}{asked}Content-Type: application/json\r\nContent-Length: {len(body)}"
            "\r\n\r\n")
    return head.encode() + body


def address(i: int) -> str:
    """The i-th of many client addresses (10.0.0.0/8)."""
    return f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"


async def read_response(reader: asyncio.StreamReader) -> int:
    """The status code; the body is read and dropped. Keep-alive needs Content-Length."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    if "content-length" not in headers:
        raise RuntimeError("a response without Content-Length: " + lines[0])
    await reader.readexactly(int(headers["content-length"]))
    return int(lines[0].split()[1])


async def client(port: int, requests: list[bytes], order: Iterator[int],
                 latencies: list[float], failures: list[int]) -> None:
    """One keep-alive connection, sending one request at a time until ``order`` runs out."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for i in order:  # shared by every client: each index is sent once
            began = time.perf_counter()
            writer.write(requests[i % len(requests)])
            status = await read_response(reader)
            latencies.append(time.perf_counter() - began)
            if status != 200:
                failures.append(status)
    finally:
        writer.close()
        await writer.wait_closed()


async def drive(port: int, requests: list[bytes], total: int, concurrency: int,
                start: int = 0) -> tuple[float, list[float], list[int]]:
    """``total`` requests, from ``requests[start]`` on."""
    latencies: list[float] = []
    failures: list[int] = []
    order = iter(range(start, start + total))
    began = time.perf_counter()
    await asyncio.gather(*(client(port, requests, order, latencies, failures)
                           for _ in range(concurrency)))
    return time.perf_counter() - began, latencies, failures


def bench_http(rules: Path, as_of: dt.date, mixed: list[Facts], sizes: Sizes,
               workers: int = 1, details: Sequence[str] = DETAILS) -> list[Row]:
    """The floor first, then the service for each detail asked for."""
    floor = serve_and_drive(FLOOR, rules, as_of, mixed, sizes, workers, "brief")
    rows = [Row(f"floor (minimal FastAPI), {r.measure}", r.value) for r in floor]
    floor_rps = per_second(floor)  # at the highest concurrency
    for detail in details:
        found = serve_and_drive(SERVICE, rules, as_of, mixed, sizes, workers, detail)
        rows += [Row(f"{detail}: {r.measure}", r.value, r.target, r.verdict) for r in found]
        rps = per_second(found)
        share = rps / floor_rps
        rows.append(Row(f"{detail}: share of the floor at concurrency {CONCURRENCY[-1]}",
                        f"{share:.2f}", ">= 0.33" if detail == "brief" else "",
                        verdict(share >= 1 / 3) if detail == "brief" else ""))
        if detail == "brief":  # one client: its leases of permits hold 64 requests each
            rows.append(Row(f"brief: requests per second at concurrency {CONCURRENCY[-1]}",
                            f"{rps:,.0f}", ">= 2,000", verdict(rps >= 2000)))
    return rows


def serve_and_drive(app: str, rules: Path, as_of: dt.date, mixed: list[Facts], sizes: Sizes,
                    workers: int, detail: str, root: Path = ROOT) -> list[Row]:
    """``detail``: full, brief, many (brief answers, each request from an address of its
    own), or full or brief asked compressed as a client asks (``ACCEPT``): full-gzip,
    brief-gzip, full-chrome, brief-chrome."""
    import httpx

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    many = detail == "many"
    detail, _, client = ("brief" if many else detail).partition("-")
    accept = ACCEPT.get(client)
    requests = [http_request(request_body(f, as_of, detail), port,
                             address(i) if many else None, accept)
                for i, f in enumerate(mixed)]
    rows = []
    with tempfile.NamedTemporaryFile("w+b", suffix=".log") as log:
        server = start_server(port, rules, log, workers, app, root)
        try:
            wait_ready(base, server, log.name)
            first = httpx.post(f"{base}/v1/eligibility",
                               content=request_body(mixed[0], as_of, detail),
                               headers={"content-type": "application/json",
                                        "accept-encoding": accept or "identity"},
                               timeout=10)
            if first.status_code != 200:
                raise RuntimeError(f"POST /v1/eligibility gave {first.status_code}: "
                                   f"{first.text[:500]}")
            coding = first.headers.get("content-encoding")
            if accept and app == SERVICE and coding not in accept.split(", "):
                raise RuntimeError(f"asked for {accept}, the answer came as {coding}")
            asyncio.run(drive(port, requests, sizes.warmup, 4))
            # Each run goes on where the last stopped: with many, no address comes twice.
            for turn, concurrency in enumerate(CONCURRENCY):
                used = server_cpu_seconds(server.pid)
                rows += http_rows(concurrency, *asyncio.run(drive(
                    port, requests, sizes.requests, concurrency,
                    start=sizes.warmup + turn * sizes.requests)))
                if used is not None and (now := server_cpu_seconds(server.pid)) is not None:
                    rows.append(Row(f"HTTP concurrency {concurrency}: server CPU a request",
                                    us((now - used) / sizes.requests)))
            rss = worker_rss_mb(server.pid)
            if rss is not None and app == SERVICE:
                rows.append(Row("service worker RSS after the requests, MB", f"{rss:,.0f}",
                                "< 150", verdict(rss < 150)))
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return rows


def worker_rss_mb(pid: int) -> float | None:
    """The resident memory of the largest of the server's processes (the worker itself with
    one worker; with several, the biggest of them), from /proc: None where there is none."""
    def rss(one: int) -> float:
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    return _over_server(pid, rss, max)


def server_cpu_seconds(pid: int) -> float | None:
    """CPU seconds the server's processes have used (user and system, every thread: a
    compression handed to a thread counts too), from /proc: what a request costs whatever
    the client takes from the same cores. None where there is no /proc."""
    def used(one: int) -> float:
        fields = Path(f"/proc/{one}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime

    return _over_server(pid, used, sum)


def _over_server(pid: int, read: Callable[[int], float],
                 combine: Callable[[Iterator[float]], float]) -> float | None:
    """``combine`` of ``read`` over the server's process and its children (the workers),
    from /proc: None where there is none."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return combine(read(one) for one in [pid, *map(int, children)])
    except OSError:
        return None


def per_second(rows: list[Row]) -> float:
    wanted = f"HTTP concurrency {CONCURRENCY[-1]}: requests per second"
    return float(next(r.value for r in rows if r.measure == wanted).replace(",", ""))


def http_rows(concurrency: int, wall: float, latencies: list[float],
              failures: list[int]) -> list[Row]:
    p99 = percentile(latencies, 99)
    target = "< 25 ms" if concurrency == 32 else ""
    return [
        Row(f"HTTP concurrency {concurrency}: requests per second",
            f"{len(latencies) / wall:,.0f}"),
        Row(f"HTTP concurrency {concurrency}: p50 latency", ms(percentile(latencies, 50))),
        Row(f"HTTP concurrency {concurrency}: p99 latency", ms(p99), target,
            verdict(p99 < 0.025) if target else ""),
        Row(f"HTTP concurrency {concurrency}: non-200 answers", str(len(failures)), "0",
            verdict(not failures)),
    ]


# ---- the run ------------------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("measure", "value", "target")]
    header = Row("measure", "value", "target", "")
    for row in [header, *rows]:
        print(f"{row.measure:<{widths[0]}}  {row.value:>{widths[1]}}  "
              f"{row.target:<{max(widths[2], 6)}}  {row.verdict}".rstrip())


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules", help="rules directory")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 28))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-http", action="store_true", help="skip the server figures")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--detail", choices=DETAILS, action="append",
                        help="the answer the HTTP requests ask for; many: brief answers, "
                        "each request from a client address of its own; full-gzip and "
                        "brief-gzip: asked for gzipped; full-chrome and brief-chrome: asked "
                        "as Chrome asks (default: all seven, in turn)")
    return parser.parse_args(argv)


def drawn(ruleset: Ruleset, n: int,
          seed: int) -> tuple[list[Facts], list[Facts], list[Facts]]:
    """N fully-known profiles, N partial ones (each fact present with probability 0.6), and
    the two taken in turns: what the figures here are measured on."""
    full = oracle.random_profiles(ruleset, n, seed)
    partial = oracle.random_profiles(ruleset, n, seed + 1, known=0.6)
    return full, partial, [p for pair in zip(full, partial, strict=True) for p in pair]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = QUICK if args.quick else FULL
    ruleset = load_ruleset(args.rules)
    full, partial, mixed = drawn(ruleset, sizes.profiles, args.seed)
    print(f"rules {ruleset.name} {ruleset.version} ({ruleset.digest[:19]}), as of {args.as_of}, "
          f"{sizes.profiles} fully-known + {sizes.profiles} partial profiles, "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs", flush=True)
    rows = bench_statuses(ruleset, args.as_of, full, partial, sizes.repeats)
    rows += bench_evaluate(ruleset, args.as_of, mixed, sizes.repeats)
    if not args.no_http:
        rows += bench_http(args.rules, args.as_of, mixed, sizes, args.workers,
                           args.detail or DETAILS)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
