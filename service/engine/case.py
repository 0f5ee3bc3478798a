"""One case as the engine reads it: a survivor's checked facts, the documents she holds, and
where she is. Made in one place from what a request, a stored screening or a profile file
carries, so that the API, the store and the CLI read a case the same way."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from service.engine import districts
from service.engine.offices import Place
from service.engine.profile import coerce_profile
from service.rules.ruleset import Ruleset


@dataclass(frozen=True, slots=True)
class Case:
    facts: Mapping[str, Any]
    place: Place
    documents_held: frozenset[str] | None = None  # None: not asked

    @classmethod
    def read(cls, ruleset: Ruleset, profile: Mapping[str, Any], *, district: str | None = None,
             documents_held: Collection[str] | None = None, listed_only: bool = True,
             checked: bool = False) -> Case:
        """Check ``profile`` against the rules' facts (``InvalidProfile`` names each bad fact)
        and ``district`` against the rules' list of the profile's State (``UnknownDistrict``);
        the State names the offices and picks the State's figures, the district as listed
        names the local offices. ``listed_only=False`` takes the district as given (one kept
        before the list had it). ``checked``: ``profile`` is facts in the engine's form already
        checked against these rules' facts (the API's request model: api/schemas.py), taken
        as they are."""
        facts = profile if checked else coerce_profile(ruleset, profile)
        state = facts.get("state")
        if listed_only:
            district = districts.settle(ruleset, district, state)
        place = Place(district=district, state=state)
        return cls(facts, place,
                   None if documents_held is None else frozenset(documents_held))
