"""Batch rows say what a full answer says: status, missing facts and the first year's rupees,
with a profile's State picking its figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa

from service.batch.screen import money, screen
from service.batch.table import LONG, schema, screen_items
from service.engine.evaluate import evaluate
from service.engine.profile import coerce_profile
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset

AS_OF = dt.date(2026, 11, 28)


def test_rows_agree_with_the_full_answer(ruleset: Ruleset,
                                         profiles: list[tuple[str, dict[str, Any]]]) -> None:
    for _, raw in profiles:
        facts = coerce_profile(ruleset, raw)
        rows = screen(ruleset, facts, AS_OF)
        answer = evaluate(ruleset, facts, AS_OF)
        assert [r.entitlement for r in rows] == [r.entitlement for r in answer.results]
        for row, result in zip(rows, answer.results, strict=True):
            assert row.status == result.status
            assert list(row.missing) == result.missing
            assert (row.amount_min, row.amount_max) == money(result.benefits)


def test_money_counts_what_applies_and_what_may(ruleset: Ruleset) -> None:
    facts = coerce_profile(ruleset, {"age": 35, "gender": "female",
                                     "released_from_bonded_labour": True, "trafficked": True,
                                     "case_outcome": "pending", "residence_area": "rural",
                                     "state": "odisha"})
    [row] = [r for r in screen(ruleset, facts, AS_OF)
             if r.entitlement == "bonded-labour-rehabilitation"]
    # up to Rs 30,000 now; the Rs 3,00,000 that follows a conviction does not apply yet
    assert row.status == "eligible"
    assert (row.amount_min, row.amount_max) == (0, 30000)


def test_a_states_figure_is_read_for_a_profile_of_that_state(state_rules: Path) -> None:
    ruleset = load_ruleset(state_rules)
    items = [("wb", {"trafficked": True, "age": 15, "state": "west_bengal"}),
             ("od", {"trafficked": True, "age": 15, "state": "odisha"})]
    table = pa.Table.from_batches([screen_items(ruleset, items, dt.date(2022, 6, 1), "long",
                                                cells=False)])
    grant = {r["id"]: r for r in table.to_pylist() if r["entitlement"] == "grant"}
    # Grant plus Wages (the grant times 10 days of work), each for her State
    assert grant["wb"]["amount_min"] == 5000 + 5000 * 10
    assert grant["od"]["amount_min"] == 2000 + 2000 * 10


def test_a_profile_that_cannot_be_read_is_a_row_that_says_why(ruleset: Ruleset) -> None:
    batch = screen_items(ruleset, [("a", {"age": "old", "trafficked": True}),
                                   ("b", "line 2 is not valid JSON")], AS_OF, "long",
                         cells=False)
    rows = batch.to_pylist()
    assert [(r["id"], r["status"], r["entitlement"]) for r in rows] == [
        ("a", "invalid", None), ("b", "invalid", None)]
    assert rows[0]["error"].startswith("age: must be a whole number")
    assert "old" not in rows[0]["error"]


def test_wide_rows_hold_the_long_rows(ruleset: Ruleset,
                                      profiles: list[tuple[str, dict[str, Any]]]) -> None:
    items = profiles[:20]
    long = screen_items(ruleset, items, AS_OF, "long", cells=False).to_pylist()
    wide = screen_items(ruleset, items, AS_OF, "wide", cells=False)
    assert wide.schema == schema(ruleset, AS_OF, "wide") and wide.num_rows == 20
    by_id = {r["id"]: r for r in wide.to_pylist()}
    for row in long:
        cells = by_id[row["id"]]
        for name in ("status", "amount_min", "amount_max", "missing"):
            assert cells[f"{row['entitlement']}.{name}"] == row[name]
    assert LONG.names[:3] == ["id", "entitlement", "status"]
