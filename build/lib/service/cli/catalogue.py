"""adhikar catalogue: write docs/catalogue.md, the page a DLSA or an NGO would print."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from service.catalogue import render
from service.cli.common import add_rules_dir, load_or_report

OUT = Path(__file__).resolve().parents[2] / "docs" / "catalogue.md"


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "catalogue", help="write the printable catalogue of entitlements (Markdown)",
        description="Write every entitlement (who qualifies, amounts, office, documents, "
        "legal basis, versions, sources) and the table of needs it serves.")
    parser.add_argument("--out", type=Path, default=OUT, metavar="FILE",
                        help="where to write it; - for standard output")
    add_rules_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    ruleset = load_or_report(args.rules_dir)
    if ruleset is None:
        return 1
    page = render(ruleset)
    if str(args.out) == "-":
        print(page, end="")
    else:
        args.out.write_text(page, encoding="utf-8")
        print(args.out)
    return 0
