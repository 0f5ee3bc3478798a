"""One case as the engine reads it: a survivor's checked facts, the documents she holds, and
where she is. Made in one place from what a request, a stored screening or a profile file
carries, so that the API, the store and the CLI read a case the same way."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

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
             documents_held: Collection[str] | None = None) -> Case:
        """Check ``profile`` against the rules' facts (``InvalidProfile`` names each bad fact);
        the State it gives names the offices and picks the State's figures."""
        facts = coerce_profile(ruleset, profile)
        return cls(facts, Place(district=district, state=facts.get("state")),
                   None if documents_held is None else frozenset(documents_held))
