"""The full answer: status, reasons, amounts, documents, offices, questions."""

from __future__ import annotations

import datetime as dt

from service.engine.evaluate import evaluate, statuses
from service.engine.offices import Place
from service.expr.kleene import TRUE
from service.rules.ruleset import Ruleset

ON = dt.date(2026, 11, 28)


def _by_id(answer):  # type: ignore[no-untyped-def]
    return {r.entitlement: r for r in answer.results}


def test_an_empty_profile_needs_information_everywhere(ruleset: Ruleset) -> None:
    answer = evaluate(ruleset, {}, ON)
    assert answer.results
    assert all(r.status == "needs_info" and r.missing for r in answer.results)
    assert answer.questions, "an empty profile must lead to questions"
    first = answer.questions[0]
    assert first.entitlements == max(q.entitlements for q in answer.questions)
    assert first.question == ruleset.facts[first.fact].question


def test_questions_count_the_entitlements_waiting(ruleset: Ruleset) -> None:
    answer = evaluate(ruleset, {"age": 30}, ON)
    for q in answer.questions:
        waiting = [r for r in answer.results if r.status == "needs_info" and q.fact in r.missing]
        assert q.entitlements == len(waiting)
        assert q.settles == sum(1 for r in waiting if r.missing == [q.fact])
    assert "age" not in {q.fact for q in answer.questions}


def test_not_eligible_names_the_clause_and_the_value(ruleset: Ruleset) -> None:
    facts = {"age": 19, "residence_area": "rural", "in_school": True, "trafficked": True}
    result = _by_id(evaluate(ruleset, facts, ON))["child-sponsorship"]
    assert result.status == "not_eligible"
    decisive = result.reasons  # only the clauses that decided it
    assert decisive and all(r.value is False for r in decisive)
    assert any(r.seen.get("age") == 19 for r in decisive)
    # in plain words: what she is and what the rule asks, never the condition's code
    assert any("19, 18 or more" in r.explanation for r in decisive)
    assert not any("<" in r.explanation or "=" in r.explanation for r in decisive)


def test_unknown_slab_gives_a_range_with_the_facts_that_fix_it(ruleset: Ruleset) -> None:
    facts = {"released_from_bonded_labour": True, "case_outcome": "convicted"}
    result = _by_id(evaluate(ruleset, facts, dt.date(2020, 1, 1)))[
        "bonded-labour-rehabilitation"]
    full = next(b for b in result.benefits if b.label == "Full rehabilitation assistance")
    assert (full.amount_min, full.amount_max, full.amount) == (100000, 300000, None)
    assert "gender" in full.missing
    narrowed = _by_id(evaluate(ruleset, {**facts, "gender": "transgender"},
                               dt.date(2020, 1, 1)))["bonded-labour-rehabilitation"]
    full = next(b for b in narrowed.benefits if b.label == "Full rehabilitation assistance")
    assert full.amount == 300000 and full.missing == []


def test_documents_are_marked_held_only_when_the_profile_lists_them(ruleset: Ruleset) -> None:
    facts = {"released_from_bonded_labour": True}
    plain = _by_id(evaluate(ruleset, facts, ON))["bonded-labour-rehabilitation"]
    assert all(d.held is None for d in plain.documents)
    held = _by_id(evaluate(ruleset, facts, ON, documents_held={"release-certificate"}))[
        "bonded-labour-rehabilitation"]
    marks = {d.id: d.held for d in held.documents}
    assert marks["release-certificate"] is True
    assert any(v is False for v in marks.values())


def test_offices_are_named_for_the_district_and_state(ruleset: Ruleset) -> None:
    facts = {"crime_victim": True, "state": "west_bengal"}
    place = Place(district="Purulia", state="west_bengal")
    result = _by_id(evaluate(ruleset, facts, ON, place=place))["victim-compensation"]
    assert result.office.name.endswith(", Purulia")
    assert [o.id for o in result.office.escalates_to][:1] == ["slsa"]
    assert result.office.escalates_to[0].name.endswith(", West Bengal")


def test_domain_filter(ruleset: Ruleset) -> None:
    answer = evaluate(ruleset, {}, ON, domains={"health"})
    assert answer.results and {r.domain for r in answer.results} == {"health"}


def test_fast_path_agrees_with_the_full_answer(ruleset: Ruleset) -> None:
    facts = {"age": 16, "gender": "female", "trafficked": True, "crime_victim": True,
             "residence_area": "rural", "in_school": True, "family_annual_income_inr": 50000}
    full = {r.entitlement: r.status for r in evaluate(ruleset, facts, ON).results}
    fast = statuses(ruleset, facts, ON)
    assert set(full) == set(fast)
    for ent_id, tri in fast.items():
        assert (full[ent_id] == "eligible") == (tri is TRUE)


def test_the_engine_does_not_change_the_profile(ruleset: Ruleset) -> None:
    facts = {"age": 16, "gender": "female"}
    copy = dict(facts)
    evaluate(ruleset, facts, ON)
    assert facts == copy


def test_an_amount_that_every_possible_slab_gives_is_exact(ruleset: Ruleset) -> None:
    # A trafficked woman, convicted accused, whether she was also sexually exploited unknown:
    # two slabs are still possible, but both pay Rs 3 lakh, so the amount is fixed.
    facts = {"released_from_bonded_labour": True, "gender": "female", "age": 30,
             "trafficked": True, "case_outcome": "convicted"}
    result = _by_id(evaluate(ruleset, facts, dt.date(2020, 1, 1)))["bonded-labour-rehabilitation"]
    [full] = [b for b in result.benefits if b.label == "Full rehabilitation assistance"]
    assert (full.amount, full.amount_min, full.amount_max) == (300000, 300000, 300000)
