"""adhikar lint: what loading alone does not catch, reported as file:line:col: CODE message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.cli import main
from service.rules.lint import lint
from service.rules.load import load_ruleset
from tests.cli.conftest import replace
from tests.conftest import RULES

LINE = re.compile(r"^(?P<file>\S+\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<code>[EW]\d{3}) ")


def codes(root: Path) -> list[str]:
    return [f.code for f in lint(load_ruleset(root))]


def test_the_bundled_rules_have_no_lint_errors() -> None:
    assert not [str(f) for f in lint(load_ruleset(RULES)) if f.code.startswith("E")]


def test_every_figure_of_the_bundled_rules_is_a_parameter() -> None:
    assert not [str(f) for f in lint(load_ruleset(RULES)) if f.code == "W428"]


def test_a_gap_between_versions_is_a_warning(rules: Path) -> None:
    replace(rules, "  - valid_from: 2023-01-01", "  - valid_from: 2023-03-01")
    findings = [f for f in lint(load_ruleset(rules)) if f.code == "W404"]
    assert len(findings) == 1
    assert "2022-12-31" in findings[0].message and "2023-03-01" in findings[0].message
    text = (rules / "legal/one-entitlement.yaml").read_text().splitlines()
    assert "2023-03-01" in text[findings[0].line - 1]


def test_a_slab_after_a_wider_one_can_never_be_reached(rules: Path) -> None:
    replace(rules, "          - value: 100000",
            "          - when: age < 18\n            value: 150000\n"
            "          - when: age < 10\n            value: 175000\n          - value: 100000")
    assert codes(rules).count("E412") == 1


def test_slabs_that_split_a_range_are_all_reachable(rules: Path) -> None:
    replace(rules, "          - value: 100000",
            "          - when: age < 10\n            value: 175000\n"
            "          - when: age < 18\n            value: 150000\n          - value: 100000")
    assert "E412" not in codes(rules)


def test_a_version_whose_conditions_never_hold(rules: Path) -> None:
    replace(rules, "      - test: trafficked\n", "      - test: trafficked and not trafficked\n")
    assert "E410" in codes(rules)


def test_a_benefit_that_never_applies(rules: Path) -> None:
    replace(rules, "        kind: cash\n", "        kind: cash\n        when: age < 0\n")
    assert "E411" in codes(rules)


def test_an_amount_without_a_source(rules: Path) -> None:
    replace(rules, "        period: once\n        sources: [test-src]\n", "        period: once\n")
    assert "E415" in codes(rules)


def test_a_fact_no_condition_uses(rules: Path) -> None:
    path = rules / "facts.yaml"
    path.write_text(path.read_text().replace(
        "facts:\n", "facts:\n  never_asked:\n    type: bool\n    question: Is it ever used?\n", 1))
    found = [f for f in lint(load_ruleset(rules)) if f.code == "W301"]
    assert [f.message for f in found if "never_asked" in f.message]
    assert found[0].file == "facts.yaml" and found[0].line == 2


@pytest.mark.parametrize(("change", "code"), [
    (("      - test: trafficked\n", "      - test: traficked\n"), "E301"),
    (("gender == 'female'", "gender == 'femal'"), "E303"),
])
def test_lint_prints_every_error_and_fails(rules: Path, capsys: pytest.CaptureFixture[str],
                                           change: tuple[str, str], code: str) -> None:
    replace(rules, *change)
    replace(rules, "  - valid_from: 2023-01-01", "  - valid_from: 2022-06-01")  # overlap: E404
    assert main(["lint", str(rules)]) == 1
    err = capsys.readouterr().err.splitlines()
    found = {m["code"] for line in err if (m := LINE.match(line))}
    assert {code, "E404"} <= found


def test_lint_exit_codes(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(rules)]) == 0
    replace(rules, "  - valid_from: 2023-01-01", "  - valid_from: 2023-03-01")
    assert main(["lint", str(rules)]) == 0  # a warning alone passes
    assert main(["lint", "--strict", str(rules)]) == 1
    out = capsys.readouterr().out
    assert any(LINE.match(line) and " W404 " in line for line in out.splitlines())
