"""The State in the answer: the bundled rules read each figure for her State.

A trafficking survivor in each of the main source and destination States of trafficking is told
the amount of victim compensation with the instrument it came from: her State's own scheme, or
the national floor because no value of her State is encoded. The rural wage says what the
guaranteed days are worth where she lives.
"""

from __future__ import annotations

import datetime as dt

import pytest

from service.engine.evaluate import evaluate
from service.engine.offices import state_name
from service.engine.result import BenefitResult
from service.rules.ruleset import Ruleset

ON = dt.date(2026, 11, 28)
STATES = ["west_bengal", "odisha", "jharkhand", "bihar", "assam", "andhra_pradesh", "telangana",
          "maharashtra", "karnataka", "delhi"]
SURVIVOR = {"age": 25, "age_at_offence": 24, "gender": "female", "trafficked": True,
            "crime_victim": True,
            "sexually_exploited": True, "case_outcome": "accused_untraced",
            "residence_area": "rural"}


def benefit(ruleset: Ruleset, entitlement: str, label: str, **facts: object) -> BenefitResult:
    answer = evaluate(ruleset, {**SURVIVOR, **facts}, ON)
    [result] = [r for r in answer.results if r.entitlement == entitlement]
    assert result.status == "eligible", (entitlement, result.missing)
    [found] = [b for b in result.benefits if b.label == label]
    return found


@pytest.mark.parametrize("state", STATES)
def test_victim_compensation_names_her_states_figure_or_the_floor(ruleset: Ruleset,
                                                                  state: str) -> None:
    found = benefit(ruleset, "victim-compensation", "Compensation", state=state)
    assert found.figures, "the amount must come from a parameter"
    assert found.amount_min is not None or found.amount_max is not None
    for figure in found.figures:
        assert figure.basis, figure  # the instrument that sets it
        if figure.state == state:
            assert figure.explanation.startswith(f"{state_name(state)}: ")
        else:
            assert figure.state is None
            assert f"No value for {state_name(state)} is encoded here" in figure.explanation
            assert "national" in figure.explanation


def test_a_state_with_its_own_trafficking_figure_differs_from_the_floor(ruleset: Ruleset) -> None:
    own = [s for s in STATES
           if any(f.state == s for f in benefit(ruleset, "victim-compensation", "Compensation",
                                                state=s).figures)]
    assert own, "at least one of the ten States has a figure of its own encoded"


def test_without_a_state_the_answer_asks_for_it(ruleset: Ruleset) -> None:
    found = benefit(ruleset, "victim-compensation", "Compensation")
    assert "state" in found.missing


def test_the_wage_days_are_worth_the_states_notified_wage(ruleset: Ruleset) -> None:
    wage = ruleset.parameters["rural_wage.unskilled_daily_wage"]
    on = dt.date(2025, 6, 1)
    priced = [s for s in STATES if wage.on(on, s)[1] == s]
    assert priced
    for state in priced:
        answer = evaluate(ruleset, {**SURVIVOR, "age": 30, "state": state}, on)
        [result] = [r for r in answer.results if r.entitlement == "rural-wage-employment"]
        cash = [b for b in result.benefits if b.figures and b.unit == "inr"]
        assert cash, "a benefit says what the days are worth"
        value, _ = wage.on(on, state)
        assert value is not None and value.exact is not None
        days = ruleset.parameters["rural_wage.guaranteed_days"].on(on, None)[0]
        assert days is not None and days.exact is not None
        assert cash[0].amount == value.exact * days.exact
