"""`adhikar impact` on the batch rows: who changes, and the money a change costs, weighted by
how many people each profile stands for, per entitlement and per State."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from service.cli import main
from service.impact import impact
from service.rules.load import load_ruleset
from tests.cli.conftest import TINY, replace

AS_OF = dt.date(2021, 6, 1)
GIRL = {"trafficked": True, "age": 15, "gender": "female", "harms_suffered": []}
PROFILES: list[tuple[str, dict[str, Any]]] = [
    ("girl", {**GIRL, "people": 3}),  # 100,000 -> 120,000, three times
    ("raped", {**GIRL, "harms_suffered": ["rape"], "people": 1}),  # at least 300,000: no bound
    ("not-trafficked", {"trafficked": False, "people": 5}),
]


@pytest.fixture
def before_after(tmp_path: Path) -> tuple[Path, Path]:
    base, rules = tmp_path / "base", tmp_path / "rules"
    shutil.copytree(TINY, base)
    shutil.copytree(TINY, rules)
    replace(rules, "          - value: 100000", "          - value: 120000")
    return base, rules


def test_money_is_summed_per_entitlement_with_weights(before_after: tuple[Path, Path]) -> None:
    base, new = (load_ruleset(p) for p in before_after)
    report = impact(base, new, PROFILES, AS_OF, weight="people")
    assert report.profiles == 3 and report.weight == 9
    money = report.entitlements["one-entitlement"].money
    assert money.before.eligible == money.after.eligible == 4
    assert money.before.surely == 3 * 100_000 + 300_000
    assert money.after.surely == 3 * 120_000 + 300_000
    assert money.cost() == (60_000, None)  # the raped girl's amount has no upper bound
    assert report.states["unknown"] == money  # one entitlement: the State sums the same
    [change] = report.entitlements["one-entitlement"].amount_changes
    assert change.profile_id == "girl"
    assert (change.amounts_before, change.amounts_after) == ((100_000, 100_000),
                                                             (120_000, 120_000))


def test_without_weights_each_profile_counts_once(before_after: tuple[Path, Path]) -> None:
    base, new = (load_ruleset(p) for p in before_after)
    plain = [(pid, {k: v for k, v in p.items() if k != "people"}) for pid, p in PROFILES]
    report = impact(base, new, plain, AS_OF)
    assert report.weight == 3
    assert report.entitlements["one-entitlement"].money.cost() == (20_000, None)


@pytest.mark.parametrize("weight", [0, -2, "many", True])
def test_a_bad_weight_skips_the_profile_and_says_why(
        before_after: tuple[Path, Path], weight: object) -> None:
    base, new = (load_ruleset(p) for p in before_after)
    report = impact(base, new, [("odd", {**GIRL, "people": weight})], AS_OF, weight="people")
    assert report.profiles == 0
    assert "people" in report.skipped["odd"] and "positive number" in report.skipped["odd"]


def test_the_command_reports_the_cost(before_after: tuple[Path, Path], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    base, new = before_after
    profiles = tmp_path / "population.jsonl"
    profiles.write_text("\n".join(json.dumps({"id": pid, "profile": p}) for pid, p in PROFILES))
    args = ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(profiles),
            "--as-of", AS_OF.isoformat(), "--weight", "people"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "9 people" in out
    assert "one-entitlement: 600,000 / no upper bound -> 660,000 / no upper bound" in out
    assert "(change +60,000 / no upper bound)" in out
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    money = report["money"]["entitlements"]["one-entitlement"]
    assert money["change"] == {"surely": 60_000, "at_most": None}
    assert report["money"]["states"]["unknown"]["after"]["eligible"] == 4
