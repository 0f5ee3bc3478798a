"""A version written `from_previous: true` is the version before it with what it writes changed:
the reader sees whole versions, and errors in an inherited part point to where it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import RulesetInvalid
from service.rules.load import load_ruleset
from tests.service.rules.conftest import TWO_VERSIONS


def test_a_version_takes_what_it_leaves_out_from_the_one_before(rules: Path) -> None:
    first, second = load_ruleset(rules).entitlements["grant"].versions
    assert (second.valid_from.year, second.valid_until) == (2023, None)  # its own dates
    assert second.title == "The scheme continued"
    assert [c.text for c in second.clauses] == ["trafficked"]
    assert [s.action for s in second.steps] == ["Apply to the DLSA"]
    assert second.office == first.office == "dlsa"


def test_benefits_it_names_replace_the_previous_ones_by_label(rules: Path) -> None:
    second = load_ruleset(rules).entitlements["grant"].versions[1]
    amounts = {b.label: b.slabs[0].low for b in second.benefits}
    assert amounts == {"Grant": 1000, "Stipend": 80, "Travel": 10}
    assert [b.label for b in second.benefits] == ["Grant", "Stipend", "Travel"]


def test_an_error_in_an_inherited_part_points_where_it_is_written(rules: Path) -> None:
    path = rules / "social" / "grant.yaml"
    path.write_text(TWO_VERSIONS.replace("      - test: trafficked", "      - test: trafficed"))
    with pytest.raises(RulesetInvalid) as info:
        load_ruleset(rules)
    text = path.read_text()
    line = text[: text.index("trafficed")].count("\n") + 1
    assert {(e.code, e.line) for e in info.value.errors} == {("E301", line)}
