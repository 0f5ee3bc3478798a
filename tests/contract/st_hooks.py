"""Hooks for the schemathesis CLI (loaded with SCHEMATHESIS_HOOKS by test_cli.py).

A client makes a fresh Idempotency-Key for each new request and sends the same one only when
it retries. schemathesis draws keys from the pattern and so sends one key ("00000000", say)
with many different bodies, which the service rightly refuses with 422
(idempotency_key_reused): a rule about state that no schema can say. So a key that fits the
pattern is replaced, just before each request in every phase, with a fresh one; a key that does
not fit is sent as drawn and must still be refused.

Likewise a district must be one the rules list for the profile's State: a list no pattern can
hold. A drawn district that the contract allows (its pattern and length) is replaced by a
listed district of the profile's State (any State's when it names none); one that the contract
refuses is sent as drawn and must still be refused.
"""

from __future__ import annotations

import functools
import re
import uuid
from pathlib import Path
from typing import Any

import schemathesis

from service.rules import places
from service.rules.load import load_ruleset

RULES = Path(__file__).resolve().parents[2] / "rules"

_KEY = "Idempotency-Key"
_FITS = re.compile(r"[A-Za-z0-9._:+/=-]{8,128}")


@schemathesis.hook
def before_call(context: Any, case: schemathesis.Case[Any], kwargs: dict[str, Any]) -> None:
    headers = case.headers  # case-insensitive
    if headers and isinstance(key := headers.get(_KEY), str) and _FITS.fullmatch(key):
        headers[_KEY] = str(uuid.uuid4())
    body = case.body
    if isinstance(body, dict):
        for ask in [body, *(i for i in body.get("items") or [] if isinstance(i, dict))]:
            _listed_district(ask)


@functools.cache
def _first_districts() -> dict[str, str]:
    """A listed district of each State, from the bundled rules."""
    places = load_ruleset(RULES).places
    return {state: districts[0].name for state, districts in places.by_state.items()}


def _listed_district(ask: dict[str, Any]) -> None:
    district = ask.get("district")
    if not isinstance(district, str) or len(district) > places.NAME_MAX or not (
            places.SHAPE.fullmatch(district)):
        return
    first = _first_districts()
    profile = ask.get("profile")
    state = profile.get("state") if isinstance(profile, dict) else None
    if isinstance(state, str) and state in first:
        ask["district"] = first[state]
    elif state is None:
        ask["district"] = next(iter(first.values()))
