"""What the commands share: where the rules are, loading them, reading a profile."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from service.dates import india_today
from service.engine.case import Case
from service.errors import InvalidProfile, RulesetInvalid
from service.resources import default_rules_dir
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset
from service.text import ENGLISH, Words, choose_language, words_for

DEFAULT_HELP = ("the rules directory (default: ADHIKAR_RULES_DIR, else ./rules when it exists, "
                "else the bundled rules)")


def add_rules_dir(parser: argparse.ArgumentParser, *, positional: bool = False) -> None:
    if positional:
        parser.add_argument("rules_dir", nargs="?", type=Path, default=None,
                            metavar="RULES_DIR", help=DEFAULT_HELP)
    else:
        parser.add_argument("--rules", dest="rules_dir", type=Path, default=None,
                            metavar="DIR", help=DEFAULT_HELP)


def settle_rules_dir(args: argparse.Namespace) -> None:
    """Fill in the rules directory the way the service finds it, and say which one (on
    stderr, so that JSON on stdout stays clean)."""
    if not hasattr(args, "rules_dir"):
        return
    if args.rules_dir is None:
        args.rules_dir = default_rules_dir()
    print(f"adhikar: rules from {args.rules_dir}", file=sys.stderr)


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=_date, default=None, metavar="DATE",
                        help="evaluate on this date, YYYY-MM-DD (default: today)")


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", default=ENGLISH, metavar="LANG",
                        help="the language of the answer's texts: en (default), hi, bn, or any "
                        "language with a catalogue in the rules' text/; others fall back to "
                        "English")


def words_of(args: argparse.Namespace, ruleset: Ruleset) -> Words:
    """The ``Words`` of the language ``--lang`` names (English when it has no catalogue)."""
    return words_for(ruleset, choose_language(ruleset.catalogues, getattr(args, "lang", None)))


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def load_or_report(rules_dir: Path) -> Ruleset | None:
    """The ruleset, or None after printing every error as file:line:col: CODE message."""
    try:
        return load_ruleset(rules_dir)
    except RulesetInvalid as exc:
        for error in exc.errors:
            print(relative(rules_dir, str(error)), file=sys.stderr)
        print(f"{len(exc.errors)} error(s); nothing loaded", file=sys.stderr)
        return None


def relative(rules_dir: Path, line: str) -> str:
    # Name files from the working directory, so that editors and grep can follow them.
    try:
        prefix = rules_dir.resolve().relative_to(Path.cwd())
    except ValueError:
        prefix = rules_dir
    return f"{prefix.as_posix().rstrip('/')}/{line}"


def read_profile(path: Path) -> dict[str, Any]:
    """A profile file: {"age": 16, ...} or {"profile": {...}, "documents_held": [...]}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("a profile file holds one JSON object")
    return data


def profile_parts(data: dict[str, Any]) -> tuple[dict[str, Any], list[str] | None, str | None]:
    if "profile" in data:
        return data["profile"], data.get("documents_held"), data.get("district")
    return data, None, None


def load_case(args: argparse.Namespace) -> tuple[Ruleset, Case] | int:
    """The rules and the case at ``args.profile``, or an exit code after saying what is wrong."""
    ruleset = load_or_report(args.rules_dir)
    if ruleset is None:
        return 1
    try:
        raw, held, district = profile_parts(read_profile(args.profile))
        case = Case.read(ruleset, raw, district=district, documents_held=held)
    except (OSError, ValueError) as exc:
        print(f"{args.profile}: cannot read the profile: {exc}", file=sys.stderr)
        return 2
    except InvalidProfile as exc:
        return report_invalid(exc)
    return ruleset, case


def report_invalid(exc: InvalidProfile) -> int:
    for fact, problem in exc.problems:
        print(f"profile: {fact} {problem}", file=sys.stderr)
    return 1


def today(as_of: dt.date | None) -> dt.date:
    return as_of or india_today()
