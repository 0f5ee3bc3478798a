"""durable-rules, run in a child process, must find exactly the eligible set ``statuses()``
finds, for random fully-known profiles, on the bundled rules and on a small rule base written
here to reach every kind of condition node (dates, sets, in, not, derived, chains, gaps)."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from service.expr.kleene import TRUE
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset

from . import durable_oracle as oracle

ROOT = Path(__file__).resolve().parents[2]
# Either side of the 2024-07-01 switch (BNS/BNSS), a date long before, and one long after.
DATES = [dt.date(2020, 1, 1), dt.date(2024, 6, 30), dt.date(2024, 7, 1), dt.date(2024, 7, 2),
         dt.date(2026, 11, 28)]
PROFILES = 3000


@pytest.fixture(scope="module")
def bundled() -> Ruleset:
    return load_ruleset(ROOT / "rules")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    root = tmp_path_factory.mktemp("rules")
    for name, text in SYNTHETIC_FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return load_ruleset(root)


def check(ruleset: Ruleset, as_of: dt.date, count: int = PROFILES) -> list[Any]:
    """Run the oracle on ``count`` random fully-known profiles; return the disagreements."""
    profiles = oracle.random_profiles(ruleset, count, seed=as_of.toordinal())
    plans = oracle.translate_ruleset(ruleset, as_of)
    run = oracle.run_oracle(plans, [oracle.encode(ruleset, p) for p in profiles])
    return oracle.disagreements(ruleset, as_of, profiles, run.fired)


def report(found: list[Any]) -> str:
    return f"{len(found)} disagreements, first ones:\n" + "\n".join(map(str, found[:5]))


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_bundled_rules_agree(bundled: Ruleset, as_of: dt.date) -> None:
    found = check(bundled, as_of)
    assert not found, report(found)


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_every_kind_of_condition_agrees(synthetic: Ruleset, as_of: dt.date) -> None:
    found = check(synthetic, as_of, 2000)
    assert not found, report(found)


def test_profiles_reach_both_outcomes(bundled: Ruleset) -> None:
    """An oracle that only ever sees "not eligible" proves little: each entitlement in force
    must come out eligible for some random profiles and not eligible for others."""
    from service.engine.evaluate import statuses

    as_of = DATES[-1]
    seen: dict[str, set[bool]] = {}
    for facts in oracle.random_profiles(bundled, PROFILES, seed=as_of.toordinal()):
        for name, status in statuses(bundled, facts, as_of).items():
            seen.setdefault(name, set()).add(status is TRUE)
    narrow = sorted(name for name, outcomes in seen.items() if len(outcomes) < 2)
    assert not narrow, f"random profiles never change the outcome of {narrow}: bias " \
                       "random_value toward their conditions"


def test_a_flipped_comparison_is_caught(synthetic: Ruleset) -> None:
    as_of = DATES[-1]
    profiles = oracle.random_profiles(synthetic, 2000, seed=7)
    plans = oracle.translate_ruleset(synthetic, as_of)
    flipped = first_leaf(plans["cond-compare"], "<")
    flipped["op"] = "<="  # age < 18 read as age <= 18: wrong only at 18
    run = oracle.run_oracle(plans, [oracle.encode(synthetic, p) for p in profiles])
    found = oracle.disagreements(synthetic, as_of, profiles, run.fired)
    assert found, "a wrong translation went unnoticed"
    assert all(d.engine ^ d.durable == {"cond-compare"} for d in found)
    assert all(d.facts["age"] == 18 for d in found)


def test_a_misspelt_attribute_is_refused(synthetic: Ruleset) -> None:
    """durable-rules would read `agee` as false; the child refuses the plan instead."""
    plans = oracle.translate_ruleset(synthetic, DATES[-1])
    first_leaf(plans["cond-compare"], "<")["attr"] = "agee"
    profiles = oracle.random_profiles(synthetic, 5, seed=1)
    with pytest.raises(oracle.OracleError, match="agee"):
        oracle.run_oracle(plans, [oracle.encode(synthetic, p) for p in profiles])


def test_a_crashed_child_fails_the_oracle_not_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    crash = [sys.executable, "-c", "import os; os.abort()"]
    monkeypatch.setattr(oracle, "child_command", lambda: crash)
    with pytest.raises(oracle.OracleError, match="SIGABRT"):
        oracle.run_oracle({}, [{}])


def test_a_batch_of_1024_is_refused() -> None:
    with pytest.raises(oracle.OracleError, match="batch"):
        oracle.run_oracle({}, [{}], batch=1024)


def test_translation_pushes_not_to_the_leaves(synthetic: Ruleset) -> None:
    plans = oracle.translate_ruleset(synthetic, DATES[-1])
    assert plans["cond-empty"] == {"any": [{"const": False}, oracle.leaf("flag_a", "==", True)]}
    assert oracle.node_plan(synthetic.derived["is_child"].node, negate=True) == \
        oracle.leaf("age", ">=", 18)


def first_leaf(plan: oracle.Plan, op: str) -> oracle.Plan:
    if plan.get("op") == op:
        return plan
    for kid in plan.get("all", []) + plan.get("any", []):
        found = first_leaf(kid, op)
        if found:
            return found
    return {}


# ---- a small rule base reaching every kind of node ----------------------------------------

SOURCE = """
    sources:
      - id: s
        title: test
        confidence: H
"""


def entitlement(ident: str, domain: str, versions: str) -> str:
    head = f"""
        id: {ident}
        title: {ident}
        domain: {domain}
        summary: a test entitlement
        versions:
    """
    return textwrap.dedent(head) + textwrap.indent(textwrap.dedent(versions), "  ") \
        + textwrap.dedent(SOURCE)


def version(when: str, since: str = "2000-01-01", until: str | None = None) -> str:
    end = f"\n  valid_until: {until}" if until else ""
    body = textwrap.indent(textwrap.dedent(when).strip(), "    ")
    return (f"- valid_from: {since}{end}\n  legal_basis: [{{instrument: test}}]\n"
            f"  office: office\n  when:\n{body}\n")


SYNTHETIC_FILES = {
    "ruleset.yaml": "name: oracle test rules\nversion: '1'\n",
    "offices.yaml": "offices:\n  office: {name: An office, level: district}\n",
    "documents.yaml": "documents:\n  paper: {name: A paper, issued_by: office}\n",
    "facts.yaml": """
        facts:
          age: {type: int, min: 0, max: 120, question: q}
          income: {type: int, min: 0, max: 100000000, question: q}
          children: {type: int, min: 0, question: q}
          score: {type: int, question: q}
          gender: {type: enum, values: [female, male, transgender], question: q}
          state: {type: enum, values: [goa, kerala, bihar, assam], question: q}
          flag_a: {type: bool, question: q}
          flag_b: {type: bool, question: q}
          destitute: {type: bool, question: q}
          harms: {type: set, values: [rape, gang_rape, acid, burn, minor], question: q}
          rescued_on: {type: date, question: q}
        derived:
          is_child: {expr: age < 18}
          poor: {expr: "income <= 72000 or destitute"}
    """,
    "legal/cond-compare.yaml": entitlement("cond-compare", "legal", version("""
        - test: 14 <= age < 18 or age >= 60 or score > -5
        - test: gender != 'male'
        - test: children > 2 or children == 0
    """)),
    "health/cond-sets.yaml": entitlement("cond-sets", "health", version("""
        - any:
            - test: has_any(harms, ['rape', 'gang_rape'])
            - test: "'acid' in harms and 'burn' not in harms"
        - test: not has_any(harms, ['minor'])
    """)),
    "social/cond-dates.yaml": entitlement("cond-dates", "social", version("""
        - test: rescued_on >= date('2020-01-01') and rescued_on < date('2024-07-01')
    """, until="2024-06-30") + version("""
        - test: rescued_on > date('2024-06-30') or not (rescued_on <= date('2010-05-05'))
        - test: rescued_on != date('2025-01-01')
    """, since="2024-07-01")),
    "livelihood/cond-negation.yaml": entitlement("cond-negation", "livelihood", version("""
        - test: not (is_child or (income > 100000 and state in ['goa', 'kerala']))
        - any:
            - all:
                - test: flag_a == false
                - test: flag_b != true
            - test: state not in ['goa'] and age not in [30, 31, 32]
            - test: age in [40, 41] and not poor
    """)),
    "education/cond-empty.yaml": entitlement("cond-empty", "education", version("""
        - test: age in [] or flag_a
    """)),
    "legal/cond-gap.yaml": entitlement("cond-gap", "legal", version("""
        - test: poor and not flag_a
    """, since="2024-07-02", until="2024-07-02")),
}
