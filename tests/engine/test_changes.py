"""What would change the answer: the suggested changes make her eligible, and where each
answer to the next question leads is where it does lead."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest

from service.corpus import read_profiles
from service.engine.evaluate import evaluate
from service.engine.profile import coerce_profile
from service.engine.result import EntitlementResult, Evaluation
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset

TINY = Path(__file__).resolve().parent.parent / "service" / "rules" / "tiny"
# A day in each stretch of the schemes' versions that read facts she can act on.
DAYS = (dt.date(2026, 11, 28), dt.date(2019, 6, 1), dt.date(2015, 6, 1))
CORPUS = [raw for _, raw in itertools.islice(read_profiles(), 100)]


def _by_id(answer: Evaluation) -> dict[str, EntitlementResult]:
    return {r.entitlement: r for r in answer.results}


def _answers(ruleset: Ruleset) -> list[tuple[dict[str, Any], dt.date, Evaluation]]:
    out = []
    for raw in CORPUS:
        facts = coerce_profile(ruleset, raw)
        for day in DAYS:
            out.append((facts, day, evaluate(ruleset, facts, day)))
    return out


@pytest.fixture(scope="module")
def answers(ruleset: Ruleset) -> list[tuple[dict[str, Any], dt.date, Evaluation]]:
    return _answers(ruleset)


def _status_after(ruleset: Ruleset, facts: dict[str, Any], change: dict[str, Any],
                  day: dt.date, entitlement: str) -> str:
    """The entitlement's status, evaluated afresh for ``facts`` with ``change`` made."""
    changed = coerce_profile(ruleset, {**facts, **change})
    domain = ruleset.entitlements[entitlement].domain
    answer = evaluate(ruleset, changed, day, domains={domain}, brief=True, what_if=False)
    return _by_id(answer)[entitlement].status


def test_each_suggested_change_makes_the_corpus_profile_eligible(
        ruleset: Ruleset, answers: list[tuple[dict[str, Any], dt.date, Evaluation]]) -> None:
    tried = 0
    for facts, day, answer in answers:
        for result in answer.results:
            if result.status != "not_eligible":
                assert result.changes == []
                continue
            assert len(result.changes) <= 3
            for change in result.changes:
                assert 1 <= len(change.facts) <= 2
                assert all(ruleset.facts[name].can_change for name in change.facts)
                after = _status_after(ruleset, facts, change.facts, day, result.entitlement)
                assert after == "eligible", (result.entitlement, change.facts)
                assert change.words.startswith("Eligible once ")
                assert not any("_" in word for word in change.words.split()), change.words
                tried += 1
            sizes = [len(c.facts) for c in result.changes]
            assert sizes == sorted(sizes), "fewest facts first"
            for a, b in itertools.permutations(result.changes, 2):
                assert not set(a.facts) < set(b.facts), "a suggestion holds a smaller one"
    assert tried >= 20, f"only {tried} suggestions in the corpus: the test would prove little"


def test_no_single_change_is_missed(
        ruleset: Ruleset, answers: list[tuple[dict[str, Any], dt.date, Evaluation]]) -> None:
    """Where nothing is suggested, no one fact she can act on, set to any value the rules know
    (a yes/no fact to yes), makes the result eligible: the search leaves nothing out."""
    changeable = {name: (list(d.values) if d.kind == "enum" else [True])
                  for name, d in ruleset.facts.items() if d.can_change}
    assert all(ruleset.facts[n].kind in ("bool", "enum") for n in changeable)
    for facts, day, answer in answers[::3]:
        missed = [r for r in answer.results if r.status == "not_eligible" and not r.changes]
        if not missed:
            continue
        for name, values in changeable.items():
            for value in values:
                if facts.get(name) == value:
                    continue
                changed = coerce_profile(ruleset, {**facts, name: value})
                after = _by_id(evaluate(ruleset, changed, day, brief=True, what_if=False))
                for result in missed:
                    assert after[result.entitlement].status != "eligible", (
                        result.entitlement, name, value)


def test_each_outcome_is_where_that_answer_leads(
        ruleset: Ruleset, answers: list[tuple[dict[str, Any], dt.date, Evaluation]]) -> None:
    checked = 0
    for facts, day, answer in answers[::4]:
        for result in answer.results:
            if result.status != "needs_info":
                assert result.outcomes == []
                continue
            name = result.missing[0]
            fact = ruleset.facts[name]
            if fact.kind == "set":
                continue
            assert result.outcomes, (result.entitlement, name)
            for outcome in result.outcomes:
                # the first and last answers of each group or range
                ends: list[Any] = [*outcome.values] or [outcome.low, outcome.high]
                for value in dict.fromkeys(v for v in (ends[0], ends[-1]) if v is not None):
                    after = _status_after(ruleset, facts, {name: value}, day,
                                          result.entitlement)
                    assert after == outcome.status, (result.entitlement, name, value)
                    checked += 1
    assert checked >= 100


def test_a_brief_answer_leaves_them_out_unless_asked(ruleset: Ruleset) -> None:
    facts = {"age": 30, "gender": "female", "ration_card": "other", "shg_member": False,
             "residence_area": "rural", "below_poverty_line": False}
    day = DAYS[0]
    brief = _by_id(evaluate(ruleset, facts, day, brief=True))
    assert all(not r.changes and not r.outcomes for r in brief.values())
    asked = _by_id(evaluate(ruleset, facts, day, brief=True, what_if=True))
    assert any(r.changes for r in asked.values())


# ---- hand cases on the bundled rules --------------------------------------------------------


def test_joining_a_self_help_group_or_a_poorer_households_card(ruleset: Ruleset) -> None:
    facts = {"age": 30, "gender": "female", "residence_area": "rural", "ration_card": "other",
             "shg_member": False, "below_poverty_line": False}
    result = _by_id(evaluate(ruleset, facts, DAYS[0]))["self-help-group-support"]
    assert result.status == "not_eligible"
    suggested = {tuple(c.facts.items()) for c in result.changes}
    assert (("shg_member", True),) in suggested
    words = {c.words for c in result.changes}
    assert "Eligible once she is a member of a women's self-help group (SHG)" in words


def test_never_suggests_leaving_school(ruleset: Ruleset) -> None:
    """The Scheme for Adolescent Girls is for girls out of school: a girl in school is not
    eligible, and the answer does not tell her to leave."""
    facts = {"age": 12, "gender": "female", "in_school": True}
    result = _by_id(evaluate(ruleset, facts, dt.date(2019, 6, 1)))["adolescent-girls-nutrition"]
    assert result.status == "not_eligible"
    assert all("in_school" not in c.facts for c in result.changes)


def test_a_child_declared_in_need_of_care(ruleset: Ruleset) -> None:
    facts = {"age": 12, "trafficked": False, "restored_from_institution": False,
             "in_need_of_care_and_protection": False, "has_family_support": False}
    result = _by_id(evaluate(ruleset, facts, DAYS[0]))["foster-care"]
    assert result.status == "not_eligible"
    assert [(c.facts, c.words) for c in result.changes] == [(
        {"in_need_of_care_and_protection": True},
        "Eligible once the Child Welfare Committee (CWC) has declared or treated her as a child "
        "in need of care and protection")]


# ---- hand cases on rules written for the test ------------------------------------------------

_FACTS = """
  in_school:
    type: bool
    says: {true: she is enrolled in school, false: she is not enrolled in school}
    can_change: true
    question: Is she going to school now?
  released_from_bonded_labour:
    type: bool
    says: {true: she was freed from bonded labour, false: she was not freed from bonded labour}
    question: Was she freed from bonded labour?
  release_certificate_issued:
    type: bool
    says:
      true: the District Magistrate has issued her a release certificate
      false: no release certificate has been issued to her
    can_change: true
    question: Has the District Magistrate issued her a release certificate?
  ration_card:
    type: enum
    values: [antyodaya, priority, other, none]
    labels: {antyodaya: Antyodaya, priority: priority household, other: another kind, none: none}
    label: her household's ration card
    can_change: true
    question: Which ration card does her household have?
"""

_ENTITLEMENT = """id: {id}
title: {title}
domain: {domain}
summary: A test entitlement.
versions:
  - valid_from: 2020-01-01
    verified: true
    legal_basis:
      - instrument: Test Act, 2020
    when:
{when}
    benefits:
      - label: Help
        amount: 1000
        sources: [src]
    office: dlsa
sources:
  - id: src
    title: A test source
    confidence: H
"""

_HAND = {
    "education/school-kit": ("A school kit", ["age < 18", "in_school"]),
    "livelihood/bonded-rehab": ("Rehabilitation of a freed bonded labourer",
                                ["released_from_bonded_labour", "release_certificate_issued"]),
    "livelihood/two-steps": ("Needs two steps", ["in_school", "release_certificate_issued"]),
    "social/food": ("Food grain", ["ration_card in ['antyodaya', 'priority']"]),
}
ON = dt.date(2024, 1, 1)


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    root = tmp_path_factory.mktemp("hand") / "rules"
    shutil.copytree(TINY, root)
    with (root / "facts.yaml").open("r+", encoding="utf-8") as f:
        text = f.read().replace("derived:\n", _FACTS.lstrip("\n") + "derived:\n")
        f.seek(0)
        f.write(text)
    for path, (title, tests) in _HAND.items():
        domain, name = path.split("/")
        when = "\n".join(f"      - test: {t}" for t in tests)
        (root / domain).mkdir(exist_ok=True)
        (root / f"{path}.yaml").write_text(
            _ENTITLEMENT.format(id=name, title=title, domain=domain, when=when), encoding="utf-8")
    return load_ruleset(root)


def _hand(ruleset: Ruleset, facts: dict[str, Any], entitlement: str) -> EntitlementResult:
    return _by_id(evaluate(ruleset, facts, ON))[entitlement]


def test_enrolling_in_school_makes_her_eligible(hand: Ruleset) -> None:
    result = _hand(hand, {"age": 15, "in_school": False}, "school-kit")
    assert result.status == "not_eligible"
    assert [(c.facts, c.words) for c in result.changes] == [
        ({"in_school": True}, "Eligible once she is enrolled in school")]
    # a fact she does not have yet is set too
    unset = _hand(hand, {"age": 19}, "school-kit")
    assert unset.status == "not_eligible" and unset.changes == []  # her age is not hers to change
    assert _hand(hand, {"age": 15, "in_school": True}, "school-kit").changes == []


def test_the_release_certificate_makes_her_eligible(hand: Ruleset) -> None:
    facts = {"released_from_bonded_labour": True, "release_certificate_issued": False}
    result = _hand(hand, facts, "bonded-rehab")
    assert [c.facts for c in result.changes] == [{"release_certificate_issued": True}]
    assert result.changes[0].words == (
        "Eligible once the District Magistrate has issued her a release certificate")
    not_freed = _hand(hand, {**facts, "released_from_bonded_labour": False}, "bonded-rehab")
    assert not_freed.status == "not_eligible" and not_freed.changes == []


def test_two_facts_changed_together(hand: Ruleset) -> None:
    facts = {"in_school": False, "release_certificate_issued": False}
    result = _hand(hand, facts, "two-steps")
    assert [c.facts for c in result.changes] == [
        {"in_school": True, "release_certificate_issued": True}]
    assert result.changes[0].words == ("Eligible once she is enrolled in school and the "
                                       "District Magistrate has issued her a release certificate")


def test_each_value_of_a_changeable_enum_that_serves(hand: Ruleset) -> None:
    result = _hand(hand, {"ration_card": "none"}, "food")
    assert [c.facts for c in result.changes] == [{"ration_card": "antyodaya"},
                                                 {"ration_card": "priority"}]
    assert result.changes[1].words == (
        "Eligible once her household's ration card is priority household")


def test_outcomes_of_the_next_question(hand: Ruleset) -> None:
    school = _hand(hand, {"age": 15}, "school-kit")
    assert school.status == "needs_info" and school.missing == ["in_school"]
    assert [(o.status, o.values) for o in school.outcomes] == [
        ("eligible", [True]), ("not_eligible", [False])]
    by_age = _hand(hand, {}, "school-kit")
    assert by_age.missing[0] == "age"
    assert [(o.status, o.low, o.high) for o in by_age.outcomes] == [
        ("needs_info", 0, 17), ("not_eligible", 18, 120)]
    food = _hand(hand, {}, "food")
    assert [(o.status, o.values) for o in food.outcomes] == [
        ("eligible", ["antyodaya", "priority"]), ("not_eligible", ["other", "none"])]
