"""India's districts per State, as the rules ship them (rules/places/districts.yaml).

A district a caseworker types is found by its name or an alternative spelling the source
gives, in any case, with any punctuation and in any word order ("medinipur east", "East
Medinipur"); the answer is the district as listed, so what is stored is one spelling. What is
not found gets the closest listed name as a suggestion, never the whole list.

The shape a district's name must have (a place's name in a few words) is here too: the
list's names must fit it, and the API refuses what does not before it looks anything up.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

# A place's name: words of letters with '.', '-', an apostrophe or brackets (Kaimur
# (Bhabua)), one space between, at most four words (counted apart); a number of one or two
# digits may stand as a word (24 Paraganas North), never more (a phone or an ID).
_WORD = r"\(?[A-Za-z][A-Za-z.'\-]*\)?"
SHAPE_PATTERN = rf"^([0-9]{{1,2}} )?{_WORD}( ({_WORD}|[0-9]{{1,2}})){{0,3}}$"
SHAPE = re.compile(SHAPE_PATTERN)
NAME_MAX = 40
NAME_WORDS = 4
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def key(name: str) -> str:
    """What two spellings of one name share: lower case, letters and digits only, words in
    order of the alphabet."""
    return " ".join(sorted(_NOT_ALNUM.sub(" ", name.lower()).split()))


def _plain(name: str) -> str:
    return " ".join(_NOT_ALNUM.sub(" ", name.lower()).split())


@dataclass(frozen=True, slots=True)
class District:
    name: str  # as the list writes it: what is stored
    state: str  # an id of the `state` fact
    lgd_code: int | None = None  # the Local Government Directory's code, when it has one
    also: tuple[str, ...] = ()  # other spellings the source gives (former names)
    verified: bool = True
    source: str | None = None  # an entry added by hand names its notification


@dataclass(frozen=True, slots=True)
class ListSource:
    """Where the list comes from, for headers, errors and docs."""

    title: str
    short: str  # how an error names the list: "the LGD list"
    retrieved: dt.date
    url: str | None = None
    licence: str | None = None
    verified: bool = True
    check: str | None = None  # what to check while not verified


@dataclass(frozen=True, slots=True)
class Places:
    """Every district by State, and the lookups over them. Built once at load."""

    source: ListSource | None = None
    by_state: Mapping[str, tuple[District, ...]] = field(default_factory=dict)
    _index: Mapping[str, Mapping[str, District]] = field(default_factory=dict, repr=False)
    _spellings: Mapping[str, tuple[tuple[str, str, District], ...]] = field(
        default_factory=dict, repr=False)

    @classmethod
    def of(cls, source: ListSource | None,
           by_state: Mapping[str, tuple[District, ...]]) -> Places:
        index = {state: {k: d for d in districts for k in _keys(d)}
                 for state, districts in by_state.items()}
        spellings = {state: tuple((_plain(n), key(n), d) for d in districts
                                  for n in (d.name, *d.also))
                     for state, districts in by_state.items()}
        return cls(source, dict(by_state), index, spellings)

    @property
    def listed(self) -> bool:
        """False when the rules ship no list: districts are then checked by shape alone."""
        return self.source is not None

    def districts(self) -> Iterator[District]:
        for districts in self.by_state.values():
            yield from districts

    def find(self, name: str, state: str | None = None) -> District | None:
        """The listed district ``name`` spells, in ``state`` when given, else in any State."""
        wanted = key(name)
        states = [state] if state is not None else sorted(self._index)
        for s in states:
            found = self._index.get(s, {}).get(wanted)
            if found is not None:
                return found
        return None

    def suggest(self, name: str, state: str | None = None) -> District | None:
        """The listed district closest to ``name``, its words in order or sorted (difflib's
        ratio, at least 0.6), or None if none is close."""
        states = [state] if state is not None else sorted(self._spellings)
        wanted = (_plain(name), key(name))
        best: tuple[float, District | None] = (CUTOFF, None)
        for s in states:
            for plain, sorted_words, d in self._spellings.get(s, ()):
                score = max(_ratio(wanted[0], plain), _ratio(wanted[1], sorted_words))
                if score > best[0]:
                    best = (score, d)
        return best[1]


CUTOFF = 0.6


def _ratio(a: str, b: str) -> float:
    m = difflib.SequenceMatcher(None, a, b)
    return m.ratio() if m.real_quick_ratio() > CUTOFF and m.quick_ratio() > CUTOFF else 0.0


def _keys(district: District) -> set[str]:
    return {key(n) for n in (district.name, *district.also)}


def shape_problem(value: str) -> str | None:
    """None for what could be a district's name; otherwise what one looks like."""
    if (len(value) > NAME_MAX or not SHAPE.fullmatch(value)
            or len(value.split(" ")) > NAME_WORDS):
        return (f"a district is its name alone: at most {NAME_WORDS} words of letters, "
                f"'.', '-', brackets or an apostrophe, one space between words, a number of "
                f"at most two digits as a word, {NAME_MAX} characters in all, e.g. Purulia "
                "or 24 Paraganas North")
    return None
