"""adhikar check PROFILE.json and adhikar explain ENTITLEMENT PROFILE.json."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from service.cli import text
from service.cli.common import add_as_of, add_rules_dir, load_case, today
from service.engine.evaluate import evaluate_case
from service.engine.explain import all_reasons
from service.engine.result import Evaluation
from service.rules.ruleset import Ruleset
from service.text.words import english


def configure(sub: Any) -> None:
    check = sub.add_parser(
        "check", help="every entitlement for one profile, as a table (or --json)",
        description="Evaluate one profile (a JSON file of facts, or {\"profile\": {...}, "
        "\"documents_held\": [...], \"district\": ...}) and print status, amount, office and "
        "missing documents for each entitlement, then the next questions to ask.")
    check.add_argument("profile", type=Path, metavar="PROFILE.json")
    check.add_argument("--json", action="store_true", help="the API's JSON answer instead")
    add_as_of(check)
    add_rules_dir(check)
    check.set_defaults(run=run_check)
    explain = sub.add_parser(
        "explain", help="one entitlement, clause by clause, for one profile",
        description="Show each condition of the version in force, the values it saw and its "
        "result; then each benefit and how its amount was found.")
    explain.add_argument("entitlement", metavar="ENTITLEMENT")
    explain.add_argument("profile", type=Path, metavar="PROFILE.json")
    add_as_of(explain)
    add_rules_dir(explain)
    explain.set_defaults(run=run_explain)


def _evaluate(args: argparse.Namespace) -> tuple[Ruleset, Mapping[str, Any], Evaluation] | int:
    loaded = load_case(args)
    if isinstance(loaded, int):
        return loaded
    ruleset, case = loaded
    return ruleset, case.facts, evaluate_case(ruleset, case, today(args.as_of))


def run_check(args: argparse.Namespace) -> int:
    evaluated = _evaluate(args)
    if isinstance(evaluated, int):
        return evaluated
    answer = evaluated[2]
    if args.json:
        print(json.dumps(TypeAdapter(Evaluation).dump_python(answer, mode="json"), indent=2,
                         ensure_ascii=False))
    else:
        print(text.check_table(answer))
    return 0


def run_explain(args: argparse.Namespace) -> int:
    evaluated = _evaluate(args)
    if isinstance(evaluated, int):
        return evaluated
    ruleset, facts, answer = evaluated
    result = next((r for r in answer.results if r.entitlement == args.entitlement), None)
    ent = ruleset.entitlements.get(args.entitlement)
    version = ent.version_on(answer.as_of, facts.get("state")) if ent else None
    if result is None or version is None:
        print(f"{args.entitlement!r}: no such entitlement in force on {answer.as_of}")
        return 2
    reasons = all_reasons(version.clauses, facts, english(ruleset))
    print(text.explanation(result, answer.as_of, reasons,
                           [ruleset.parameters[p] for p in ent.parameters] if ent else ()))
    return 0
