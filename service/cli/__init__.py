"""`adhikar`: the analyst's command line. Exit 0 ok, 1 findings or failures, 2 usage.

Each command calls the same ``service`` functions as the API; nothing here imports ``api``.
"""

from __future__ import annotations

import argparse
import sys

from service.cli import (
    batch,
    catalogue,
    check,
    common,
    compensation,
    impact,
    keys,
    lint,
    migrate,
    places,
    purge,
    schema,
    serve,
    test,
    translate,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="adhikar", description="Check, test, explain and publish adhikar's rule files; "
        "manage API keys.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (lint, test, check, compensation, impact, batch, schema, catalogue, serve,
                   keys, migrate, translate, purge, places):
        module.configure(sub)
    args = parser.parse_args(argv)
    common.settle_rules_dir(args)
    try:
        code: int = args.run(args)
    except BrokenPipeError:  # `adhikar check ... | head`
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
