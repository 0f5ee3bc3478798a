"""adhikar text update|status: the translation catalogues, rules/text/<language>.yaml."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from service.cli.common import add_rules_dir, load_or_report
from service.rules.load import TEXT
from service.text import catalogues


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "text", help="translation catalogues: bring them up to date, show their coverage",
        description="`update` adds every new English text to each catalogue (empty, to "
        "translate) and marks stale the translations whose English changed; `status` prints "
        "each language's coverage and, with --list, the texts still to translate.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    update = actions.add_parser("update", help="add new English, mark changed English stale")
    update.add_argument("--lang", help="only this language (a new one needs --locale and "
                        "--name: adhikar text update --lang or --locale or_IN --name ଓଡ଼ିଆ)")
    update.add_argument("--locale", help="a new language's locale, for numbers and dates")
    update.add_argument("--name", help="a new language's name, in itself")
    status = actions.add_parser("status", help="coverage per language")
    status.add_argument("--lang", help="only this language")
    status.add_argument("--list", action="store_true", help="list missing and stale texts")
    for p in (update, status):
        add_rules_dir(p)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    ruleset = load_or_report(args.rules_dir)
    if ruleset is None:
        return 1
    if args.action == "status":
        for code, catalogue in sorted(ruleset.catalogues.items()):
            if args.lang and code != args.lang:
                continue
            c = catalogues.coverage(code, ruleset.english, catalogue.texts)
            print(line(c))
            if args.list:
                print("".join(f"  missing: {en}\n" for en in c.missing), end="")
                print("".join(f"  stale:   {en}\n" for en in c.stale_texts), end="")
        return 0
    folder = Path(args.rules_dir) / TEXT
    folder.mkdir(exist_ok=True)
    paths = sorted(folder.glob("*.yaml"))
    if args.lang:
        paths = [folder / f"{args.lang}.yaml"]
    for path in paths:
        if path.exists():
            old = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        elif args.locale and args.name:
            old = {"language": path.stem, "locale": args.locale, "name": args.name}
        else:
            print(f"{path}: no such catalogue; a new language needs --locale and --name")
            return 2
        new = catalogues.update(ruleset.english, old)
        path.write_text(catalogues.dump(new), encoding="utf-8")
        todo = sum(1 for t in new["texts"] if not t["text"] or t.get("was"))
        print(f"{path}: {len(new['texts'])} texts, {todo} to translate or check")
    return 0


def line(c: catalogues.Coverage) -> str:
    return (f"{c.language}: {c.translated} of {c.total} texts translated ({c.percent:.0f}%), "
            f"{c.reviewed} reviewed, {c.translated - c.reviewed} drafts, {c.stale} stale, "
            f"{len(c.missing)} missing")
