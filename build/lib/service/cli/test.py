"""adhikar test [RULES_DIR]: run every example embedded in the rule files."""

from __future__ import annotations

import argparse
from typing import Any

from service.cli.common import add_rules_dir, load_or_report, relative
from service.cli.progress import tracked
from service.engine.examples import run_example


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "test", help="run the examples embedded in the rule files",
        description="Run every example of every rule file; print each failure with the "
        "expected and actual status and amounts, and the clauses that decided it.")
    add_rules_dir(parser, positional=True)
    parser.add_argument("-k", dest="only", metavar="TEXT",
                        help="only entitlements or examples whose id or name contains TEXT")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    ruleset = load_or_report(args.rules_dir)
    if ruleset is None:
        return 1
    passed = failed = 0
    every = [(ent, i, ex) for ent in ruleset.entitlements.values()
             for i, ex in enumerate(ent.examples)]
    for ent, i, example in tracked(every, "examples", total=len(every)):
        if args.only and args.only not in ent.id and args.only not in example.name:
            continue
        outcome = run_example(ruleset, ent, example, i)
        if outcome.passed:
            passed += 1
            continue
        failed += 1
        pos = ruleset.files_read[ent.file].at(("examples", i))
        where = relative(args.rules_dir, f"{ent.file}:{pos.line}:{pos.col}")
        print(f"FAIL {where}: {ent.id}: {example.name}")
        for problem in outcome.problems:
            print(f"    {problem}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
