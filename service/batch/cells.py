"""Table cells -> facts. CSV gives text and Parquet gives a float for a whole-number column
with gaps; each cell is read as its fact's kind before the usual check (``coerce_profile``)
says what is wrong. An empty cell is an unknown fact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from service.rules.ruleset import FactDef, Ruleset

SET_SEPARATOR = ";"  # a set fact in one cell: "sexual_violence;acid_attack"; ";" is empty
_BOOL = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}


def profile_from_cells(ruleset: Ruleset, cells: Mapping[str, Any]) -> dict[str, Any]:
    """The profile a row of a table holds; cells for names that are not facts stay as they
    are, for ``coerce_profile`` to name."""
    profile: dict[str, Any] = {}
    for name, value in cells.items():
        if value is None or value == "" or (isinstance(value, float) and value != value):
            continue  # empty, null or NaN: not known
        fact = ruleset.facts.get(name)
        profile[name] = value if fact is None else _cell(fact, value)
    return profile


def _cell(fact: FactDef, value: Any) -> Any:
    if fact.kind == "bool" and isinstance(value, str):
        return _BOOL.get(value.strip().lower(), value)
    if fact.kind == "int":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
    if fact.kind == "date" and isinstance(value, dt.datetime):
        return value.date()
    if fact.kind == "set":
        if isinstance(value, str):
            return [v.strip() for v in value.split(SET_SEPARATOR) if v.strip()]
        if not isinstance(value, list | tuple | set | frozenset):
            return value
        return list(value)
    if isinstance(value, str):
        return value.strip()
    return value
