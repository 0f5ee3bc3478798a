"""The list of districts, linked: each State key checked against the ``state`` fact, each
name against the shape a district must have, and no two entries of a State read alike.

Part of ``link``. Errors, each at its line and column: E435 a State key that is not a value
of the ``state`` fact; E436 a name or spelling that no request could send (it does not fit
the district shape); E437 two entries of one State that read the same (case, punctuation
and word order aside); E438 an LGD code used twice.
"""

from __future__ import annotations

import difflib

from service.errors import RuleError
from service.rules import model, places
from service.rules.marks import Document, Path
from service.rules.places import District, ListSource, Places


def link_places(facts_state: tuple[str, ...], doc: Document, spec: model.DistrictsFile,
                errors: list[RuleError]) -> Places:
    by_state: dict[str, tuple[District, ...]] = {}
    codes: dict[int, Path] = {}
    for state, entries in spec.states.items():
        if state not in facts_state:
            close = difflib.get_close_matches(state, list(facts_state), n=1)
            errors.append(doc.error(("states", state), "E435", f"{state!r} is not a State or "
                                    "Union Territory (a value of the `state` fact)",
                                    close[0] if close else None, key=True))
            continue
        seen: dict[str, Path] = {}
        districts = []
        for i, entry in enumerate(entries):
            path: Path = ("states", state, i)
            _check(doc, path, entry, seen, codes, errors)
            districts.append(District(entry.name, state, entry.lgd, tuple(entry.also),
                                      entry.verified, entry.source))
        by_state[state] = tuple(districts)
    s = spec.source
    source = ListSource(s.title, s.short, s.retrieved, s.url, s.licence, s.verified, s.check)
    return Places.of(source, by_state)


def _check(doc: Document, path: Path, entry: model.DistrictSpec, seen: dict[str, Path],
           codes: dict[int, Path], errors: list[RuleError]) -> None:
    spellings: list[tuple[Path, str]] = [((*path, "name"), entry.name)]
    spellings += [((*path, "also", j), a) for j, a in enumerate(entry.also)]
    for where, spelled in spellings:
        if places.shape_problem(spelled):
            errors.append(doc.error(where, "E436", f"{spelled!r} does not fit the shape of a "
                                    "district's name, so no request could send it: at most "
                                    f"{places.NAME_WORDS} words, {places.NAME_MAX} characters"))
        k = places.key(spelled)
        if k in seen and seen[k][:3] != path:
            line = doc.at(seen[k]).line
            errors.append(doc.error(where, "E437", f"{spelled!r} reads the same as the entry "
                                    f"on line {line}: a request could not tell them apart"))
        seen.setdefault(k, where)
    if entry.lgd is not None:
        if entry.lgd in codes:
            line = doc.at(codes[entry.lgd]).line
            errors.append(doc.error((*path, "lgd"), "E438", f"LGD code {entry.lgd} is already "
                                    f"used on line {line}"))
        codes.setdefault(entry.lgd, (*path, "lgd"))
