"""Screened profiles -> Arrow record batches, long (a row per profile and entitlement) or wide
(a row per profile, four columns per entitlement). The schema is fixed by the ruleset and the
date, so every chunk of a batch fits the same file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pyarrow as pa

from service.batch.cells import profile_from_cells
from service.batch.screen import Row, screen
from service.engine.profile import coerce_profile
from service.engine.standings import Standings
from service.errors import InvalidProfile
from service.rules.ruleset import Ruleset

Layout = Literal["long", "wide"]
# One input item: its id, and the profile as read, or why it could not be read.
Item = tuple[str, Mapping[str, Any] | str]
INVALID = "invalid"  # the status of a profile that could not be read

LONG = pa.schema([
    ("id", pa.string()), ("entitlement", pa.string()), ("status", pa.string()),
    ("amount_min", pa.int64()), ("amount_max", pa.int64()),
    ("missing", pa.list_(pa.string())), ("error", pa.string())])
_UNREAD = Row(None, INVALID, None, None, ())  # type: ignore[arg-type]
_WIDE_FIELDS = (("status", pa.string()), ("amount_min", pa.int64()),
                ("amount_max", pa.int64()), ("missing", pa.list_(pa.string())))


def in_force_ids(ruleset: Ruleset, as_of: dt.date) -> list[str]:
    """Every entitlement with a version in force on ``as_of`` in any State."""
    return [e.id for e in ruleset.entitlements.values()
            if any(v.covers(as_of) for v in e.variants)]


def schema(ruleset: Ruleset, as_of: dt.date, layout: Layout) -> pa.Schema:
    if layout == "long":
        return LONG
    fields = [("id", pa.string()), ("error", pa.string())]
    for ent_id in in_force_ids(ruleset, as_of):
        fields += [(f"{ent_id}.{name}", kind) for name, kind in _WIDE_FIELDS]
    return pa.schema(fields)


def screen_items(ruleset: Ruleset, items: Sequence[Item], as_of: dt.date, layout: Layout, *,
                 cells: bool, standings: Standings[Row] | None = None) -> pa.RecordBatch:
    """``cells``: the profiles come from a table (CSV, Parquet) and are read cell by cell.
    ``standings``: a memo the caller keeps for this ruleset, across chunks."""
    screened = [_screen_one(ruleset, raw, as_of, cells, standings) for _, raw in items]
    ids = [pid for pid, _ in items]
    if layout == "long":
        return _long(ids, screened)
    return _wide(schema(ruleset, as_of, "wide"), ids, screened)


def _screen_one(ruleset: Ruleset, raw: Mapping[str, Any] | str, as_of: dt.date,
                cells: bool, standings: Standings[Row] | None) -> list[Row] | str:
    if isinstance(raw, str):
        return raw
    try:
        facts = coerce_profile(ruleset, profile_from_cells(ruleset, raw) if cells else raw)
    except InvalidProfile as exc:
        return str(exc)
    return screen(ruleset, facts, as_of, standings)


def _long(ids: list[str], screened: list[list[Row] | str]) -> pa.RecordBatch:
    # Column by column: a chunk of 2,000 profiles is 60,000 rows.
    pids: list[str] = []
    rows: list[Row] = []
    errors: list[str | None] = []
    for pid, found in zip(ids, screened, strict=True):
        if isinstance(found, str):  # a profile that could not be read: one row saying why
            pids.append(pid)
            rows.append(_UNREAD)
            errors.append(found)
            continue
        pids += [pid] * len(found)
        rows += found
        errors += [None] * len(found)
    columns = {"id": pids, "entitlement": [r.entitlement for r in rows],
               "status": [r.status for r in rows], "amount_min": [r.amount_min for r in rows],
               "amount_max": [r.amount_max for r in rows],
               "missing": [r.missing for r in rows], "error": errors}
    return pa.RecordBatch.from_pydict(columns, schema=LONG)


def _wide(wide: pa.Schema, ids: list[str],
          screened: list[list[Row] | str]) -> pa.RecordBatch:
    columns: dict[str, list[Any]] = {name: [None] * len(ids) for name in wide.names}
    columns["id"] = ids
    for i, rows in enumerate(screened):
        if isinstance(rows, str):
            columns["error"][i] = rows
            continue
        for r in rows:
            prefix = r.entitlement + "."
            columns[prefix + "status"][i] = r.status
            columns[prefix + "amount_min"][i] = r.amount_min
            columns[prefix + "amount_max"][i] = r.amount_max
            columns[prefix + "missing"][i] = list(r.missing)
    return pa.RecordBatch.from_pydict(columns, schema=wide)
