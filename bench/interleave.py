"""The HTTP figures of two checkouts, taken in turns: before and after a change, on a machine
whose speed moves from one minute to the next.

    .venv/bin/python bench/interleave.py ../before . --rounds 5 --detail brief

Each round serves the minimal FastAPI floor, then each checkout (its own code, its own
`uvicorn api.app:create_app`), and drives each with `bench/run.py`'s client at concurrency 32
on the same profiles. Prints every round, then the medians: requests per second, p99, the
share of the floor taken in the same round, the server's CPU a request (every thread of it:
what a request costs whatever the client takes from the same cores), and the service
worker's memory after the requests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402
from service.rules.load import load_ruleset  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("checkouts", nargs=2, type=Path, help="before, after")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--detail", choices=run.DETAILS, default="brief")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rules = ROOT / "rules"
    ruleset = load_ruleset(rules)
    as_of = dt.date(2026, 11, 28)
    _, _, mixed = run.drawn(ruleset, run.FULL.profiles, args.seed)
    # Named by their place in the command too, so that a checkout against itself (how much
    # the machine alone moves the figures) is two columns.
    checkouts = {f"{label} {path}": path for label, path in zip(("before", "after"),
                                                                 args.checkouts, strict=True)}
    names = ["floor", *checkouts]
    seen: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    rss: dict[str, list[float]] = {name: [] for name in names}  # the service's worker only
    cpu: dict[str, list[float]] = {name: [] for name in names}  # µs of server CPU a request
    for round_ in range(1, args.rounds + 1):
        for name in names:
            if name == "floor":
                rows = run.serve_and_drive(run.FLOOR, rules, as_of, mixed, run.FULL, 1, "brief")
            else:
                rows = serve_checkout(checkouts[name], as_of, mixed, args.detail)
            p99 = next(r.value for r in rows if r.measure.endswith("32: p99 latency"))
            seen[name].append((run.per_second(rows), float(p99.split()[0].replace(",", ""))))
            rss[name] += [float(r.value) for r in rows
                          if r.measure.startswith("service worker RSS")]
            cpu[name] += [float(r.value.split()[0].replace(",", "")) for r in rows
                          if r.measure.endswith("32: server CPU a request")]
        print(f"round {round_}: " + ", ".join(
            f"{name} {seen[name][-1][0]:,.0f}/s p99 {seen[name][-1][1]:.1f} ms"
            + (f" CPU {cpu[name][-1]:,.0f} µs" if cpu[name] else "")
            + (f" RSS {rss[name][-1]:.0f} MB" if rss[name] else "")
            for name in names), flush=True)
    floors = [rps for rps, _ in seen["floor"]]
    for name in names:
        rates = [rps for rps, _ in seen[name]]
        shares = [rps / floor for rps, floor in zip(rates, floors, strict=True)]
        print(f"{name}: median {statistics.median(rates):,.0f}/s (from {min(rates):,.0f} to "
              f"{max(rates):,.0f}), p99 {statistics.median(p for _, p in seen[name]):.1f} ms, "
              f"share of the floor {statistics.median(shares):.2f}"
              + (f", server CPU {statistics.median(cpu[name]):,.0f} µs a request"
                 if cpu[name] else "")
              + (f", worker RSS {statistics.median(rss[name]):.0f} MB" if rss[name] else ""))
    return 0


def serve_checkout(checkout: Path, as_of: dt.date, mixed: list[run.Facts],
                   detail: str) -> list[run.Row]:
    """``run.serve_and_drive`` with the server started in ``checkout``, on its own code and
    rules."""
    return run.serve_and_drive(run.SERVICE, checkout / "rules", as_of, mixed, run.FULL, 1,
                               detail, root=checkout.resolve())


if __name__ == "__main__":
    sys.exit(main())
