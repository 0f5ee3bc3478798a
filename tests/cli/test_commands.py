"""adhikar test, check, explain, impact and schema, run as an analyst runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from service.catalogue import NEED_NAMES, render
from service.cli import main
from service.cli.catalogue import OUT as CATALOGUE
from service.cli.schema import OUT, schemas
from service.rules import model
from service.rules.load import load_ruleset
from tests.cli.conftest import replace
from tests.conftest import RULES

PROFILE = {"trafficked": True, "age": 15, "gender": "female", "harms_suffered": ["rape"]}


def write(tmp_path: Path, data: object, name: str = "profile.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_examples_pass_and_a_broken_one_is_shown(rules: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(rules)]) == 0
    assert "0 failed" in capsys.readouterr().out
    replace(rules, "        Compensation: [300000, null]", "        Compensation: 300000")
    assert main(["test", str(rules)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "one-entitlement.yaml:" in out
    assert "expected 300000, got [300000, None]" in out


def test_check_prints_a_table_and_json(rules: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    profile = write(tmp_path, {"profile": PROFILE, "documents_held": [], "district": "Purulia"})
    assert main(["check", str(profile), "--as-of", "2021-06-01", "--rules", str(rules)]) == 0
    out = capsys.readouterr().out
    assert "ELIGIBLE" in out and "at least Rs 3,00,000" in out and "Purulia" in out
    assert main(["check", str(profile), "--as-of", "2021-06-01", "--rules", str(rules),
                 "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["results"][0]["status"] == "eligible"


def test_check_refuses_a_bad_profile(rules: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    profile = write(tmp_path, {"age": -1, "name": "x"})
    assert main(["check", str(profile), "--rules", str(rules)]) == 1
    err = capsys.readouterr().err
    assert "age must be a whole number" in err and "name is not a fact" in err


def test_explain_goes_clause_by_clause(rules: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    profile = write(tmp_path, {"trafficked": True, "age": 30, "gender": "male"})
    assert main(["explain", "one-entitlement", str(profile), "--as-of", "2021-06-01",
                 "--rules", str(rules)]) == 0
    out = capsys.readouterr().out
    assert "status: not eligible" in out
    assert "[    yes] trafficked\n" in out
    assert "<- decides it" in out and "gender == 'female'" in out


def test_impact_between_two_directories(rules: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base"
    shutil.copytree(rules, base)
    replace(rules, "          - value: 100000", "          - value: 120000")
    profiles = tmp_path / "profiles.jsonl"
    profiles.write_text("\n".join(json.dumps({"id": f"c{i}", "profile": p}) for i, p in enumerate([
        {"trafficked": True, "age": 15, "gender": "female", "harms_suffered": []},
        {"trafficked": True, "age": 15, "gender": "female", "harms_suffered": ["rape"]},
        {"trafficked": False}])))
    args = ["impact", "--base", str(base), "--rules", str(rules), "--profiles", str(profiles),
            "--as-of", "2021-06-01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "one-entitlement: 1 profile(s) changed" in out and "c0" in out
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["entitlements"]["one-entitlement"]["amount_changes"] == {
        "count": 1, "examples": ["c0"]}


def test_impact_against_a_git_revision(rules: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    repo = rules.parent
    for command in (["init", "-q"], ["add", "rules"],
                    ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"]):
        subprocess.run(["git", *command], cwd=repo, check=True)
    replace(rules, "      - test: trafficked\n", "      - test: trafficked or age < 10\n")
    profiles = write(tmp_path, [{"trafficked": False, "age": 8, "gender": "female"}], "p.json")
    assert main(["impact", "--base", "HEAD", "--rules", str(rules), "--profiles", str(profiles),
                 "--as-of", "2021-06-01"]) == 0
    assert "status not_eligible -> eligible: 1 (e.g. 1)" in capsys.readouterr().out


def test_committed_schemas_are_up_to_date() -> None:
    for name, text in schemas().items():
        assert (OUT / name).read_text() == text, f"schema/{name} is stale: run adhikar schema"


def test_the_console_script_is_installed() -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "adhikar"), "--help"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "impact" in done.stdout


def test_the_catalogue_is_up_to_date() -> None:
    assert CATALOGUE.read_text() == render(load_ruleset(RULES)), (
        "docs/catalogue.md is stale: run `make catalogue`")


def test_the_catalogue_covers_every_entitlement_and_need() -> None:
    ruleset = load_ruleset(RULES)
    page = render(ruleset)
    assert set(NEED_NAMES) == set(model.NEEDS)
    for ent in ruleset.entitlements.values():
        assert f'<a id="{ent.id}"></a>' in page
        for source in ent.sources:
            assert source.title in page
    for name in NEED_NAMES.values():
        assert f"| {name} |" in page


def test_every_rule_file_names_its_schema() -> None:
    for path in RULES.rglob("*.yaml"):
        folder = {"parameters": "parameters", "text": "text", "places": "districts"}
        kind = path.stem if path.parent == RULES else folder.get(path.parent.name, "entitlement")
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == OUT / f"{kind}.schema.json", path


