"""A profile as sent -> the facts the engine reads, checked against facts.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.errors import InvalidProfile
from service.rules.ruleset import Ruleset


def coerce_profile(ruleset: Ruleset, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check every fact; raise ``InvalidProfile`` naming each bad fact and what it allows.

    ``None`` means "not known" and is dropped, like an absent fact.
    """
    facts: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, value in raw.items():
        if value is None:
            continue
        fact = ruleset.facts.get(name)
        if fact is None:
            why = ("is derived from other facts; give those instead" if name in ruleset.derived
                   else "is not a fact this service knows (see GET /v1/facts)")
            problems.append((name, why))
            continue
        coerced, problem = fact.coerce(value)
        if problem:
            problems.append((name, problem))
        else:
            facts[name] = coerced
    if problems:
        raise InvalidProfile(problems)
    return facts
