"""adhikar routes PROFILE.json: every compensation route for one case, as a plan, a memo, the
paralegal's one-page brief (Markdown, or PDF with --pdf) or JSON, in the language --lang names."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from service.cli.common import add_as_of, add_lang, add_rules_dir, load_case, today, words_of
from service.compensation import render
from service.compensation.answer import routes_for
from service.compensation.brief import brief
from service.compensation.memo import memo
from service.compensation.result import RouteResult, RoutesAnswer
from service.compensation.wording import amounts, due
from service.text.words import Words

MARK = {"open": "OPEN", "not_yet_open": "NOT YET OPEN", "needs_info": "needs info",
        "closed": "closed"}
PAD = " " * 14


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "routes", help="every compensation route for one case: status, amounts, dates, steps",
        description="Work out every road to compensation for one case (a JSON file of facts, "
        "or {\"profile\": {...}, \"documents_held\": [...], \"district\": ...}): open, not yet "
        "open and on which event, or closed; who decides and pays; interim and final amounts; "
        "due dates; how the routes interact; next steps. --format markdown gives a memo to "
        "attach to an application; --format brief the paralegal's one-page brief (with --pdf "
        "FILE, also printed to a PDF).")
    parser.add_argument("profile", type=Path, metavar="PROFILE.json")
    parser.add_argument("--format", choices=("text", "markdown", "brief", "json"),
                        default="text", help="a plan for the terminal (default), a Markdown "
                        "memo, the one-page brief in Markdown, or the API's JSON answer")
    parser.add_argument("--pdf", type=Path, default=None, metavar="FILE",
                        help="with --format brief: also write the brief as a one-page PDF")
    add_as_of(parser)
    add_lang(parser)
    add_rules_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.pdf is not None and args.format != "brief":
        print("adhikar routes: --pdf goes with --format brief", file=sys.stderr)
        return 2
    loaded = load_case(args)
    if isinstance(loaded, int):
        return loaded
    ruleset, case = loaded
    words = words_of(args, ruleset)
    answer = routes_for(ruleset, case, today(args.as_of), words=words)
    if args.format == "json":
        print(json.dumps(TypeAdapter(RoutesAnswer).dump_python(answer, mode="json"), indent=2,
                         ensure_ascii=False))
    elif args.format == "markdown":
        print(memo(answer, words))
    elif args.format == "brief":
        page = brief(answer, words)
        print(render.markdown(page), end="")
        if args.pdf is not None:
            args.pdf.write_bytes(render.pdf(render.html(page)))
            print(f"adhikar: brief written to {args.pdf}", file=sys.stderr)
    else:
        print(plan(answer, words))
    return 0


def plan(answer: RoutesAnswer, words: Words) -> str:
    lines = [f"As of {answer.as_of}, rules {answer.ruleset.version} "
             f"({answer.ruleset.digest[:19]}): " + ", ".join(
                 f"{n} {MARK[s].lower()}" for s, n in answer.counts.items())]
    for r in answer.routes:
        lines += ["", f"{MARK[r.status]:<13} {r.id}: {r.label}", *_detail(r, words)]
    if answer.questions:
        lines += ["", "Ask next:"]
        lines += [f"  {q.question}  [{q.fact}; decides {q.routes} route(s)]"
                  for q in answer.questions[:8]]
    return "\n".join(lines)


def _detail(r: RouteResult, words: Words) -> list[str]:
    if r.status == "closed":
        return [f"{PAD}because: " + "; ".join(x.explanation for x in r.reasons)]
    out = [f"{PAD}decides: {r.forum.name}; pays: {r.payer.name}"]
    awaited = [e.event for e in r.opens_on if e.awaited is not False]
    if r.status != "open" and awaited:
        out.append(f"{PAD}opens on: " + "; ".join(awaited))
    if r.missing:
        out.append(f"{PAD}waiting on: " + ", ".join(words.label(f) for f in r.missing))
    if r.interim:
        out.append(f"{PAD}interim: {amounts(r.interim, words)}")
    if r.final:
        out.append(f"{PAD}final: {amounts(r.final, words)}")
    missing = [d.name for d in r.documents if d.held is False]
    if missing:
        out.append(f"{PAD}documents missing: " + "; ".join(missing))
    out += [f"{PAD}due: {due(t, words)}" for t in r.time_limits]
    out += [f"{PAD}{i}. {s.action}" for i, s in enumerate(r.steps, 1)]
    return out
