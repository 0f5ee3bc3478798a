"""Version selection by date, on both sides of every boundary in the rule base."""

from __future__ import annotations

import datetime as dt

import pytest

from service.engine.evaluate import evaluate
from service.rules.ruleset import Ruleset

DAY = dt.timedelta(days=1)


def test_crpc_until_30_june_2024_and_bnss_from_1_july(ruleset: Ruleset) -> None:
    facts = {"crime_victim": True}
    before = _result(ruleset, facts, dt.date(2024, 6, 30), "victim-compensation")
    after = _result(ruleset, facts, dt.date(2024, 7, 1), "victim-compensation")
    assert before.version.valid_until == dt.date(2024, 6, 30)
    assert after.version.valid_from == dt.date(2024, 7, 1)
    assert any("Criminal Procedure" in b.instrument for b in before.version.legal_basis)
    assert not any("Nagarik" in b.instrument for b in before.version.legal_basis)
    assert any("Nagarik" in b.instrument for b in after.version.legal_basis)


def test_every_boundary_selects_the_right_version(ruleset: Ruleset) -> None:
    # A version may be read again where its parameters change (a variant), so the version in
    # force is compared by its dates: every variant of a version carries the version's dates.
    def start(day: dt.date) -> dt.date | None:
        found = ent.version_on(day)
        return None if found is None else found.valid_from

    checked = 0
    for ent in ruleset.entitlements.values():
        for i, version in enumerate(ent.versions):
            previous = ent.versions[i - 1] if i else None
            assert ent.version_on(version.valid_from) is version  # its first day: itself
            expected_before = previous.valid_from if previous and previous.in_force(
                version.valid_from - DAY) else None
            assert start(version.valid_from - DAY) == expected_before
            if version.valid_until is not None:
                assert start(version.valid_until) == version.valid_from
                assert start(version.valid_until + DAY) != version.valid_from
            checked += 1
    assert checked >= len(ruleset.entitlements)


@pytest.mark.parametrize(("as_of", "amount"), [
    (dt.date(2017, 1, 16), 5000), (dt.date(2017, 1, 17), 20000),
    (dt.date(2022, 1, 26), 20000), (dt.date(2022, 1, 27), 30000)])
def test_bonded_labour_immediate_assistance_by_date(ruleset: Ruleset, as_of: dt.date,
                                                    amount: int) -> None:
    result = _result(ruleset, {"released_from_bonded_labour": True}, as_of,
                     "bonded-labour-rehabilitation")
    immediate = next(b for b in result.benefits if b.label == "Immediate assistance")
    assert immediate.amount_max == amount


def test_an_entitlement_with_no_version_in_force_is_left_out(ruleset: Ruleset) -> None:
    first = min(v.valid_from for e in ruleset.entitlements.values() for v in e.versions)
    assert evaluate(ruleset, {}, first - DAY).results == []
    on_first = evaluate(ruleset, {}, first).results
    assert on_first and all(r.version.valid_from == first for r in on_first)


def _result(ruleset: Ruleset, facts: dict[str, object], as_of: dt.date, ent_id: str):  # type: ignore[no-untyped-def]
    answer = evaluate(ruleset, facts, as_of)
    return next(r for r in answer.results if r.entitlement == ent_id)
