"""Questions ranked by what their answers settle and by how much they narrow an amount."""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.engine.evaluate import evaluate
from service.engine.profile import coerce_profile
from service.engine.questions import narrowing
from service.engine.regions import Regions
from service.engine.remembered import Remembered
from service.engine.result import Question
from service.rules.ruleset import Ruleset
from tests.oracle.durable_oracle import random_profiles

ON = dt.date(2025, 6, 1)
# A woman of 28, trafficked into a brothel; the FIR was registered but the trafficker was never
# traced; she applied to the DLSA. What harm she suffered is not yet recorded.
UNTRACED = {"age": 28, "gender": "female", "trafficked": True, "sexually_exploited": True,
            "crime_victim": True, "pocso_offence_victim": False,
            "fir_registered": True, "chargesheet_filed": False,
            "case_outcome": "accused_untraced", "outcome_date": "2025-02-01",
            "application_date": "2025-03-03", "offence_date": "2024-09-05",
            "released_from_bonded_labour": False, "rescued_from_child_labour": False}


def _questions(ruleset: Ruleset, raw: dict[str, Any]) -> list[Question]:
    return evaluate(ruleset, coerce_profile(ruleset, raw), ON, what_if=False).questions


def _by_fact(questions: list[Question]) -> dict[str, Question]:
    return {q.fact: q for q in questions}


def test_the_harms_are_asked_early_in_a_victim_compensation_case(ruleset: Ruleset) -> None:
    questions = _questions(ruleset, UNTRACED)
    assert "harms_suffered" in [q.fact for q in questions[:2]]
    harms = _by_fact(questions)["harms_suffered"]
    assert harms.narrows_inr == max(q.narrows_inr for q in questions)


def test_the_harms_move_more_money_than_anything_else_once_she_is_a_victim(
        ruleset: Ruleset) -> None:
    facts = {"trafficked": True, "crime_victim": True, "gender": "female", "age": 25,
             "state": "west_bengal"}
    by_fact = _by_fact(_questions(ruleset, facts))
    harms = by_fact["harms_suffered"]
    assert harms.narrows_inr == max(q.narrows_inr for q in by_fact.values())
    # the age at the offence only picks the child's or the adult's column once the row is
    # known: it narrows less than the harms, which pick the row
    assert 0 < by_fact["age_at_offence"].narrows_inr < harms.narrows_inr
    # no entitlement waits on it: it is asked for the amount alone
    assert harms.settles == 0 and by_fact["age_at_offence"].entitlements == 0


def test_a_fact_that_only_picks_a_column_narrows_once_the_row_is_known(
        ruleset: Ruleset) -> None:
    known = _by_fact(_questions(ruleset, {**UNTRACED, "harms_suffered": ["rape"]}))
    assert "harms_suffered" not in known
    # her age now is 28; whether she was a child at the offence picks the schedule's column
    assert known["age_at_offence"].narrows_inr > 0


def test_questions_are_ranked_by_settles_then_narrows(ruleset: Ruleset) -> None:
    for raw in ({}, {"age": 30}, {"trafficked": True}, UNTRACED):
        questions = _questions(ruleset, raw)
        keys = [(-q.settles, -q.narrows_inr, -q.entitlements) for q in questions]
        assert keys == sorted(keys), raw
        assert all(q.settles or q.narrows_inr or q.entitlements for q in questions)
        assert not set(raw) & {q.fact for q in questions}, "a known fact is asked again"


def test_nothing_is_narrowed_when_every_amount_is_fixed(ruleset: Ruleset) -> None:
    answer = evaluate(ruleset, {}, ON, what_if=False)
    open_inr = [b for r in answer.results if r.status != "not_eligible" for b in r.benefits
                if b.unit == "inr" and b.applies is not False and b.amount_max is not None
                and b.amount_max != (0 if b.applies is None else b.amount_min or 0)]
    assert open_inr, "an empty profile leaves amounts open"
    narrowing = [q for q in answer.questions if q.narrows_inr]
    assert narrowing
    # every fact credited with narrowing bears on some open amount
    bearing = {f for r in answer.results for b in r.benefits for f in b.missing}
    bearing |= {f for r in answer.results if r.status == "needs_info" for f in r.missing}
    assert {q.fact for q in narrowing} <= bearing


def test_narrowing_remembered_is_narrowing_worked_out(ruleset: Ruleset) -> None:
    """The memo keys what open amounts lose by the regions of the facts a version reads (and
    by the day and her State): remembered for one profile, it is right for the next."""
    memo = Remembered(Regions.of_ruleset(ruleset), ruleset.facts)
    days = [ON, *sorted({variant.start for ent in ruleset.entitlements.values()
                         for variant in ent.variants if variant.start.year >= 2016})[-5:]]
    untraced = [coerce_profile(ruleset, {**UNTRACED, "age_at_offence": age, "harms_suffered": h})
                for age in (15, 28) for h in (["rape"], ["grievous_injury"], [])]
    narrowed = 0
    for facts in untraced + random_profiles(ruleset, 20, 5, known=0.6):
        bare = {name: value for name, value in facts.items() if name != "state"}
        for her in (bare, {**bare, "state": "odisha"}, {**bare, "state": "kerala"}, bare):
            for day in days:
                in_force = ruleset.in_force(day, her.get("state"))
                results = evaluate(ruleset, her, day, what_if=False).results
                worked = narrowing(results, in_force, her, day, ruleset.facts)
                assert narrowing(results, in_force, her, day, ruleset.facts, memo) == worked
                narrowed += bool(worked)
    assert narrowed > 50
