"""load_ruleset on a tiny valid rules directory, and on one broken file at a time.

Each file in ``bad/`` is a whole entitlement named by its id. Its first line says which errors
it must produce and where, e.g. ``# expect: E301 10:30`` or ``# expect: E303 10:16, E301 10:39``
(line:column in that file, 1-based, in characters). The test drops it into a copy of the tiny
ruleset as ``legal/<name>`` and checks that exactly those errors come back.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from service.errors import RuleError, RulesetInvalid
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset

HERE = Path(__file__).parent
TINY = HERE / "tiny"
BAD = sorted((HERE / "bad").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (.+)$")


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    """A fresh copy of the tiny valid ruleset, to break."""
    root = tmp_path / "rules"
    shutil.copytree(TINY, root)
    return root


def load_errors(root: Path) -> list[RuleError]:
    with pytest.raises(RulesetInvalid) as info:
        load_ruleset(root)
    assert info.value.errors, "RulesetInvalid must carry its errors"
    return info.value.errors


def found(errors: list[RuleError]) -> set[tuple[str, str, int, int]]:
    return {(e.file, e.code, e.line, e.col) for e in errors}


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and character column of the first ``needle`` in ``text``."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def expected(path: Path) -> set[tuple[str, int, int]]:
    match = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name}: the first line must be '# expect: CODE line:col[, ...]'"
    out = set()
    for item in match.group(1).split(","):
        code, pos = item.split()
        line, col = pos.split(":")
        out.add((code, int(line), int(col)))
    return out


# ---- the tiny ruleset -------------------------------------------------------------------------


def test_the_tiny_ruleset_loads(rules: Path) -> None:
    ruleset = load_ruleset(rules)
    assert isinstance(ruleset, Ruleset)
    assert (ruleset.name, ruleset.version, ruleset.files) == ("tiny test rules", "0.0.1", 5)
    assert set(ruleset.facts) == {"age", "gender", "trafficked", "harms_suffered", "rescued_on"}
    assert set(ruleset.derived) == {"is_child"}
    assert set(ruleset.offices) == {"dlsa", "slsa"}
    assert set(ruleset.documents) == {"fir-copy"}
    assert list(ruleset.entitlements) == ["one-entitlement"]
    assert ruleset.digest.startswith("sha256:") and len(ruleset.digest) == 7 + 64
    ent = ruleset.entitlements["one-entitlement"]
    assert (ent.domain, ent.file, len(ent.versions)) == ("legal", "legal/one-entitlement.yaml", 2)


def test_the_tiny_conditions_are_compiled(rules: Path) -> None:
    from service.expr.kleene import FALSE, TRUE, UNKNOWN

    version = load_ruleset(rules).entitlements["one-entitlement"].versions[0]
    assert version.fn({"trafficked": True, "age": 15}) is TRUE
    assert version.fn({"trafficked": True, "age": 30, "gender": "male"}) is FALSE
    assert version.fn({"trafficked": True, "age": 30}) is UNKNOWN
    assert version.fn({"trafficked": False}) is FALSE


def test_every_bad_file_names_its_expectation() -> None:
    assert len(BAD) >= 15
    for path in BAD:
        assert expected(path)


@pytest.mark.parametrize("bad", BAD, ids=[p.stem for p in BAD])
def test_bad_file(rules: Path, bad: Path) -> None:
    shutil.copy(bad, rules / "legal" / bad.name)
    errors = load_errors(rules)
    name = f"legal/{bad.name}"
    assert {e.file for e in errors} == {name}, [str(e) for e in errors]
    assert {(e.code, e.line, e.col) for e in errors} == expected(bad), [str(e) for e in errors]
    for e in errors:
        assert str(e).startswith(f"{name}:{e.line}:{e.col}: {e.code} ")


def test_an_error_reads_file_line_col_code_message_hint(rules: Path) -> None:
    shutil.copy(HERE / "bad" / "e301-unknown-fact.yaml", rules / "legal")
    [error] = load_errors(rules)
    assert str(error) == ("legal/e301-unknown-fact.yaml:10:30: E301 unknown fact 'agee' "
                          "(did you mean 'age'?)")


# ---- many errors at once ------------------------------------------------------------------------


def test_link_errors_in_several_files_are_all_reported(rules: Path) -> None:
    for stem in ("e301-unknown-fact", "e312-unknown-office", "e406-example-unknown-benefit",
                 "e303-devanagari-literal"):
        shutil.copy(HERE / "bad" / f"{stem}.yaml", rules / "legal")
    docs = rules / "documents.yaml"
    docs.write_text(docs.read_text().replace("issued_by: dlsa", "issued_by: dsla"))
    errors = load_errors(rules)
    assert found(errors) == {
        ("legal/e301-unknown-fact.yaml", "E301", 10, 30),
        ("legal/e312-unknown-office.yaml", "E312", 11, 13),
        ("legal/e406-example-unknown-benefit.yaml", "E406", 24, 9),
        ("legal/e303-devanagari-literal.yaml", "E303", 10, 16),
        ("legal/e303-devanagari-literal.yaml", "E301", 10, 39),
        ("documents.yaml", "E310", 4, 16),
    }


def test_read_and_schema_errors_in_several_files_are_all_reported(rules: Path) -> None:
    for stem in ("e104-python-tag", "e106-duplicate-key", "e401-unknown-key"):
        shutil.copy(HERE / "bad" / f"{stem}.yaml", rules / "legal")
    (rules / "legal" / "latin-1.yaml").write_bytes("id: caf\xe9\n".encode("latin-1"))
    (rules / "stray.yaml").write_text("id: stray\n")
    errors = load_errors(rules)
    assert found(errors) == {
        ("legal/e104-python-tag.yaml", "E104", 3, 8),
        ("legal/e106-duplicate-key.yaml", "E106", 12, 5),
        ("legal/e401-unknown-key.yaml", "E401", 11, 5),
        ("legal/latin-1.yaml", "E101", 1, 1),
        ("stray.yaml", "E108", 1, 1),
    }


def test_several_errors_in_one_file_are_all_reported(rules: Path) -> None:
    path = rules / "legal" / "one-entitlement.yaml"
    text = path.read_text()
    text = text.replace("test: is_child", "test: is_chld").replace("documents: [fir-copy]",
                                                                   "documents: [fir-cpy]")
    text = text.replace("office: dlsa\n    pays", "office: dlsaa\n    pays")
    path.write_text(text)
    name = "legal/one-entitlement.yaml"
    assert found(load_errors(rules)) == {
        (name, "E301", *where(text, "is_chld")),
        (name, "E313", *where(text, "fir-cpy")),
        (name, "E312", *where(text, "dlsaa")),
    }


# ---- errors that span files ---------------------------------------------------------------------


def _add_derived(root: Path, block: str) -> str:
    facts = root / "facts.yaml"
    text = facts.read_text() + block
    facts.write_text(text)
    return text


def test_a_derived_fact_cycle_is_e305(rules: Path) -> None:
    text = _add_derived(rules, "  loop_a:\n    expr: loop_b or trafficked\n"
                               "  loop_b:\n    expr: not loop_a\n")
    assert found(load_errors(rules)) == {
        ("facts.yaml", "E305", *where(text, "loop_a:")),
        ("facts.yaml", "E305", *where(text, "loop_b:")),
    }


def test_derived_facts_may_use_each_other_in_any_order(rules: Path) -> None:
    _add_derived(rules, "  girl:\n    expr: is_child and young_girl_gender\n"
                        "  young_girl_gender:\n    expr: gender == 'female'\n")
    ruleset = load_ruleset(rules)
    assert {"girl", "young_girl_gender", "is_child"} <= set(ruleset.derived)


def test_a_derived_fact_that_uses_itself_is_e305(rules: Path) -> None:
    text = _add_derived(rules, "  loop_a:\n    expr: loop_a and trafficked\n")
    assert found(load_errors(rules)) == {("facts.yaml", "E305", *where(text, "loop_a:"))}


def test_a_derived_fact_with_an_unknown_fact_is_e301_in_facts_yaml(rules: Path) -> None:
    text = _add_derived(rules, "  adult:\n    expr: agee >= 18\n")
    [error] = load_errors(rules)
    assert (error.file, error.code, error.hint) == ("facts.yaml", "E301", "age")
    assert (error.line, error.col) == where(text, "agee")


def test_an_escalation_loop_is_e311(rules: Path) -> None:
    offices = rules / "offices.yaml"
    text = offices.read_text().replace("    level: state\n",
                                       "    level: state\n    escalates_to: dlsa\n")
    offices.write_text(text)
    assert found(load_errors(rules)) == {
        ("offices.yaml", "E311", *where(text, "slsa\n")),
        ("offices.yaml", "E311", *where(text, "dlsa\n")),
    }


def test_an_office_that_escalates_to_itself_is_e311(rules: Path) -> None:
    offices = rules / "offices.yaml"
    text = offices.read_text().replace("escalates_to: slsa", "escalates_to: dlsa")
    offices.write_text(text)
    assert found(load_errors(rules)) == {("offices.yaml", "E311",
                                          *where(text, "dlsa\n    helplines"))}


def test_escalation_to_an_unknown_office_is_e310(rules: Path) -> None:
    offices = rules / "offices.yaml"
    text = offices.read_text().replace("escalates_to: slsa", "escalates_to: slsaa")
    offices.write_text(text)
    [error] = load_errors(rules)
    assert (error.file, error.code, error.hint) == ("offices.yaml", "E310", "slsa")
    assert (error.line, error.col) == where(text, "slsaa")


def test_the_same_id_in_two_domains_is_e402(rules: Path) -> None:
    (rules / "health").mkdir()
    copy = rules / "health" / "one-entitlement.yaml"
    copy.write_text((rules / "legal" / "one-entitlement.yaml").read_text()
                    .replace("domain: legal", "domain: health"))
    errors = load_errors(rules)
    assert [(e.code, e.line, e.col) for e in errors] == [("E402", 1, 5)]
    assert "used twice" in errors[0].message


# ---- files and folders --------------------------------------------------------------------------


def test_a_file_that_is_not_utf8_is_e101(rules: Path) -> None:
    (rules / "legal" / "latin-1.yaml").write_bytes(b"id: caf\xe9\ntitle: x\n")
    [error] = load_errors(rules)
    assert (error.file, error.code, error.line, error.col) == ("legal/latin-1.yaml", "E101", 1, 1)
    assert "UTF-8" in error.message


@pytest.mark.parametrize("place", ["notes.yaml", "misc/x.yaml", "legal/old/x.yaml",
                                   "Legal/x.yaml"])
def test_a_yaml_file_outside_the_domain_folders_is_e108(rules: Path, place: str) -> None:
    path = rules / place
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((rules / "legal" / "one-entitlement.yaml").read_text())
    assert found(load_errors(rules)) == {(place, "E108", 1, 1)}


@pytest.mark.parametrize("place", [".drafts/x.yaml", "legal/.x.yaml", "legal/notes.txt",
                                   "legal/x.yml.bak"])
def test_hidden_and_non_yaml_files_are_not_rules(rules: Path, place: str) -> None:
    path = rules / place
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("this: [is not: valid\n")
    assert load_ruleset(rules).files == 5


@pytest.mark.parametrize("name", ["ruleset.yaml", "facts.yaml", "offices.yaml", "documents.yaml"])
def test_a_missing_top_level_file_is_e107(rules: Path, name: str) -> None:
    (rules / name).unlink()
    assert (name, "E107", 1, 1) in found(load_errors(rules))


def test_a_missing_rules_directory_is_e107(tmp_path: Path) -> None:
    assert {e.code for e in load_errors(tmp_path / "nope")} >= {"E107"}


def test_an_identity_comparison_in_a_rule_file_is_an_error_not_a_crash(rules: Path) -> None:
    path = rules / "legal" / "one-entitlement.yaml"
    path.write_text(path.read_text().replace("test: is_child", "test: age is 3"))
    load_errors(rules)
