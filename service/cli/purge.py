"""adhikar purge: erase the cases kept longer than the retention period.

    adhikar purge                  # dry run: how many cases of each organisation are due
    adhikar purge --yes            # erase them (each leaves a tombstone with counts)
    adhikar purge --days 730 --yes

A case is due when it has had no screening and no change to its claims for ``--days``
(default ADHIKAR_RETENTION_DAYS, else 1095, three years) and none of its claims is open.
Answers kept for retries with an Idempotency-Key go once their 24 hours are over, whatever
``--days`` says. Only counts are printed, never case references.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections import Counter
from typing import Any

from service.errors import NotFound, StoreUnavailable
from service.store import erasure, idempotency, retention
from service.store.database import Database, default_url

DEFAULT_DAYS = 1095


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "purge", help="erase cases kept longer than the retention period (dry run unless "
        "--yes)", description=__doc__.split("\n\n")[-1] if __doc__ else None)
    parser.add_argument("--days", type=int, default=None, metavar="N",
                        help="the retention period in days (default ADHIKAR_RETENTION_DAYS, "
                        f"else {DEFAULT_DAYS})")
    parser.add_argument("--yes", action="store_true", help="erase them; without it, only "
                        "count them")
    parser.add_argument("--database-url", default=None, metavar="URL",
                        help="instead of DATABASE_URL")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    days = args.days if args.days is not None else int(
        os.environ.get("ADHIKAR_RETENTION_DAYS") or DEFAULT_DAYS)
    if days < 1:
        print("purge: --days must be at least 1", file=sys.stderr)
        return 2
    now = dt.datetime.now(dt.UTC)
    db = Database(args.database_url or os.environ.get("DATABASE_URL") or default_url())
    try:
        with db.session() as session:
            cases = retention.due(session, before=now - dt.timedelta(days=days))
            by_org = Counter(org for org, _ in cases)
            verb = "erased" if args.yes else "due (dry run: --yes erases them)"
            for org, ref in cases if args.yes else ():
                try:
                    erasure.erase(session, org=org, case_ref=ref, key_id=None, now=now)
                except NotFound:
                    continue  # erased meanwhile
            for org, count in sorted(by_org.items()):
                print(f"{org}: {count} case(s) {verb}")
            print(f"{len(cases)} case(s) with no activity for {days} days {verb}")
            answers = (idempotency.expire(session, now=now) if args.yes
                       else idempotency.expired(session, now=now))
            print(f"{answers} answer(s) kept for retries, past their "
                  f"{idempotency.WINDOW_HOURS} hours, {'dropped' if args.yes else 'due'}")
        return 0
    except StoreUnavailable as exc:
        print(f"purge: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
