"""The districts a form offers (a <datalist>): those the rules list for the case's State.
Nothing is offered while the State is not known; the service still checks what is typed."""

from __future__ import annotations

from typing import Any

from service.rules.ruleset import Ruleset


def district_names(rules: Ruleset, state: Any) -> list[str]:
    if not isinstance(state, str):
        return []
    return [d.name for d in rules.places.by_state.get(state, ())]
