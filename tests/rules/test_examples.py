"""Every example embedded in a rule file is one test case."""

from __future__ import annotations

import pytest

from service.engine.examples import run_example
from service.rules import model
from service.rules.load import load_ruleset
from service.rules.ruleset import Entitlement, Ruleset
from tests.conftest import RULES

_RULES = load_ruleset(RULES)
CASES = [(ent, ex) for ent in _RULES.entitlements.values() for ex in ent.examples]


@pytest.mark.parametrize(("ent", "example"), CASES,
                         ids=[f"{e.id}: {x.name}" for e, x in CASES])
def test_example(ent: Entitlement, example: model.Example) -> None:
    outcome = run_example(_RULES, ent, example)
    assert outcome.passed, "\n".join(outcome.problems)


def test_every_entitlement_has_the_three_outcomes(ruleset: Ruleset) -> None:
    for ent in ruleset.entitlements.values():
        statuses = {ex.expect.status for ex in ent.examples}
        assert {"eligible", "not_eligible", "needs_info"} <= statuses, ent.id


def test_a_wrong_expectation_fails() -> None:
    ent, example = CASES[0]
    flipped = "not_eligible" if example.expect.status == "eligible" else "eligible"
    wrong = example.model_copy(update={"expect": example.expect.model_copy(
        update={"status": flipped})})
    assert not run_example(_RULES, ent, wrong).passed
