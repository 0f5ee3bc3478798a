"""adhikar places: write rules/places/districts.yaml from a Local Government Directory (LGD)
download of "All Districts of India" (CSV), so that every listed district comes from the file
named, never from someone's memory.

Names are the LGD's; those the LGD writes all in capitals are written in title case (initials
such as NTR and Y.S.R. stay as they are). An earlier LGD download gives each district's
former names (the same LGD code under another name), kept as other spellings (`also`).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.cli import common

# Words the LGD writes in capitals that are initials, not names to title-case.
INITIALS = frozenset({"NTR", "SPSR"})
_LETTERS = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Row:
    state: str  # as the LGD writes it: WEST BENGAL
    code: int
    name: str


@dataclass(frozen=True, slots=True)
class Header:
    """What the file's header says about the list (its `source:` block)."""

    title: str
    short: str
    retrieved: dt.date
    url: str
    copy: str
    licence: str
    check: str
    comment: str  # the lines above `source:`, without their '# '


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "places", help="write the list of districts from an LGD download",
        description="Read an LGD 'All Districts of India' CSV (and, optionally, earlier ones "
        "for former names) and print rules/places/districts.yaml. Entries an analyst added "
        "by hand (those with their own `source`) are not in the LGD file: add them again "
        "if the new download does not have them yet.")
    parser.add_argument("csv", type=Path, help="the LGD download, as CSV")
    parser.add_argument("--earlier", type=Path, action="append", default=[], metavar="CSV",
                        help="an earlier LGD download: its other names for the same codes "
                        "become `also` (may repeat)")
    parser.add_argument("--retrieved", type=dt.date.fromisoformat, required=True,
                        metavar="DATE", help="the day the CSV was downloaded (YYYY-MM-DD)")
    parser.add_argument("--copy", required=True, metavar="URL",
                        help="where the CSV is kept, for the header")
    parser.add_argument("--check", required=True, metavar="TEXT",
                        help="what to check before the list is taken as verified")
    common.add_rules_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    ruleset = common.load_or_report(args.rules_dir)
    if ruleset is None:
        return 1
    states = ruleset.facts["state"].values
    header = Header(
        title="Local Government Directory (LGD), Ministry of Panchayati Raj: All Districts "
        "of India", short="LGD", retrieved=args.retrieved,
        url="https://lgdirectory.gov.in/downloadDirectory.do", copy=args.copy,
        licence="Government Open Data License - India (GODL-India)", check=args.check,
        comment=COMMENT)
    try:
        rows = read(args.csv.read_text(encoding="utf-8-sig"))
        earlier = [read(p.read_text(encoding="utf-8-sig")) for p in args.earlier]
        sys.stdout.write(districts_yaml(header, rows, earlier, states))
    except ValueError as exc:
        print(f"adhikar places: {exc}", file=sys.stderr)
        return 1
    return 0


COMMENT = """\
India's districts by State and Union Territory, as the Local Government Directory (LGD) of
the Ministry of Panchayati Raj lists them in its download "All Districts of India". Made with
`adhikar places` from the CSV in places/sources/ (the copy named under `kept_at`); names are the
LGD's, in title case where the LGD writes capitals; `also` holds a district's former name
under the same LGD code in an earlier LGD download (places/sources/, older file).
LGD data is published under the Government Open Data License - India: LGD, Ministry of
Panchayati Raj, Government of India, https://lgdirectory.gov.in/ (no endorsement implied).
A district the LGD list does not have yet (a State notified it since) is added by hand as
an entry with its own `source` (the notification) and `verified: false`; see
docs/rule-format.md."""


def read(text: str) -> list[Row]:
    """The rows of an LGD district CSV; its columns are found by their names, which differ
    between downloads ("District Name" or "District Name(In English)")."""
    reader = csv.DictReader(io.StringIO(text))
    fields = list(reader.fieldnames or [])
    state = _column(fields, "State Name")
    code = _column(fields, "District Code")
    name = _column(fields, "District Name")
    return [Row(r[state].strip(), int(r[code]), r[name].strip()) for r in reader]


def _column(fields: list[str], starts: str) -> str:
    found = [f for f in fields if f.strip().startswith(starts)]
    if len(found) != 1:
        raise ValueError(f"the CSV has no single column named {starts!r}: {fields}")
    return found[0]


def state_id(lgd_state: str, states: Iterable[str]) -> str:
    """THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU -> dadra_and_nagar_haveli_and_daman_and_diu"""
    words = lgd_state.lower().split()
    wanted = "_".join(words[1:] if words[:1] == ["the"] else words)
    if wanted not in states:
        raise ValueError(f"the LGD's State {lgd_state!r} is not a value of the `state` fact")
    return wanted


def display(name: str) -> str:
    """The LGD's name, in title case where the LGD writes it all in capitals."""
    if name != name.upper():
        return name
    out = []
    for word in name.split():
        if word in INITIALS or "." in word:
            out.append(word)
        elif word == "AND":
            out.append("and")
        else:
            out.append(_LETTERS.sub(lambda m: m.group(0).capitalize(), word))
    return " ".join(out)


def districts_yaml(header: Header, rows: list[Row], earlier: list[list[Row]],
                   states: Iterable[str]) -> str:
    states = tuple(states)
    former = _former_names(rows, earlier)
    by_state: dict[str, list[Row]] = {}
    for row in rows:
        by_state.setdefault(state_id(row.state, states), []).append(row)
    lines = ["# yaml-language-server: $schema=../../schema/districts.schema.json"]
    lines += [f"# {line}".rstrip() for line in header.comment.splitlines()]
    lines += ["source:", f"  title: {_q(header.title)}", f"  short: {header.short}",
              f"  retrieved: {header.retrieved.isoformat()}", f"  url: {header.url}",
              f"  kept_at: {header.copy}", f"  licence: {_q(header.licence)}",
              "  verified: false", f"  check: {_q(header.check)}", "states:"]
    for state in sorted(by_state):
        lines.append(f"  {state}:")
        for row in sorted(by_state[state], key=lambda r: display(r.name).lower()):
            also = former.get(row.code, ())
            tail = f", also: [{', '.join(_q(a) for a in also)}]" if also else ""
            lines.append(f"  - {{name: {_q(display(row.name))}, lgd: {row.code}{tail}}}")
    return "\n".join(lines) + "\n"


def _former_names(rows: list[Row], earlier: list[list[Row]]) -> Mapping[int, tuple[str, ...]]:
    """Per LGD code, its other names in earlier downloads, unless another district of the
    same State has that name now."""
    now = {r.code: r for r in rows}
    taken = {(r.state, display(r.name).lower()) for r in rows}
    out: dict[int, list[str]] = {}
    for older in earlier:
        for old in older:
            current = now.get(old.code)
            name = display(old.name)
            if current is None or name.lower() == display(current.name).lower():
                continue
            if (current.state, name.lower()) in taken or name in out.get(old.code, []):
                continue
            out.setdefault(old.code, []).append(name)
    return {code: tuple(names) for code, names in out.items()}


def _q(text: str) -> str:
    """A YAML scalar: plain when it can be, else in double quotes."""
    plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .()'\-]*", text) and not text.endswith(" ")
    return text if plain and ": " not in text else '"' + text.replace('"', '\\"') + '"'
