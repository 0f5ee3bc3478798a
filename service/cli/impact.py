"""adhikar impact --base REV_OR_DIR: whom a rule change affects, on a corpus of profiles."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

from service import corpus
from service.cli.common import add_as_of, add_rules_dir, load_or_report, today
from service.cli.progress import tracked
from service.impact import Amounts, Impact, Money, Totals, impact

EXAMPLES = 3


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "impact", help="compare two rule sets on a corpus of profiles",
        description="Run the same profiles through the rules at --base (a git revision, or a "
        "directory) and the rules now, and report which entitlements changed status or "
        "amount, for how many profiles, with examples. Attach it to a rule change.")
    parser.add_argument("--base", required=True, metavar="REV_OR_DIR",
                        help="a rules directory, or a git revision (its rules/ folder)")
    parser.add_argument("--profiles", type=Path, default=corpus.BUNDLED, metavar="FILE",
                        help="JSON lines {\"id\", \"profile\"} (default: the bundled corpus)")
    parser.add_argument("--weight", metavar="FIELD",
                        help="the profile field holding how many people each profile stands "
                        "for; money and counts are weighted by it (default: 1 each)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    add_as_of(parser)
    add_rules_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    new = load_or_report(args.rules_dir)
    if new is None:
        return 1
    with tempfile.TemporaryDirectory(prefix="adhikar-base-") as tmp:
        base_dir = _base_rules(args.base, args.rules_dir, Path(tmp))
        if base_dir is None:
            return 2
        base = load_or_report(base_dir)
    if base is None:
        return 1
    as_of = today(args.as_of)
    profiles = tracked(corpus.read_profiles(args.profiles), "profiles")
    report = impact(base, new, profiles, as_of, weight=args.weight)
    if args.json:
        print(json.dumps(_as_json(report, base.digest, new.digest, as_of), indent=2))
    else:
        print(_as_text(report, base.digest, new.digest, as_of))
    return 0


def _base_rules(base: str, rules_dir: Path, tmp: Path) -> Path | None:
    if Path(base).is_dir():
        return Path(base)
    repo = _git(["rev-parse", "--show-toplevel"], rules_dir)
    if repo is None:
        print(f"--base {base}: neither a directory nor a git revision here", file=sys.stderr)
        return None
    top = Path(repo.decode().strip())
    inside = rules_dir.resolve().relative_to(top).as_posix()
    archive = _git(["archive", "--format=tar", base, inside], top)
    if archive is None:
        print(f"--base {base}: git cannot find {inside}/ at that revision", file=sys.stderr)
        return None
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / inside


def _git(command: list[str], cwd: Path) -> bytes | None:
    try:
        done = subprocess.run(["git", *command], cwd=cwd, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def _as_text(report: Impact, base_digest: str, new_digest: str, as_of: Any) -> str:
    lines = [f"impact on {report.profiles} profiles as of {as_of}: rules {base_digest[:19]} -> "
             f"{new_digest[:19]}"]
    if report.skipped:
        lines.append(f"  {len(report.skipped)} profile(s) skipped: a fact's allowed values "
                     "changed (first: " + next(iter(report.skipped.values())) + ")")
    if report.unchanged:
        lines.append("no entitlement changed status or amount for any profile")
    for ent in sorted(report.entitlements.values(), key=lambda e: -e.changed):
        if not ent.changed:
            continue
        lines.append(f"{ent.entitlement}: {ent.changed} profile(s) changed")
        for (old, new), changes in sorted(ent.status_changes.items()):
            ids = ", ".join(c.profile_id for c in changes[:EXAMPLES])
            lines.append(f"  status {old} -> {new}: {len(changes)} (e.g. {ids})")
        if ent.amount_changes:
            first = ent.amount_changes[0]
            lines.append(f"  first-year rupees changed: {len(ent.amount_changes)} (e.g. "
                         f"{first.profile_id}: {_span(first.amounts_before)} -> "
                         f"{_span(first.amounts_after)})")
    lines += _money_text(report)
    return "\n".join(lines)


def _money_text(report: Impact) -> list[str]:
    """The cost of the change: weighted first-year rupees before and after."""
    lines = [f"money in the first year, {report.weight:,.0f} people "
             f"({report.profiles} profiles weighted), surely / at most:"]
    rows = [(e.entitlement, e.money) for e in report.entitlements.values()]
    rows += [(f"State {state}", totals) for state, totals in sorted(report.states.items())]
    for name, totals in rows:
        if totals.before == totals.after:
            continue
        surely, most = totals.cost()
        lines.append(f"  {name}: {_money(totals.before)} -> {_money(totals.after)} "
                     f"(change {surely:+,.0f} / {_rupees(most, signed=True)})")
    if len(lines) == 1:
        lines.append("  no change")
    return lines


def _money(money: Money) -> str:
    return f"{money.surely:,.0f} / {_rupees(money.at_most)}"


def _rupees(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return "no upper bound"
    return f"{value:+,.0f}" if signed else f"{value:,.0f}"


def _span(amounts: Amounts) -> str:
    low, high = amounts
    return str(low) if low == high else f"[{low}, {'no upper bound' if high is None else high}]"


def _totals_json(totals: Totals) -> dict[str, Any]:
    surely, most = totals.cost()
    return {side: {"eligible": m.eligible, "surely": m.surely, "at_most": m.at_most}
            for side, m in (("before", totals.before), ("after", totals.after))} | {
        "change": {"surely": surely, "at_most": most}}


def _as_json(report: Impact, before: str, after: str, as_of: Any) -> dict[str, Any]:
    return {
        "as_of": str(as_of), "base_digest": before, "new_digest": after,
        "profiles": report.profiles, "skipped": report.skipped,
        "entitlements": {
            e.entitlement: {
                "changed": e.changed,
                "status_changes": [{"from": old, "to": new, "count": len(ch),
                                    "examples": [c.profile_id for c in ch[:EXAMPLES]]}
                                   for (old, new), ch in sorted(e.status_changes.items())],
                "amount_changes": {"count": len(e.amount_changes),
                                   "examples": [c.profile_id
                                                for c in e.amount_changes[:EXAMPLES]]},
            } for e in report.entitlements.values() if e.changed},
        "weight": report.weight,
        "money": {"entitlements": {e.entitlement: _totals_json(e.money)
                                   for e in report.entitlements.values()},
                  "states": {state: _totals_json(t) for state, t in sorted(report.states.items())}},
    }
