"""adhikar batch INPUT OUTPUT: screen a file of profiles, on this machine or a Dask cluster."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from service.batch import sources
from service.batch.formats import UnknownFormat
from service.batch.run import CHUNK, Summary, screen_file
from service.batch.table import Layout
from service.cli.common import add_as_of, add_rules_dir, relative, today
from service.errors import RulesetInvalid, RulesetMismatch


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "batch", help="screen a file of profiles: a row per profile and entitlement",
        description="Screen every profile in INPUT (CSV with a column per fact, JSON lines, "
        "or Parquet; an `id` column or key names each) on one date, and write to OUTPUT "
        "(.csv, .jsonl or .parquet) one row per profile and entitlement: status, the rupees "
        "of its first year (amount_min, amount_max) and the facts that would decide it. "
        "Streams in chunks on every core. See docs/batch.md.")
    parser.add_argument("input", type=Path, metavar="INPUT")
    parser.add_argument("output", type=Path, metavar="OUTPUT")
    parser.add_argument("--wide", action="store_true",
                        help="one row per profile, four columns per entitlement")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="processes on this machine (default: every core)")
    parser.add_argument("--chunk", type=int, default=CHUNK, metavar="N",
                        help=f"profiles per chunk (default {CHUNK})")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="run on the Dask cluster whose scheduler is at ADDRESS "
                        "(tcp://host:8786); the workers must see the same rules directory")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_as_of(parser)
    add_rules_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.chunk < 1 or (args.workers is not None and args.workers < 1):
        print("--chunk and --workers must be at least 1", file=sys.stderr)
        return 2
    if not args.input.is_file():
        print(f"{args.input}: no such file", file=sys.stderr)
        return 2
    layout: Layout = "wide" if args.wide else "long"
    try:
        if args.scheduler:
            from service.batch import cluster  # dask is imported only when asked for
            summary = cluster.screen_on_cluster(args.scheduler, args.input, args.output,
                                                args.rules_dir, today(args.as_of),
                                                layout=layout)
        else:
            with _progress(args.input, quiet=args.quiet) as advance:
                summary = screen_file(args.input, args.output, args.rules_dir,
                                      today(args.as_of), layout=layout, workers=args.workers,
                                      chunk=args.chunk, progress=advance)
    except UnknownFormat as exc:
        print(exc, file=sys.stderr)
        return 2
    except RulesetInvalid as exc:
        for error in exc.errors:
            print(relative(args.rules_dir, str(error)), file=sys.stderr)
        print(f"{len(exc.errors)} error(s); nothing screened", file=sys.stderr)
        return 1
    except RulesetMismatch as exc:
        print(exc, file=sys.stderr)
        return 1
    _report(summary, args.output)
    return 0


@contextlib.contextmanager
def _progress(source: Path, *, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on a terminal; nothing when piped, redirected or ``--quiet``."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("screening", total=sources.count(source))
        yield lambda n: bar.advance(task, n)


def _report(summary: Summary, target: Path) -> None:
    invalid = (f"; {summary.invalid} could not be read (see the error column)"
               if summary.invalid else "")
    print(f"screened {summary.profiles} profile(s) into {target} with rules "
          f"{summary.digest[:19]}{invalid}", file=sys.stderr)
