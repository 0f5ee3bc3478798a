"""adhikar lint [RULES_DIR]: every problem at once, as file:line:col: CODE message."""

from __future__ import annotations

import argparse
from typing import Any

from service.cli import translate
from service.cli.common import add_rules_dir, load_or_report, relative
from service.rules.lint import errors_only, lint
from service.text import catalogues


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "lint", help="check rule files: schema, types, dates, reachability, sources",
        description="Load and check every rule file. Prints each problem as "
        "file:line:col: CODE message; E codes are errors, W codes warnings. Exit 1 on any "
        "error (or, with --strict, any warning).")
    add_rules_dir(parser, positional=True)
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    ruleset = load_or_report(args.rules_dir)
    if ruleset is None:
        return 1
    findings = lint(ruleset)
    for finding in findings:
        print(relative(args.rules_dir, str(finding)))
    errors = errors_only(findings)
    warnings = len(findings) - len(errors)
    print(f"{len(ruleset.entitlements)} entitlements, {ruleset.files} files: "
          f"{len(errors)} error(s), {warnings} warning(s)")
    for code, catalogue in sorted(ruleset.catalogues.items()):
        print(translate.line(catalogues.coverage(code, ruleset.english, catalogue.texts)))
    return 1 if errors or (args.strict and warnings) else 0
