"""A case's district, as the rules list it: found in the list of the case's State (of any
State when the State is not known), whatever its case, punctuation or word order, and given
back as listed. What is not listed is refused with the closest listed name, never the list."""

from __future__ import annotations

from typing import NoReturn

from service.errors import Loc, UnknownDistrict
from service.rules.places import ListSource
from service.rules.ruleset import Ruleset
from service.text.words import Words, words_for


def settle(ruleset: Ruleset, district: str | None, state: str | None, *,
           loc: Loc = ("body", "district")) -> str | None:
    """The district as listed (``UnknownDistrict`` when it is not); unchanged when the rules
    ship no list."""
    places = ruleset.places
    if district is None or not places.listed:
        return district
    found = places.find(district, state)
    if found is not None:
        return found.name
    close = places.suggest(district, state)
    _refuse(ruleset, state, close.name if close is not None else None, loc)


def as_listed(ruleset: Ruleset, district: str) -> str:
    """The listed spelling of ``district`` in any State, or ``district`` as given (a filter
    over claims kept before the list, or under a district the list has not yet)."""
    found = ruleset.places.find(district)
    return found.name if found is not None else district


def _refuse(ruleset: Ruleset, state: str | None, suggestion: str | None,
            loc: Loc) -> NoReturn:
    english = say(words_for(ruleset), ruleset.places.source, state, suggestion)
    raise UnknownDistrict(english, state=state, suggestion=suggestion, loc=loc)


def say(words: Words, source: ListSource | None, state: str | None,
        suggestion: str | None) -> str:
    """Why a district is refused, in ``words``' language: which list it is not in (of
    which State, of which date) and the closest listed name when there is one."""
    when = ({"list": source.short, "date": words.date(source.retrieved)} if source
            else {"list": "", "date": ""})
    problem = (words.msg("district.not_in_state", state=words.value("state", state), **when)
               if state is not None else words.msg("district.not_listed", **when))
    if suggestion is None:
        return problem
    return words.msg("district.did_you_mean", problem=problem, district=suggestion)
