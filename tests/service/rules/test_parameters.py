"""Parameters: dated figures, by State, read into each version where it is in force.

A copy of the tiny ruleset gets a `state` fact, one parameter file and one entitlement that
names its parameters in a condition and in amounts. Each test then checks an answer, or breaks
one thing and checks the error and its position.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from service.engine.evaluate import evaluate, statuses
from service.errors import RuleError, RulesetInvalid
from service.expr.kleene import FALSE, TRUE
from service.rules.lint import lint
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
D = dt.date

PARAMS = """\
title: Test amounts
sources:
  - id: act-2020
    title: Test Act, 2020
    confidence: H
  - id: wb-2021
    title: West Bengal test scheme, 2021
    confidence: M
parameters:
  grant:
    description: The grant
    unit: inr
    values:
      - from: 2020-01-01
        value: 1000
        instrument: Test Act, 2020
        provision: s.2
        sources: [act-2020]
      - from: 2022-01-01
        value: 2000
        instrument: Test Act, 2020, as amended
        sources: [act-2020]
    states:
      west_bengal:
        - from: 2021-01-01
          value: 5000
          instrument: West Bengal test scheme, 2021
          provision: Schedule, row 3
          sources: [wb-2021]
          verified: false
          note: Check the schedule.
  ceiling:
    age:
      description: The age up to which the grant is paid
      unit: years
      values:
        - from: 2020-01-01
          value: 18
          instrument: Test Act, 2020
          sources: [act-2020]
        - from: 2021-07-01
          value: 21
          instrument: Test Act, 2020, as amended
          sources: [act-2020]
  days:
    description: Days of work
    unit: days
    values:
      - from: 2020-01-01
        value: 10
        instrument: Test Act, 2020
        sources: [act-2020]
"""

ENTITLEMENT = """\
id: grant
title: A grant
domain: social
summary: A grant for a young trafficked person.
versions:
  - valid_from: 2020-01-01
    legal_basis:
      - instrument: Test Act, 2020
    when:
      - test: trafficked
      - test: age <= test_params.ceiling.age
    keep:
      - test: in_school
        cite: "Test Act s.3: paid while she attends school"
    benefits:
      - label: Grant
        amount: test_params.grant
        sources: [src]
      - label: Wages
        amount: {value: test_params.grant, times: test_params.days}
        sources: [src]
    office: dlsa
sources:
  - id: src
    title: A source
    confidence: H
"""


def make_rules(tmp_path: Path) -> Path:
    """A copy of the tiny rules with a `state` fact, the test parameters and the grant."""
    root = tmp_path / "rules"
    shutil.copytree(HERE / "tiny", root)
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text().replace("derived:", """\
  state:
    type: enum
    values: [west_bengal, odisha]
    question: Which State?
  in_school:
    type: bool
    question: Is she in school?
derived:"""))
    (root / "parameters").mkdir()
    (root / "parameters" / "test_params.yaml").write_text(PARAMS)
    (root / "social").mkdir()
    (root / "social" / "grant.yaml").write_text(ENTITLEMENT)
    return root


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return make_rules(tmp_path)


def grant(ruleset: Ruleset, on: D, **facts: object) -> dict[str, object]:
    answer = evaluate(ruleset, facts, on)
    [result] = [r for r in answer.results if r.entitlement == "grant"]
    return {"status": result.status, **{b.label: b for b in result.benefits},
            "keep": result.keep, "result": result}


# ---- values by date and State ---------------------------------------------------------------


def test_an_amount_follows_its_parameter_dates(rules: Path) -> None:
    ruleset = load_ruleset(rules)
    young = {"trafficked": True, "age": 15}
    assert grant(ruleset, D(2021, 12, 31), **young)["Grant"].amount == 1000
    assert grant(ruleset, D(2022, 1, 1), **young)["Grant"].amount == 2000
    assert grant(ruleset, D(2022, 1, 1), **young)["Wages"].amount == 20000


def test_a_state_value_wins_and_names_its_instrument(rules: Path) -> None:
    ruleset = load_ruleset(rules)
    answer = grant(ruleset, D(2022, 6, 1), trafficked=True, age=15, state="west_bengal")
    benefit = answer["Grant"]
    assert benefit.amount == 5000
    [figure] = benefit.figures
    assert (figure.parameter, figure.state) == ("test_params.grant", "west_bengal")
    assert figure.basis == "West Bengal test scheme, 2021, Schedule, row 3"
    assert figure.explanation.startswith("West Bengal: West Bengal test scheme, 2021")
    assert figure.verified is False and benefit.verified is False


def test_without_a_state_value_the_national_one_applies_and_says_so(rules: Path) -> None:
    ruleset = load_ruleset(rules)
    odisha = grant(ruleset, D(2022, 6, 1), trafficked=True, age=15, state="odisha")["Grant"]
    assert odisha.amount == 2000 and odisha.missing == []
    [figure] = odisha.figures
    assert figure.state is None
    assert figure.explanation.startswith("No value for Odisha is encoded here: the national value")
    # before West Bengal's scheme starts, West Bengal reads the national value too
    early = grant(ruleset, D(2020, 6, 1), trafficked=True, age=15, state="west_bengal")["Grant"]
    assert early.amount == 1000 and early.figures[0].state is None


def test_without_a_state_the_state_is_what_would_fix_the_amount(rules: Path) -> None:
    ruleset = load_ruleset(rules)
    benefit = grant(ruleset, D(2022, 6, 1), trafficked=True, age=15)["Grant"]
    assert benefit.amount == 2000
    assert "state" in benefit.missing
    assert "say which State" in benefit.figures[0].explanation


def test_a_condition_reads_the_parameter_in_force(rules: Path) -> None:
    ruleset = load_ruleset(rules)
    twenty = {"trafficked": True, "age": 20}
    assert statuses(ruleset, twenty, D(2021, 6, 30))["grant"] is FALSE
    assert statuses(ruleset, twenty, D(2021, 7, 1))["grant"] is TRUE
    reason = grant(ruleset, D(2021, 7, 1), **twenty)["result"].reasons[-1]
    assert reason.clause == "age <= test_params.ceiling.age"


def test_the_structure_is_one_version_read_for_each_stretch_and_state(rules: Path) -> None:
    ent = load_ruleset(rules).entitlements["grant"]
    assert len(ent.versions) == 1
    starts = sorted({(v.start, v.state) for v in ent.variants}, key=str)
    assert (D(2021, 7, 1), None) in starts and (D(2021, 1, 1), "west_bengal") in starts
    assert ent.version_on(D(2022, 1, 1), "odisha") is ent.version_on(D(2022, 1, 1))
    assert ent.version_on(D(2022, 1, 1), "west_bengal") is not ent.version_on(D(2022, 1, 1))


def test_a_figure_carried_to_another_process_is_found_there_by_its_content(rules: Path) -> None:
    # A figure keeps its hash, and a str's hash differs from one process to the next: one
    # unpickled elsewhere must hash as the same figure made there (a batch worker's memo).
    version = load_ruleset(rules).entitlements["grant"].version_on(D(2022, 6, 1), "west_bengal")
    assert version is not None
    figures = [f for b in version.benefits for slab in b.slabs for f in slab.figures]
    assert any(f.jurisdiction == "west_bengal" for f in figures)
    check = ("import pickle, sys\n"
             "from service.rules.parameters import Figure\n"
             "for f in pickle.loads(sys.stdin.buffer.read()):\n"
             "    made = Figure(f.parameter, f.value, f.jurisdiction, f.by_state)\n"
             "    assert hash(f) == hash(made) and {made: 1}[f] == 1, f\n")
    done = subprocess.run([sys.executable, "-c", check], input=pickle.dumps(figures),
                          capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "7"})
    assert done.returncode == 0, done.stderr.decode()


def test_conditions_to_keep_are_listed_and_do_not_refuse(rules: Path) -> None:
    ruleset = load_ruleset(rules)
    answer = grant(ruleset, D(2022, 6, 1), trafficked=True, age=15, in_school=False)
    assert answer["status"] == "eligible"
    [keep] = answer["keep"]
    assert (keep.clause, keep.value) == ("in_school", False)
    assert grant(ruleset, D(2022, 6, 1), trafficked=True, age=15)["keep"][0].value is None


# ---- mistakes, each at its place -------------------------------------------------------------


def errors_after(rules: Path, file: str, old: str, new: str) -> list[RuleError]:
    path = rules / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(RulesetInvalid) as info:
        load_ruleset(rules)
    return info.value.errors


def at(errors: list[RuleError]) -> set[tuple[str, str, int, int]]:
    return {(e.file, e.code, e.line, e.col) for e in errors}


def where(rules: Path, file: str, needle: str, shift: int = 0) -> tuple[int, int]:
    """1-based line and column of ``needle`` (plus ``shift`` characters) in the file now."""
    text = (rules / file).read_text()
    before = text[: text.index(needle) + shift]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


ENT = "social/grant.yaml"
PAR = "parameters/test_params.yaml"


def test_an_unknown_parameter_in_a_condition_names_its_column(rules: Path) -> None:
    errors = errors_after(rules, ENT, "age <= test_params.ceiling.age",
                          "age <= test_params.ceiling.agee")
    assert at(errors) == {(ENT, "E420", *where(rules, ENT, "test_params.ceiling.agee"))}
    assert errors[0].hint == "test_params.ceiling.age"


def test_an_unknown_parameter_in_an_amount(rules: Path) -> None:
    errors = errors_after(rules, ENT, "amount: test_params.grant\n", "amount: test_params.grnt\n")
    assert at(errors) == {(ENT, "E420", *where(rules, ENT, "test_params.grnt"))}


def test_a_parameter_of_another_unit(rules: Path) -> None:
    errors = errors_after(rules, ENT, "amount: test_params.grant\n",
                          "amount: test_params.days\n")
    assert at(errors) == {(ENT, "E421", *where(rules, ENT, "test_params.days\n"))}


def test_a_range_in_a_condition(rules: Path) -> None:
    errors = errors_after(rules, PAR, "          value: 21\n", "          max: 21\n")
    assert at(errors) == {(ENT, "E421", *where(rules, ENT, "test_params.ceiling.age"))}


def test_a_gap_where_a_version_needs_a_value(rules: Path) -> None:
    errors = errors_after(rules, PAR, "        value: 1000\n",
                          "        value: 1000\n        until: 2020-06-30\n")
    assert {(e.file, e.code) for e in errors} == {(ENT, "E422")}


def test_an_overlap_in_a_series(rules: Path) -> None:
    errors = errors_after(rules, PAR, "        value: 1000\n",
                          "        value: 1000\n        until: 2022-06-30\n")
    assert at(errors) == {(PAR, "E423", *where(rules, PAR, "2022-01-01"))}


def test_values_out_of_order(rules: Path) -> None:
    errors = errors_after(rules, PAR, "      - from: 2022-01-01", "      - from: 2019-01-01")
    assert at(errors) == {(PAR, "E423", *where(rules, PAR, "2019-01-01"))}


def test_a_value_without_a_source(rules: Path) -> None:
    errors = errors_after(rules, PAR, "        provision: s.2\n        sources: [act-2020]\n",
                          "        provision: s.2\n")
    first = where(rules, PAR, "from: 2020-01-01\n        value: 1000")
    assert at(errors) == {(PAR, "E424", *first)}


def test_an_unknown_source(rules: Path) -> None:
    errors = errors_after(rules, PAR, "sources: [wb-2021]", "sources: [wb-2012]")
    assert at(errors) == {(PAR, "E425", *where(rules, PAR, "wb-2012"))}
    assert errors[0].hint == "wb-2021"


def test_a_state_key_that_is_not_a_state(rules: Path) -> None:
    errors = errors_after(rules, PAR, "      west_bengal:", "      west_bengall:")
    assert at(errors) == {(PAR, "E426", *where(rules, PAR, "west_bengall"))}
    assert errors[0].hint == "west_bengal"


def test_a_parameter_file_named_out_of_pattern(rules: Path) -> None:
    (rules / "parameters" / "test_params.yaml").rename(rules / "parameters" / "Test-Params.yaml")
    with pytest.raises(RulesetInvalid) as info:
        load_ruleset(rules)
    codes = {(e.file, e.code) for e in info.value.errors}
    assert ("parameters/Test-Params.yaml", "E427") in codes


def test_lint_asks_for_a_parameter_where_a_figure_is_written_in_place(rules: Path) -> None:
    path = rules / ENT
    path.write_text(path.read_text().replace("amount: test_params.grant\n", "amount: 1000\n"))
    findings = [e for e in lint(load_ruleset(rules)) if e.code == "W428" and e.file == ENT]
    assert {(e.line, e.col) for e in findings} == {where(rules, ENT, "1000\n")}
