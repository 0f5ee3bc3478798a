"""adhikar migrate: bring the database at DATABASE_URL to the latest schema, then exit.

For a cluster: one Job runs it before the replicas start with ADHIKAR_MIGRATE_ON_START=false,
so that no replica migrates while others serve.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from service.store.database import Database, default_url


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "migrate", help="migrate the database to the latest schema",
        description="Run the bundled migrations on DATABASE_URL (default: data/adhikar.db).")
    parser.add_argument("--database-url", default=None, metavar="URL",
                        help="instead of DATABASE_URL")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = Database(args.database_url or os.environ.get("DATABASE_URL") or default_url())
    try:
        if not db.open():
            print(f"migrate: {db.problem}", file=sys.stderr)
            return 1
        print("migrate: the database is at the latest schema", file=sys.stderr)
        return 0
    finally:
        db.dispose()
