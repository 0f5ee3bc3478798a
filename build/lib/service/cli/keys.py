"""adhikar keys: create, list and revoke API keys, in the database at DATABASE_URL.

    adhikar keys create --org sanjog --role caseworker --label "Purulia field team"
    adhikar keys list
    adhikar keys revoke ID

A new key is printed once; only its hash is kept. The database is migrated first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import Any

from service.errors import InvalidInput, NotFound, StoreUnavailable
from service.store import keys
from service.store.database import Database, default_url


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "keys", help="create, list and revoke API keys",
        description="Manage API keys in the database named by DATABASE_URL (default: "
        "data/adhikar.db). A key belongs to one organisation and has one role: caseworker "
        "(screenings and claims of her organisation, and its reports), analyst (reports "
        "only) or admin (everything, every organisation, and rule reloads).")
    parser.add_argument("--database-url", default=None, metavar="URL",
                        help="instead of DATABASE_URL")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="make a key and print it once")
    create.add_argument("--org", required=True, help="the organisation, e.g. sanjog")
    create.add_argument("--role", required=True, choices=keys.ROLES)
    create.add_argument("--label", default=None, help="who or what holds it")
    actions.add_parser("list", help="every key: id, prefix, organisation, role, state")
    revoke = actions.add_parser("revoke", help="revoke a key at once")
    revoke.add_argument("id", metavar="ID", help="the key's id (or its prefix)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    url = args.database_url or os.environ.get("DATABASE_URL") or default_url()
    db = Database(url)
    try:
        with db.session() as session:
            return _act(args, session)
    except StoreUnavailable as exc:
        print(f"keys: {exc}", file=sys.stderr)
        return 1
    except InvalidInput as exc:
        for loc, _, msg in exc.problems:
            print(f"keys: --{loc[-1]}: {msg}", file=sys.stderr)
        return 2
    except NotFound:
        print(f"keys: no key with id or prefix {args.id!r}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _act(args: argparse.Namespace, session: Any) -> int:
    now = dt.datetime.now(dt.UTC)
    if args.action == "create":
        made = keys.create(session, org=args.org, role=args.role, label=args.label, now=now)
        print(made.key)
        print(f"id {made.row.id}  org {made.row.org}  role {made.row.role}: keep the key "
              "safe; it is shown only this once", file=sys.stderr)
        return 0
    if args.action == "revoke":
        row = keys.revoke(session, args.id, now=now)
        print(f"revoked {row.id} ({row.org}, {row.role})")
        return 0
    rows = keys.listing(session)
    print(f"{'id':32}  {'prefix':8}  {'org':16}  {'role':10}  {'created':10}  state  label")
    for row in rows:
        state = "revoked" if row.revoked_at else "active"
        print(f"{row.id:32}  {row.prefix:8}  {row.org:16}  {row.role:10}  "
              f"{row.created_at:%Y-%m-%d}  {state:7}{row.label or ''}")
    return 0
