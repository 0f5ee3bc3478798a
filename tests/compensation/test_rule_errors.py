"""Routes in rule files: a valid one loads; each wrong name is an error at its line and column.

One small entitlement with two routes is dropped into a copy of the tiny test ruleset
(tests/service/rules/tiny); each case breaks one thing and says where the error must point.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from service.errors import RuleError, RulesetInvalid
from service.rules.lint import errors_only, lint
from service.rules.load import load_ruleset
from tests.service.rules.test_load_errors import TINY, where

ROUTED = """\
id: routed
title: A routed entitlement
domain: legal
summary: Two routes to the same money.
versions:
  - valid_from: 2020-01-01
    verified: true
    legal_basis:
      - instrument: Test Act, 2020
    when:
      - test: trafficked
    benefits:
      - label: Interim
        amount: 1000
        sources: [src]
      - label: Final
        amount: 5000
        sources: [src]
    office: dlsa
    routes:
      - id: interim
        label: Interim relief
        interim: [Interim]
        forum: dlsa
        applicants: [victim]
        time_limits:
          - label: Decide
            days: 30
            start_fact: rescued_on
            office: dlsa
      - id: final
        label: Final award
        final: [Final]
        open_when:
          - test: age >= 18
        opens_on:
          - event: she turns 18
            when: age < 18
            sets: {age: 18}
            date_fact: rescued_on
        forum: dlsa
        payer: slsa
        applicants: [victim, dependants]
        documents: [fir-copy]
        interactions:
          concurrent_with: [interim]
          offsets:
            - route: interim
              how: adjusted_in_final
              cite: Test Act s.2
sources:
  - id: src
    title: A source
    confidence: H
"""


def rules_with(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(TINY, root)
    (root / "legal" / "routed.yaml").write_text(text, encoding="utf-8")
    return root


def test_a_valid_route_loads_linked(tmp_path: Path) -> None:
    ruleset = load_ruleset(rules_with(tmp_path, ROUTED))
    version = ruleset.entitlements["routed"].versions[0]
    interim, final = version.routes
    # documents default to the version's (none here); interactions are qualified.
    assert interim.documents == () and final.documents == ("fir-copy",)
    assert final.concurrent_with == ("routed/interim",)
    assert [(o.route, o.how) for o in final.offsets] == [("routed/interim", "adjusted_in_final")]
    # an event's `sets` are typed like a profile's facts.
    assert dict(final.opens_on[0].sets) == {"age": 18}
    assert interim.time_limits[0].limit.start_fact == "rescued_on"
    assert errors_only(lint(ruleset)) == []


def test_event_dates_come_in_the_engine_form(tmp_path: Path) -> None:
    text = ROUTED.replace("sets: {age: 18}", "sets: {rescued_on: '2021-01-01'}")
    ruleset = load_ruleset(rules_with(tmp_path, text))
    event = ruleset.entitlements["routed"].versions[0].routes[1].opens_on[0]
    assert dict(event.sets) == {"rescued_on": dt.date(2021, 1, 1)}


# (what to break, into what, the error code, where it must point: a needle and how far into it)
CASES = [
    ("interim: [Interim]", "interim: [Interm]", "E315", "Interm", 0),
    ("forum: dlsa\n        payer", "forum: dlsaa\n        payer", "E312", "dlsaa", 0),
    ("payer: slsa", "payer: slssa", "E312", "slssa", 0),
    ("documents: [fir-copy]", "documents: [fir-cpy]", "E313", "fir-cpy", 0),
    ("office: dlsa\n      - id: final", "office: dlssa\n      - id: final", "E312", "dlssa", 0),
    ("concurrent_with: [interim]", "concurrent_with: [interrim]", "E316", "interrim", 0),
    ("concurrent_with: [interim]", "concurrent_with: [final]", "E316", "[final]", 1),
    ("- route: interim", "- route: one-entitlement/final", "E316", "one-entitlement/final", 0),
    ("start_fact: rescued_on", "start_fact: trafficked", "E317", "start_fact: trafficked", 12),
    ("date_fact: rescued_on", "date_fact: rescued_at", "E317", "rescued_at", 0),
    ("sets: {age: 18}", "sets: {is_child: true}", "E318", "is_child", 0),
    ("sets: {age: 18}", "sets: {age: 200}", "E318", "200", 0),
    ("sets: {age: 18}", "sets: {agee: 18}", "E318", "agee", 0),
    ("test: age >= 18", "test: agee >= 18", "E301", "agee", 0),
    ("when: age < 18", "when: age < 'x'", "E302", "'x'", 0),
]


@pytest.mark.parametrize(("old", "new", "code", "needle", "shift"), CASES,
                         ids=[f"{c[2]}-{c[3]}" for c in CASES])
def test_each_wrong_name_is_an_error_at_its_place(tmp_path: Path, old: str, new: str, code: str,
                                                  needle: str, shift: int) -> None:
    assert ROUTED.count(old) == 1
    text = ROUTED.replace(old, new)
    with pytest.raises(RulesetInvalid) as info:
        load_ruleset(rules_with(tmp_path, text))
    line, col = where(text, needle)
    assert [(e.file, e.code, e.line, e.col) for e in info.value.errors] == [
        ("legal/routed.yaml", code, line, col + shift)]


@pytest.mark.parametrize(("old", "new", "what"), [
    ("        final: [Final]\n", "", "a route pays something"),
    ("      - id: final\n", "      - id: interim\n", "two routes share an id"),
    ("applicants: [victim]", "applicants: [anyone]", "Input should be"),
    ("how: adjusted_in_final", "how: halved", "Input should be"),
    ("              cite: Test Act s.2\n",
     "              cite: Test Act s.2\n              verified: false\n", "needs a note"),
])
def test_route_shape_errors(tmp_path: Path, old: str, new: str, what: str) -> None:
    with pytest.raises(RulesetInvalid) as info:
        load_ruleset(rules_with(tmp_path, ROUTED.replace(old, new)))
    errors: list[RuleError] = info.value.errors
    assert [e.code for e in errors] == ["E401"] and what in errors[0].message


def test_a_route_that_can_never_open_is_a_lint_error(tmp_path: Path) -> None:
    text = ROUTED.replace("test: age >= 18", "test: age >= 18 and age < 10")
    ruleset = load_ruleset(rules_with(tmp_path, text))
    line, col = where(text, "- test: age >= 18 and")
    assert [(f.code, f.line, f.col) for f in errors_only(lint(ruleset))] == [
        ("E417", line, col)]
