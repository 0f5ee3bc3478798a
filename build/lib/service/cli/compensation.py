"""adhikar routes PROFILE.json: every compensation route for one case, as a plan, a memo or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from service.cli.common import add_as_of, add_rules_dir, load_case, today
from service.compensation.answer import routes_for
from service.compensation.memo import amounts, due, memo
from service.compensation.result import RouteResult, RoutesAnswer

MARK = {"open": "OPEN", "not_yet_open": "NOT YET OPEN", "needs_info": "needs info",
        "closed": "closed"}
PAD = " " * 14


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "routes", help="every compensation route for one case: status, amounts, dates, steps",
        description="Work out every road to compensation for one case (a JSON file of facts, "
        "or {\"profile\": {...}, \"documents_held\": [...], \"district\": ...}): open, not yet "
        "open and on which event, or closed; who decides and pays; interim and final amounts; "
        "due dates; how the routes interact; next steps. --format markdown gives a one-page "
        "memo to attach to an application.")
    parser.add_argument("profile", type=Path, metavar="PROFILE.json")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="a plan for the terminal (default), a Markdown memo, or the API's "
                        "JSON answer")
    add_as_of(parser)
    add_rules_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    loaded = load_case(args)
    if isinstance(loaded, int):
        return loaded
    answer = routes_for(*loaded, today(args.as_of))
    if args.format == "json":
        print(json.dumps(TypeAdapter(RoutesAnswer).dump_python(answer, mode="json"), indent=2,
                         ensure_ascii=False))
    elif args.format == "markdown":
        print(memo(answer))
    else:
        print(plan(answer))
    return 0


def plan(answer: RoutesAnswer) -> str:
    lines = [f"As of {answer.as_of}, rules {answer.ruleset.version} "
             f"({answer.ruleset.digest[:19]}): " + ", ".join(
                 f"{n} {MARK[s].lower()}" for s, n in answer.counts.items())]
    for r in answer.routes:
        lines += ["", f"{MARK[r.status]:<13} {r.id}: {r.label}", *_detail(r)]
    if answer.questions:
        lines += ["", "Ask next:"]
        lines += [f"  {q.question}  [{q.fact}; decides {q.routes} route(s)]"
                  for q in answer.questions[:8]]
    return "\n".join(lines)


def _detail(r: RouteResult) -> list[str]:
    if r.status == "closed":
        return [f"{PAD}because: " + "; ".join(x.explanation for x in r.reasons)]
    out = [f"{PAD}decides: {r.forum.name}; pays: {r.payer.name}"]
    awaited = [e.event for e in r.opens_on if e.awaited is not False]
    if r.status != "open" and awaited:
        out.append(f"{PAD}opens on: " + "; ".join(awaited))
    if r.missing:
        out.append(f"{PAD}waiting on: " + ", ".join(r.missing))
    if r.interim:
        out.append(f"{PAD}interim: {amounts(r.interim)}")
    if r.final:
        out.append(f"{PAD}final: {amounts(r.final)}")
    missing = [d.name for d in r.documents if d.held is False]
    if missing:
        out.append(f"{PAD}documents missing: " + "; ".join(missing))
    out += [f"{PAD}due: {due(t)}" for t in r.time_limits]
    out += [f"{PAD}{i}. {s.action}" for i, s in enumerate(r.steps, 1)]
    return out
